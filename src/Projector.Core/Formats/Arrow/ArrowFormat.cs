using Projector.Core.Data;

namespace Projector.Core.Formats.Arrow;

/// <summary>Apache Arrow IPC: files (<c>.arrow</c>, <c>.feather</c> v2, <c>.ipc</c>) and streams (<c>.arrows</c>).</summary>
internal static class ArrowFormat
{
    /// <summary>Reads the vectors and metadata of an Arrow IPC file or stream, record batch by record batch.</summary>
    /// <exception cref="DataFormatException">The file is not usable Arrow IPC.</exception>
    public static Dataset Read(string path, ReadOptions options) => ArrowDatasetReader.Read(path, options);

    /// <summary>Writes <paramref name="dataset"/> atomically: an IPC stream for <c>.arrows</c>, else an IPC file.</summary>
    public static void Write(string path, Dataset dataset, CancellationToken ct) => ArrowDatasetWriter.Write(path, dataset, ct);

    /// <summary>True when <paramref name="head"/> starts with the file magic <c>ARROW1</c> or a stream's 0xFFFFFFFF continuation marker.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(ArrowFrame.FileMagic) || (head.Length >= 8 && head.StartsWith(ArrowFrame.Continuation));
}
