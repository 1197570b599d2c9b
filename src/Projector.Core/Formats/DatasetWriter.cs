using Projector.Core.Data;
using Projector.Core.Formats.Arrow;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Parquet;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats;

/// <summary>Writes datasets in the format an output path's extension names.</summary>
public static class DatasetWriter
{
    /// <summary>The format for <paramref name="path"/>'s extension, or null when none fits.</summary>
    public static OutputFormat? ForPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".bytes" or ".f32" => OutputFormat.RawFloat32,
        ".tsv" => OutputFormat.TsvVectors,
        ".npy" => OutputFormat.Npy,
        ".json" => OutputFormat.StandaloneConfig,
        ".parquet" => OutputFormat.Parquet,
        ".arrow" or ".feather" or ".arrows" or ".ipc" => OutputFormat.Arrow,
        _ => null,
    };

    /// <summary>Writes <paramref name="datasets"/> (several only for a standalone config) to <paramref name="path"/>.</summary>
    public static void Write(string path, OutputFormat format, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (format != OutputFormat.StandaloneConfig && datasets.Count != 1)
        {
            throw new ArgumentException("Only a standalone config holds several embeddings.", nameof(datasets));
        }

        switch (format)
        {
            case OutputFormat.RawFloat32:
                BytesWriter.Write(path, datasets[0].Matrix, cancellationToken);
                break;
            case OutputFormat.TsvVectors:
                TsvVectorWriter.Write(path, datasets[0].Matrix, cancellationToken);
                break;
            case OutputFormat.Npy:
                NpyWriter.Write(path, datasets[0].Matrix);
                break;
            case OutputFormat.StandaloneConfig:
                StandaloneConfigWriter.Write(path, datasets, cancellationToken);
                break;
            case OutputFormat.Parquet:
                ParquetFormat.Write(path, datasets[0], cancellationToken);
                break;
            case OutputFormat.Arrow:
                ArrowFormat.Write(path, datasets[0], cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }
}
