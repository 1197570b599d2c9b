using Projector.Core;
using Projector.Core.Data;
using Projector.Server.Contracts;

namespace Projector.Server.Catalog;

/// <summary>A catalog item and its dataset, read on first use (once, whichever request comes first).</summary>
internal sealed class CatalogEntry : IDisposable
{
    private readonly Lazy<Dataset> _dataset;
    private CatalogItem? _item;

    public CatalogEntry(string id, CatalogSpec spec, Func<Dataset> load)
    {
        Id = id;
        Spec = spec;
        _dataset = new Lazy<Dataset>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Id { get; }

    public CatalogSpec Spec { get; }

    public bool IsLoaded => _dataset.IsValueCreated;

    /// <summary>The dataset; a file that cannot be read is a 422 problem with the reader's sentence.</summary>
    public Dataset Dataset
    {
        get
        {
            try
            {
                return _dataset.Value;
            }
            catch (DataFormatException e)
            {
                throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, ServerRemedies.Describe(e));
            }
        }
    }

    /// <summary>The catalog item; reads the dataset when it has not been read yet.</summary>
    public CatalogItem Item()
    {
        if (_item is { } done)
        {
            return done;
        }

        try
        {
            var d = Dataset;
            var columns = d.Metadata.Columns
                .Select(c => new ColumnInfo(c.Name, c.Kind == MetadataKind.Number ? "number" : "text", c.DistinctCount, c.MissingCount))
                .ToList();
            var sprite = d.Sprite is { } s ? new SpriteInfo(s.Width, s.Height, s.TileWidth, s.TileHeight) : null;
            return _item = new CatalogItem(Id, Spec.Name, d.Points, d.Dimensions, Spec.Source, Spec.Group, Spec.Tensor, Spec.Run ?? d.Run, Spec.Step ?? d.Step, columns, sprite, [.. d.Warnings]);
        }
        catch (ApiProblem e)
        {
            // One unreadable input must not hide the others: it is listed, empty, with the reason.
            return new CatalogItem(Id, Spec.Name, 0, 0, Spec.Source, Spec.Group, Spec.Tensor, Spec.Run, Spec.Step, [], null, [e.Message]);
        }
    }

    public void Dispose()
    {
        if (_dataset.IsValueCreated)
        {
            _dataset.Value.Dispose();
        }
    }
}
