using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>Small checks the formats share.</summary>
internal static class FormatChecks
{
    /// <summary>The one dataset a single-embedding format writes.</summary>
    public static Dataset Single(IReadOnlyList<Dataset> datasets, DataFormat format)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        return datasets.Count == 1 ? datasets[0] : throw new ArgumentException($"A {format.Name} file holds one embedding, not {datasets.Count}.", nameof(datasets));
    }

    /// <summary>How many non-numeric cells a column numeric everywhere else may hold before it counts as text: 1 %, at least 1.</summary>
    public static int MaxStrayCells(int rows) => Math.Max(1, rows / 100);

    /// <summary>True when the head starts with a container or image magic that raw floats would never be mistaken for.</summary>
    public static bool IsKnownContainer(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'])
        || head.StartsWith("PK\x03\x04"u8)
        || head.StartsWith("PAR1"u8)
        || head.StartsWith("ARROW1"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    /// <summary>The head without a UTF-8 byte-order mark and leading white space.</summary>
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> head) =>
        (head.StartsWith("\uFEFF"u8) ? head[3..] : head).TrimStart(" \t\r\n"u8);
}
