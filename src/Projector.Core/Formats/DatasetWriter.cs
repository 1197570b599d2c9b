using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>Writes datasets in the format an output path's extension names (see <see cref="FormatRegistry"/>).</summary>
public static class DatasetWriter
{
    /// <summary>The writing format for <paramref name="path"/>'s extension, or null when none fits.</summary>
    public static DataFormat? ForPath(string path) => FormatRegistry.WriterFor(path);

    /// <summary>Writes <paramref name="datasets"/> to <paramref name="path"/> in the format its extension names.</summary>
    /// <exception cref="ArgumentException">No format writes the extension, or it holds one embedding and several were given.</exception>
    public static void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        var format = ForPath(path)
            ?? throw new ArgumentException($"No format writes '{Path.GetExtension(path)}'; use {string.Join(", ", FormatRegistry.WritableExtensions)}.", nameof(path));
        Write(path, format, datasets, cancellationToken);
    }

    /// <summary>Writes <paramref name="datasets"/> (several only when <see cref="DataFormat.WritesMany"/>) to <paramref name="path"/> as <paramref name="format"/>.</summary>
    public static void Write(string path, DataFormat format, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(datasets);
        if (!format.CanWrite)
        {
            throw new ArgumentException($"{format.Name} files are read, not written.", nameof(format));
        }

        if (!format.WritesMany && datasets.Count != 1)
        {
            throw new ArgumentException($"A {format.Name} file holds one embedding, not {datasets.Count}.", nameof(datasets));
        }

        format.Write(path, datasets, cancellationToken);
    }
}
