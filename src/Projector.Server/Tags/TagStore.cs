using System.Collections.Concurrent;
using System.Text.Json;
using Projector.Core;
using Projector.Core.Data;
using Projector.Server.Contracts;

namespace Projector.Server.Tags;

/// <summary>
/// Values the user put on points ("edit by" in the TF projector), per dataset in
/// <c>STATE/tags/&lt;dataset id&gt;.json</c>: for each column, the tagged rows and their values. The file
/// is rewritten whole and atomically on each change, so a crash never leaves half of it, and it is read
/// again after a restart. A tag column with the name of a metadata column overrides that column's values
/// on the tagged rows; any other name is a new column, empty on the other rows. Bounded: at most
/// <see cref="MaxColumns"/> columns, values of at most <see cref="MaxValueLength"/> characters and a file
/// of at most <paramref name="maxFileBytes"/> bytes; past those a change is a 413 and nothing is written.
/// </summary>
internal sealed class TagStore(string stateFolder, long maxFileBytes = TagStore.DefaultMaxFileBytes)
{
    /// <summary>What a dataset's tags file may take: 64 MB (about three million tagged rows).</summary>
    public const long DefaultMaxFileBytes = 64L << 20;

    /// <summary>Tag columns a dataset may have.</summary>
    public const int MaxColumns = 64;

    /// <summary>The longest value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The longest column name.</summary>
    public const int MaxNameLength = 128;

    private readonly ConcurrentDictionary<string, Tags> _tags = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.Combine(stateFolder, "tags");

    public string FileFor(string datasetId) => Path.Combine(Folder, datasetId + ".json");

    /// <summary>Changes each time the dataset's tags change (0 when it has none): part of what derived answers are cached by.</summary>
    public long Version(string datasetId) => Load(datasetId).Version;

    /// <summary>The tag columns of a dataset with how many rows each has tagged.</summary>
    public IReadOnlyList<TagColumnInfo> List(string datasetId, MetadataTable? metadata)
    {
        var tags = Load(datasetId);
        lock (tags)
        {
            return [.. tags.Columns.Select(c => new TagColumnInfo(c.Name, c.Values.Count, metadata?[c.Name] is not null))];
        }
    }

    /// <summary>
    /// Puts <paramref name="value"/> on <paramref name="rows"/> of the column <paramref name="column"/> (created
    /// when new); a null or empty value removes those rows' tags. Returns the column's tagged row count.
    /// </summary>
    /// <exception cref="ApiProblem">400 for a bad name, value or row; 413 past a bound.</exception>
    public int Put(string datasetId, int points, string column, string? value, IReadOnlyList<int> rows)
    {
        var name = column.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw ApiProblem.BadRequest($"A tag column needs a name of 1 to {MaxNameLength} characters without tabs or line breaks.");
        }

        if (value is { Length: > MaxValueLength } || (value is not null && value.Any(char.IsControl)))
        {
            throw ApiProblem.BadRequest($"A tag value may have at most {MaxValueLength} characters and no tabs or line breaks.");
        }

        foreach (var row in rows)
        {
            if (row < 0 || row >= points)
            {
                throw ApiProblem.BadRequest($"The point {row} is outside 0..{points - 1}.");
            }
        }

