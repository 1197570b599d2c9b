using System.Buffers.Binary;
using System.IO.Hashing;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// The bytes of a <c>DT_STRING</c> tensor in a data shard, as <c>WriteStringTensor</c> and
/// <c>ReadStringTensor</c> (<c>tensor_bundle.cc</c>) lay them out: a varint length per element, a masked
/// CRC32C of those lengths, then the strings back to back. The entry's CRC covers the lengths (as
/// little-endian uint32, or uint64 past 4 GiB: not the varint bytes), the length checksum and the strings.
/// </summary>
internal static class StringTensor
{
    private const string Damaged = "The checkpoint is damaged or was copied incompletely; copy or save it again";

    /// <summary>The shard bytes of <paramref name="values"/> and the (unmasked) CRC32C TensorFlow stores for them.</summary>
    public static (byte[] Bytes, uint Crc) Encode(IReadOnlyList<byte[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lengths = new List<byte>();
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        foreach (var value in values)
        {
            Varint.Write(lengths, (ulong)value.Length);
            AppendLength(crc, (ulong)value.Length);
        }

        var bytes = new byte[lengths.Count + sizeof(uint) + values.Sum(v => (long)v.Length)];
        lengths.CopyTo(bytes);
        var lengthChecksum = bytes.AsSpan(lengths.Count, sizeof(uint));
        BinaryPrimitives.WriteUInt32LittleEndian(lengthChecksum, Crc32C.Mask(crc.GetCurrentHashAsUInt32()));
        crc.Append(lengthChecksum);
        var pos = lengths.Count + sizeof(uint);
        foreach (var value in values)
        {
            value.CopyTo(bytes, pos);
            crc.Append(value);
            pos += value.Length;
        }

        return (bytes, crc.GetCurrentHashAsUInt32());
    }

    /// <summary>Reads the <paramref name="elements"/> strings of the entry <paramref name="entry"/> from <paramref name="shard"/>, checking both CRCs.</summary>
    public static IReadOnlyList<byte[]> Read(string shard, string name, BundleEntryProto entry, long elements)
    {
        var length = File.Exists(shard) ? FileOpen.Target(new FileInfo(shard)).Length : throw new DataFormatException(
            shard,
            $"missing data shard: the index puts tensor '{name}' in this file, which does not exist",
            "Copy every PREFIX.data-NNNNN-of-MMMMM file of the checkpoint next to its .index");

        // Every element takes at least its one-byte length, so a count above the size is damage, not a big tensor.
        if (entry.Offset < 0 || entry.Size < sizeof(uint) || entry.Offset > length || entry.Size > length - entry.Offset
            || entry.Size > Array.MaxLength || elements < 0 || elements > entry.Size - sizeof(uint))
        {
            throw new DataFormatException(shard, $"string tensor '{name}' of {elements} elements cannot lie at bytes {entry.Offset}..{entry.Offset + entry.Size} of the {length}-byte data shard", Damaged, byteOffset: entry.Offset);
        }

        var data = new byte[entry.Size];
        using (var stream = FileOpen.Read(shard, allowEmpty: true))
        {
            stream.Seek(entry.Offset, SeekOrigin.Begin);
            stream.ReadExactly(data);
        }

        var sizes = new ulong[elements];
        var pos = 0;
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        for (var i = 0L; i < elements; i++)
        {
            if (!Varint.TryRead(data, ref pos, out sizes[i]))
            {
                throw Broken(shard, name, entry, $"the length of element {i} is cut off");
            }

            AppendLength(crc, sizes[i]);
        }

        if (data.Length - pos < sizeof(uint) || Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos))) != crc.GetCurrentHashAsUInt32())
        {
            throw Broken(shard, name, entry, "the checksum of its string lengths does not match");
        }

        crc.Append(data.AsSpan(pos, sizeof(uint)));
        pos += sizeof(uint);
        var values = new byte[elements][];
        for (var i = 0L; i < elements; i++)
        {
            if (sizes[i] > (ulong)(data.Length - pos))
            {
                throw Broken(shard, name, entry, $"element {i} says {sizes[i]} bytes, more than the entry has left");
            }

            values[i] = data.AsSpan(pos, (int)sizes[i]).ToArray();
            crc.Append(values[i]);
            pos += (int)sizes[i];
        }

        if (pos != data.Length || crc.GetCurrentHashAsUInt32() != Crc32C.Unmask(entry.Crc32C))
        {
            throw Broken(shard, name, entry, pos != data.Length ? $"{data.Length - pos} bytes follow its last element" : "it fails its CRC32C check");
        }

        return values;
    }

    private static void AppendLength(Crc32 crc, ulong size)
    {
        // Checkpoints from before 64-bit lengths checksummed them as uint32; TensorFlow keeps doing so below 4 GiB.
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        if (size <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)size);
            crc.Append(bytes[..sizeof(uint)]);
            return;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes, size);
        crc.Append(bytes);
    }

    private static DataFormatException Broken(string shard, string name, BundleEntryProto entry, string problem) =>
        new(shard, $"string tensor '{name}': {problem}", Damaged, byteOffset: entry.Offset);
}
