namespace Projector.Fuzz.Targets;

/// <summary>
/// A valid input of one reader: the bytes of the file under test, the files it needs beside it (a
/// checkpoint's other half, the tensors a config names), and where its numeric data lies, so mutations
/// can aim at the part a checksum protects.
/// </summary>
/// <param name="Name">A short name for reports and corpus file names.</param>
/// <param name="Input">The file under test.</param>
/// <param name="Companions">Files written beside it, by path relative to its folder.</param>
/// <param name="DataStart">Where the numeric data starts in <paramref name="Input"/>, or -1 when unknown.</param>
/// <param name="DataLength">How many bytes of data follow <paramref name="DataStart"/>.</param>
public sealed record Seed(string Name, byte[] Input, IReadOnlyDictionary<string, byte[]> Companions, int DataStart = -1, int DataLength = 0)
{
    /// <summary>A seed with no companion files.</summary>
    public static Seed Alone(string name, byte[] input, int dataStart = -1, int dataLength = 0) =>
        new(name, input, new Dictionary<string, byte[]>(), dataStart, dataLength);
}
