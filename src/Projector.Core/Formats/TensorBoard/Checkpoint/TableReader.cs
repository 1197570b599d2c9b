using System.Buffers.Binary;
using System.IO.Hashing;
using Snappier;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// Reads every entry of a LevelDB table (a checkpoint's <c>.index</c>, usually a few KB) following
/// LevelDB's <c>table/format.cc</c>: footer, index block, data blocks; every block's CRC is checked.
/// </summary>
internal static class TableReader
{
    private const string Damaged = "The checkpoint index is damaged or was copied incompletely; save or copy the checkpoint again";

    /// <summary>Every block is followed by its compression type (1 byte) and masked CRC32C (4 bytes).</summary>
    private const ulong TrailerLength = 5;

    /// <summary>All key/value pairs of the table at <paramref name="path"/>, in key order.</summary>
    public static List<KeyValuePair<byte[], byte[]>> ReadAll(string path)
    {
        byte[] file;
        using (var stream = FileOpen.Read(path, allowEmpty: true))
        {
            file = new byte[stream.Length];
            stream.ReadExactly(file);
        }

        return ReadAll(file, path);
    }

    /// <summary>All key/value pairs of the table held in <paramref name="file"/>.</summary>
    public static List<KeyValuePair<byte[], byte[]>> ReadAll(byte[] file, string path)
    {
        if (file.Length < Footer.Length)
        {
            var what = Footer.HasMagic(file) ? "truncated: shorter than the 48-byte table footer" : "not a TensorFlow checkpoint index (too short for a table footer)";
            throw new DataFormatException(path, $"{what}, {file.Length} bytes", Damaged, byteOffset: 0);
        }

        var footerStart = file.Length - Footer.Length;
        if (!Footer.HasMagic(file))
        {
            throw new DataFormatException(
                path,
                "not a TensorFlow checkpoint index, or a truncated one: the table magic number is missing from its last 8 bytes",
                "Give the checkpoint prefix (model.ckpt-100) or its .index file; if the file was cut short, copy it again",
                byteOffset: file.Length - 8);
        }

        if (!Footer.TryDecode(file.AsSpan(footerStart), out var footer))
        {
            throw new DataFormatException(path, "the table footer's block handles are garbled", Damaged, byteOffset: footerStart);
        }

        var entries = new List<KeyValuePair<byte[], byte[]>>();
        var index = Block.Entries(ReadBlock(file, footer.Index, footerStart, path, footerStart), path, (long)footer.Index.Offset);
        foreach (var (_, value) in index)
        {
            var pos = 0;
            if (!BlockHandle.TryDecode(value, ref pos, out var handle))
            {
                throw new DataFormatException(path, "an index entry holds no valid block handle", Damaged, byteOffset: (long)footer.Index.Offset);
            }

            entries.AddRange(Block.Entries(ReadBlock(file, handle, footerStart, path, (long)footer.Index.Offset), path, (long)handle.Offset));
        }

        return entries;
    }

    /// <summary>The contents of the block <paramref name="handle"/> (found at byte <paramref name="handleAt"/>) points to, checked and decompressed.</summary>
    private static byte[] ReadBlock(byte[] file, BlockHandle handle, int limit, string path, long handleAt)
    {
        // Offset + size + trailer <= limit, one term at a time: handles are 64-bit varints, and a damaged one near
        // 2^64 must not wrap around into a small sum that passes.
        if (handle.Offset > (ulong)limit || handle.Size > (ulong)limit - handle.Offset || TrailerLength > (ulong)limit - handle.Offset - handle.Size)
        {
            throw new DataFormatException(
                path,
                $"truncated or damaged: a block handle points to {handle.Size} bytes at byte {handle.Offset}, past the end of the table ({limit} bytes before the footer)",
                Damaged,
                byteOffset: handleAt);
        }

        var start = (int)handle.Offset;
        var size = (int)handle.Size;
        var contents = file.AsSpan(start, size);
        var type = file[start + size];
        var stored = Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(start + size + 1)));
        var actual = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, file.AsSpan(start, size + 1));
        if (stored != actual)
        {
            throw new DataFormatException(
                path,
                $"bad block CRC: the block at byte {start} ({size} bytes) has CRC32C {actual:x8}, its trailer says {stored:x8}",
                Damaged,
                byteOffset: start);
        }

        return type switch
        {
            0 => contents.ToArray(),
            1 => Decompress(contents, path, start),
            _ => throw new DataFormatException(path, $"block compression type {type} is not known (0 none, 1 snappy)", Damaged, byteOffset: start + size),
        };
    }

    private static byte[] Decompress(ReadOnlySpan<byte> contents, string path, long offset)
    {
        try
        {
            return Snappy.DecompressToArray(contents);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"a snappy-compressed block does not decompress: {LibraryMessage.Of(e)}", Damaged, byteOffset: offset, inner: e);
        }
    }
}
