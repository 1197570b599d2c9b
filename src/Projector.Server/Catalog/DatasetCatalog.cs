using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard;
using Projector.Server.Contracts;

namespace Projector.Server.Catalog;

/// <summary>
/// Every dataset the server offers: those given at start, those opened later under a served folder,
/// and uploads. Thread-safe; tensors are read on first use.
/// </summary>
internal sealed class DatasetCatalog(FileConfinement? confinement = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<CatalogEntry> _entries = [];
    private readonly Dictionary<string, CatalogEntry> _byId = new(StringComparer.Ordinal);

    // Items known without reading the tensor (an upload's, from its manifest), until it is read.
    private readonly Dictionary<string, CatalogItem> _known = new(StringComparer.Ordinal);

    /// <summary>Catalog entries in the order they were added.</summary>
    public IReadOnlyList<CatalogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entry with id <paramref name="id"/>, or a 404 problem.</summary>
    public CatalogEntry Get(string id)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out var e) ? e : throw ApiProblem.NotFound($"There is no dataset '{id}'.");
        }
    }

    /// <summary>
    /// The catalog item of <paramref name="entry"/>. A log dir step not read yet borrows the metadata,
    /// sprite and warnings of a step of the same run and tensor (they belong to the run, not the step)
    /// and takes its shape from the checkpoint index, so listing many steps reads one tensor, not all.
    /// </summary>
    public CatalogItem ItemOf(CatalogEntry entry)
    {
        if (!entry.IsLoaded && KnownItem(entry.Id) is { } known)
        {
            return known;
        }

        if (entry.IsLoaded || entry.Spec.HeaderShape is not { } shape)
        {
            return entry.Item();
        }

        var sibling = Entries
            .Where(e => e != entry && e.Spec.Run == entry.Spec.Run && e.Spec.Tensor == entry.Spec.Tensor && e.Spec.Input == entry.Spec.Input && e.Spec.HeaderShape is not null)
            .OrderByDescending(e => e.IsLoaded)
            .ThenByDescending(e => e.Spec.Step)
            .FirstOrDefault();
        if (sibling is null)
        {
            return entry.Item();
        }

        var template = sibling.Item();
        return template.Points == shape.Rows
            ? template with { Id = entry.Id, Step = entry.Spec.Step, Dimensions = shape.Dimensions }
            : entry.Item();
    }

    /// <summary>Adds every embedding of <paramref name="input"/>; an input already served returns its entries.</summary>
    /// <remarks>Every file its configs name is read under the catalog's <see cref="FileConfinement"/>, when listing and when reading.</remarks>
    public IReadOnlyList<CatalogEntry> AddInput(string input)
    {
        if (confinement is null)
        {
            return Add(CatalogDiscovery.Discover(input), Load);
        }

        using (confinement.Enforce())
        {
            return Add([.. CatalogDiscovery.Discover(input).Select(s => s with { Options = s.Options with { Confinement = confinement } })], Load);
        }
    }

    /// <summary>
    /// Adds an upload under the id it was given when it was uploaded, so links to it stay valid across
    /// restarts; <paramref name="known"/> is listed until the tensor is read. Null when the id is taken.
    /// </summary>
    public CatalogEntry? TryAddUpload(string id, CatalogSpec spec, Func<Dataset> load, CatalogItem? known = null)
    {
        lock (_lock)
        {
            if (_byId.ContainsKey(id))
            {
                return null;
            }

            var entry = new CatalogEntry(id, spec, known is null ? load : () => LoadKnown(id, load));
            _entries.Add(entry);
            _byId[id] = entry;
            if (known is not null)
            {
                _known[id] = known;
            }

            return entry;
        }
    }

    /// <summary>True when an entry has the id <paramref name="id"/>.</summary>
    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _byId.ContainsKey(id);
        }
    }

    /// <summary>
    /// Takes an entry out of the catalog (a removed upload): later requests for its id are 404. The entry
    /// is not disposed; the caller does that when nothing uses it any more.
    /// </summary>
    public CatalogEntry? Remove(string id)
    {
        lock (_lock)
        {
            if (!_byId.Remove(id, out var entry))
            {
                return null;
            }

            _entries.Remove(entry);
            _known.Remove(id);
            return entry;
        }
    }

    /// <summary>Reads a dataset listed by its known item; one that cannot be read is then listed with the reason, as inputs are.</summary>
    private Dataset LoadKnown(string id, Func<Dataset> load)
    {
        try
        {
            return load();
        }
        catch
        {
            lock (_lock)
            {
                _known.Remove(id);
            }

            throw;
        }
    }

    private CatalogItem? KnownItem(string id)
    {
        lock (_lock)
        {
            return _known.GetValueOrDefault(id);
        }
    }

    private IReadOnlyList<CatalogEntry> Add(IReadOnlyList<CatalogSpec> specs, Func<CatalogSpec, Dataset> load)
    {
        var added = new List<CatalogEntry>();
        lock (_lock)
        {
            foreach (var spec in specs)
            {
                var same = _entries.FirstOrDefault(e => e.Spec.Key == spec.Key);
                if (same is not null)
                {
                    added.Add(same);
                    continue;
                }

                var id = UniqueId(CatalogIds.From(spec.IdParts));
                var entry = new CatalogEntry(id, spec, () => load(spec));
                _entries.Add(entry);
                _byId[id] = entry;
                added.Add(entry);
            }
        }

        return added;
    }

    private string UniqueId(string id)
    {
        var candidate = id;
        for (var n = 2; _byId.ContainsKey(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }

    private static Dataset Load(CatalogSpec spec)
    {
        if (spec.Run is null || !Directory.Exists(spec.Input))
        {
            return DatasetReader.Read(spec.Input, spec.Options);
        }

        // A log dir can list the same tensor twice in one run; the reader keeps both, the catalog the first.
        var all = TensorBoardReader.Read(spec.Input, spec.Options);
        foreach (var extra in all.Skip(1))
        {
            extra.Dispose();
        }

        return all[0];
    }

    public void Dispose()
    {
        foreach (var e in Entries)
        {
            e.Dispose();
        }
    }
}
