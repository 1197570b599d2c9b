using Projector.Core.Data;

namespace Projector.Core.Formats.Csv;

/// <summary>CSV with a header row: numeric columns form the vector (or those <c>--columns</c> picks), the rest metadata.</summary>
internal sealed class CsvFormat : DataFormat
{
    public override string Name => "csv";

    public override string Description => "CSV with a header";

    public override IReadOnlyList<string> Extensions { get; } = [".csv"];

    public override int DetectionOrder => 80;

    public override bool IsText => true;

    public override bool Sniff(ReadOnlySpan<byte> head, string extension) => CsvVectorReader.Sniff(head);

    public override IReadOnlyList<Dataset> Read(string path, ReadOptions options) => [CsvVectorReader.Read(path, options)];
}
