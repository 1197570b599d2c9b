using Projector.Core.Data;

namespace Projector.Core.Formats.Columnar;

/// <summary>The non-vector columns of a columnar file, gathered part by part: text metadata, image columns and warnings.</summary>
internal sealed class ColumnarMetadata
{
    private readonly List<(string Name, List<string?> Values)> _text = [];
    private readonly List<(string Name, List<byte[]?> Values)> _images = [];

    /// <summary>Non-fatal problems (columns skipped, images kept aside).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The values gathered so far for text column <paramref name="name"/>.</summary>
    public List<string?> Text(string name)
    {
        foreach (var (n, values) in _text)
        {
            if (n == name)
            {
                return values;
            }
        }

        var added = new List<string?>();
        _text.Add((name, added));
        return added;
    }

    /// <summary>The images gathered so far for image column <paramref name="name"/>.</summary>
    public List<byte[]?> Images(string name)
    {
        foreach (var (n, values) in _images)
        {
            if (n == name)
            {
                return values;
            }
        }

        var added = new List<byte[]?>();
        _images.Add((name, added));
        Warnings.Add(new ImageColumn(name, []).Note);
        return added;
    }

    /// <summary>Whether <paramref name="name"/> is already an image column.</summary>
    public bool IsImage(string name) => _images.Exists(c => c.Name == name);

    /// <summary>Whether <paramref name="name"/> is already a text column.</summary>
    public bool IsText(string name) => _text.Exists(c => c.Name == name);

    /// <summary>Adds a warning once.</summary>
    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }

    /// <summary>The dataset of <paramref name="matrix"/> with the gathered columns.</summary>
    public Dataset Build(string name, EmbeddingMatrix matrix, string? source, string sourceDType)
    {
        var rows = matrix.Rows;
        var columns = _text.Where(c => c.Values.Count == rows).Select(c => new MetadataColumn(c.Name, [.. c.Values]));
        var images = _images.Where(c => c.Values.Count == rows).Select(c => new ImageColumn(c.Name, [.. c.Values])).ToArray();
        return new Dataset(name, matrix, new MetadataTable(rows, columns), source: source, sourceDType: sourceDType, warnings: Warnings)
        {
            ImageColumns = images,
        };
    }
}
