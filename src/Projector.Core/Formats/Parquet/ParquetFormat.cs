using Projector.Core.Data;

namespace Projector.Core.Formats.Parquet;

/// <summary>Apache Parquet (<c>.parquet</c>): vectors in a list column (or chosen numeric columns), other columns as typed metadata.</summary>
internal sealed class ParquetFormat : DataFormat
{
    public override string Name => "parquet";

    public override string Description => "an Apache Parquet file";

    public override IReadOnlyList<string> Extensions { get; } = [".parquet"];

    public override int DetectionOrder => 25;

    public override bool IsText => false;

    public override bool CanWrite => true;

    public override bool CarriesMetadata => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => Sniff(head);

    /// <summary>True when <paramref name="head"/> starts with the Parquet magic <c>PAR1</c>.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => head.StartsWith(ParquetFooter.Magic);

    /// <summary>Reads the vectors and metadata of a Parquet file, row group by row group.</summary>
    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [ParquetDatasetReader.Read(path, options)];

    /// <summary>Writes the dataset atomically as Parquet (a 3-level LIST of float named <c>embedding</c>).</summary>
    public override void Write(string path, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken = default) =>
        ParquetDatasetWriter.Write(path, FormatChecks.Single(datasets, this), cancellationToken);
}
