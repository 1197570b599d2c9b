using Projector.Core.Data;

namespace Projector.Core.Formats.Parquet;

/// <summary>Apache Parquet (<c>.parquet</c>): vectors in a list column, other columns as metadata.</summary>
internal static class ParquetFormat
{
    /// <summary>Reads the vectors and metadata of a Parquet file, row group by row group.</summary>
    /// <exception cref="DataFormatException">The file is not a usable Parquet file.</exception>
    public static Dataset Read(string path, ReadOptions options) => ParquetDatasetReader.Read(path, options);

    /// <summary>Writes <paramref name="dataset"/> atomically as Parquet.</summary>
    public static void Write(string path, Dataset dataset, CancellationToken ct) => ParquetDatasetWriter.Write(path, dataset, ct);

    /// <summary>True when <paramref name="head"/> starts with the Parquet magic <c>PAR1</c>.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => head.StartsWith(ParquetFooter.Magic);
}