        var tags = Load(datasetId);
        lock (tags)
        {
            var existing = tags.Columns.FirstOrDefault(c => c.Name == name);
            if (existing is null && tags.Columns.Count >= MaxColumns)
            {
                throw ApiProblem.TooLarge($"The dataset '{datasetId}' has {MaxColumns} tag columns, the most it may keep; delete one before adding another.");
            }

            var values = new SortedDictionary<int, string>(existing?.Values ?? []);
            foreach (var row in rows)
            {
                if (string.IsNullOrEmpty(value))
                {
                    values.Remove(row);
                }
                else
                {
                    values[row] = value;
                }
            }

            var columns = tags.Columns.Where(c => c.Name != name).ToList();
            var changed = new TagColumn(name, values);
            if (values.Count > 0 || existing is not null)
            {
                var at = existing is null ? columns.Count : tags.Columns.IndexOf(existing);
                columns.Insert(at, changed);
            }

            Save(datasetId, tags, columns);
            return values.Count;
        }
    }

    /// <summary>Deletes a tag column; false when there was none of that name.</summary>
    public bool Remove(string datasetId, string column)
    {
        var tags = Load(datasetId);
        lock (tags)
        {
            var kept = tags.Columns.Where(c => c.Name != column).ToList();
            if (kept.Count == tags.Columns.Count)
            {
                return false;
            }

            Save(datasetId, tags, kept);
            return true;
        }
    }

    /// <summary>The metadata with the tags applied: tagged rows override a column of the same name, other tag columns are added.</summary>
    public MetadataTable Apply(string datasetId, MetadataTable metadata)
    {
        var tags = Load(datasetId);
        lock (tags)
        {
            if (tags.Columns.Count == 0)
            {
                return metadata;
            }

            if (tags.Applied is { } done && ReferenceEquals(done.Base, metadata))
            {
                return done.Table;
            }

            var columns = new List<MetadataColumn>();
            foreach (var c in metadata.Columns)
            {
                var tagged = tags.Columns.FirstOrDefault(t => t.Name == c.Name);
                columns.Add(tagged is null ? c : Overlay(c.Name, c.Values, tagged, metadata.Rows));
            }

            foreach (var t in tags.Columns.Where(t => metadata[t.Name] is null))
            {
                columns.Add(Overlay(t.Name, null, t, metadata.Rows));
            }

            var table = new MetadataTable(metadata.Rows, columns);
            tags.Applied = (metadata, table);
            return table;
        }
    }

    /// <summary>The tag columns alone, as TSV: a header of their names, then one line per point (empty where untagged).</summary>
    public void WriteTsv(string datasetId, int points, TextWriter writer)
    {
        List<TagColumn> columns;
        var tags = Load(datasetId);
        lock (tags)
        {
            columns = [.. tags.Columns];
        }

        writer.Write(string.Join('\t', columns.Select(c => c.Name)));
        writer.Write('\n');
        // Enumerators are structs: moved in place in the array, never through a copy.
        var cursors = columns.Select(c => c.Values.GetEnumerator()).ToArray();
        var has = new bool[cursors.Length];
        for (var j = 0; j < cursors.Length; j++)
        {
            has[j] = cursors[j].MoveNext();
        }

        for (var row = 0; row < points; row++)
        {
            for (var j = 0; j < cursors.Length; j++)
            {
                if (j > 0)
                {
                    writer.Write('\t');
                }

                if (has[j] && cursors[j].Current.Key == row)
                {
                    writer.Write(cursors[j].Current.Value);
                    has[j] = cursors[j].MoveNext();
                }
            }

            writer.Write('\n');
        }
    }

    /// <summary>Removes the tags of a dataset that is gone for good (a removed upload).</summary>
    public void Forget(string datasetId)
    {
        try
        {
            File.Delete(FileFor(datasetId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing offers these tags any more; a leftover file only takes room.
        }

        _tags.TryRemove(datasetId, out _);
    }

    private static MetadataColumn Overlay(string name, IReadOnlyList<string?>? values, TagColumn tagged, int rows)
    {
        var merged = new string?[rows];
        for (var i = 0; i < rows && values is not null; i++)
        {
            merged[i] = values[i];
        }

        foreach (var (row, value) in tagged.Values)
        {
            if (row < rows)
            {
                merged[row] = value;
            }
        }

        return new MetadataColumn(name, merged);
    }

    private Tags Load(string datasetId) => _tags.GetOrAdd(datasetId, id =>
    {
        var file = FileFor(id);
        if (!File.Exists(file))
        {
            return new Tags([]);
        }

        try
        {
            using var stream = File.OpenRead(file);
            var saved = JsonSerializer.Deserialize<TagFile>(stream, ServerJson.Options);
            return new Tags([.. (saved?.Columns ?? []).Where(c => !string.IsNullOrEmpty(c.Name)).Select(c => new TagColumn(c.Name, new SortedDictionary<int, string>(c.Values ?? [])))]) { Version = 1 };
        }
        catch (JsonException)
        {
            // A damaged file (edited by hand) must not stop the server; its tags are set aside, not lost.
            File.Move(file, file + ".damaged", overwrite: true);
            return new Tags([]);
        }
    });

    private void Save(string datasetId, Tags tags, List<TagColumn> columns)
    {
        var file = new TagFile([.. columns.Select(c => new TagFileColumn(c.Name, new Dictionary<int, string>(c.Values)))]);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, ServerJson.Options);
        if (bytes.LongLength > maxFileBytes)
        {
            throw ApiProblem.TooLarge($"The tags of the dataset '{datasetId}' would take more than {maxFileBytes >> 20} MB; delete a tag column before adding more.");
        }

        Directory.CreateDirectory(Folder);
        AtomicFile.Write(FileFor(datasetId), s => s.Write(bytes));
        tags.Columns = columns;
        tags.Applied = null;
        tags.Version++;
    }

    private sealed record TagColumn(string Name, SortedDictionary<int, string> Values);

    private sealed class Tags(List<TagColumn> columns)
    {
        public List<TagColumn> Columns { get; set; } = columns;

        public (MetadataTable Base, MetadataTable Table)? Applied { get; set; }

        public long Version { get; set; }
    }
}
