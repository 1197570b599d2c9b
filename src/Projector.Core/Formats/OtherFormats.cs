using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>MERGE: dispatch to the npy, npz, word2vec, GloVe and CSV readers.</summary>
internal static class OtherFormats
{
    public static bool Sniff(InputFormat format, ReadOnlySpan<byte> head, string ext) => false;

    public static bool IsWord2VecText(ReadOnlySpan<byte> head) => false;

    public static Dataset Read(string path, InputFormat format, ReadOptions options) =>
        throw new DataFormatException(path, $"{format} is not readable yet");
}
