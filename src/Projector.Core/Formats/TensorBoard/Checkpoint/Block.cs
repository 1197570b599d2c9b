using System.Buffers.Binary;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// Decodes the contents of one LevelDB block: prefix-compressed entries (shared key length, unshared
/// key length, value length as varints, then the unshared key bytes and the value), followed by the
/// restart offsets (uint32 each) and their count (uint32).
/// </summary>
internal static class Block
{
    /// <summary>Every key/value pair of the block in stored order.</summary>
    /// <param name="content">The block contents, already checked and decompressed.</param>
    /// <param name="path">The table file, for errors.</param>
    /// <param name="blockOffset">Where the block starts in the file, for errors.</param>
    public static List<KeyValuePair<byte[], byte[]>> Entries(ReadOnlySpan<byte> content, string path, long blockOffset)
    {
        if (content.Length < 4)
        {
            throw Corrupt(path, blockOffset, "is shorter than its restart count");
        }

        var restarts = BinaryPrimitives.ReadUInt32LittleEndian(content[^4..]);
        var maxRestarts = (content.Length - 4) / 4;
        if (restarts > maxRestarts || (restarts == 0 && content.Length > 4))
        {
            throw Corrupt(path, blockOffset, $"claims {restarts} restart points");
        }

        var limit = content.Length - 4 - ((int)restarts * 4);
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        var key = Array.Empty<byte>();
        var pos = 0;
        while (pos < limit)
        {
            var start = pos;
            if (!Varint.TryRead32(content, ref pos, out var shared)
                || !Varint.TryRead32(content, ref pos, out var unshared)
                || !Varint.TryRead32(content, ref pos, out var valueLength)
                || shared > key.Length
                || (ulong)pos + unshared + valueLength > (ulong)limit)
            {
                throw Corrupt(path, blockOffset + start, "has an entry that runs past its end");
            }

            var next = new byte[shared + unshared];
            key.AsSpan(0, (int)shared).CopyTo(next);
            content.Slice(pos, (int)unshared).CopyTo(next.AsSpan((int)shared));
            pos += (int)unshared;
            entries.Add(new(next, content.Slice(pos, (int)valueLength).ToArray()));
            pos += (int)valueLength;
            key = next;
        }

        return entries;
    }

    private static DataFormatException Corrupt(string path, long offset, string problem) =>
        new(path, $"corrupt table block: it {problem}", "The checkpoint index is damaged; save the checkpoint again", byteOffset: offset);
}
