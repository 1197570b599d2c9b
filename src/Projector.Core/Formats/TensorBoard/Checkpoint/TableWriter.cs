using System.Buffers.Binary;
using System.IO.Hashing;
using Snappier;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// Writes a LevelDB table (the format of a checkpoint's <c>.index</c>) as TensorFlow's
/// <c>table_builder.cc</c> does: data blocks with a restart point every 16 keys, an empty metaindex
/// block, an index block with one entry per data block (restart interval 1, LevelDB's shortened
/// separator keys), the 48-byte footer. With the same entries the output is byte for byte TensorFlow's.
/// </summary>
internal sealed class TableWriter
{
    /// <summary>TensorFlow's default block size for bundle indexes (<c>table_options.h</c>).</summary>
    public const int DefaultBlockSize = 256 * 1024;

    private readonly Stream _output;
    private readonly int _blockSize;
    private readonly bool _snappy;
    private readonly BlockBuilder _data = new(16);
    private readonly BlockBuilder _index = new(1);
    private long _offset;
    private BlockHandle? _pendingHandle;
    private byte[] _lastKey = [];

    /// <summary>Creates a writer appending to <paramref name="output"/> from its current position.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="blockSize">A data block is closed once it reaches this size.</param>
    /// <param name="snappy">Compress blocks with snappy (type 1) when that makes them smaller, as LevelDB does.</param>
    public TableWriter(Stream output, int blockSize = DefaultBlockSize, bool snappy = false)
    {
        _output = output;
        _blockSize = blockSize;
        _snappy = snappy;
    }

    /// <summary>Adds an entry; keys must be unique and come in ascending byte order.</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        // LevelDB indexes a finished block only when the next key is known, to store a short separator.
        if (_pendingHandle is { } pending)
        {
            AddIndexEntry(ShortestSeparator(_lastKey, key), pending);
            _pendingHandle = null;
        }

        _data.Add(key, value);
        _lastKey = key.ToArray();
        if (_data.EstimatedSize >= _blockSize)
        {
            FlushData();
        }
    }

    /// <summary>Writes the last data block, the metaindex, the index and the footer.</summary>
    public void Finish()
    {
        if (!_data.IsEmpty)
        {
            FlushData();
        }

        if (_pendingHandle is { } pending)
        {
            AddIndexEntry(ShortSuccessor(_lastKey), pending);
            _pendingHandle = null;
        }

        var meta = WriteBlock(new BlockBuilder(16).Finish());
        var index = WriteBlock(_index.Finish());
        _output.Write(new Footer(meta, index).Encode());
    }

    private void FlushData() => _pendingHandle = WriteBlock(_data.Finish());

    private void AddIndexEntry(byte[] separator, BlockHandle handle)
    {
        var encoded = new List<byte>(BlockHandle.MaxEncodedLength);
        handle.Encode(encoded);
        _index.Add(separator, encoded.ToArray());
    }

    /// <summary>LevelDB's <c>BytewiseComparator::FindShortestSeparator</c>: a short key in [start, limit).</summary>
    private static byte[] ShortestSeparator(byte[] start, ReadOnlySpan<byte> limit)
    {
        var diff = start.AsSpan().CommonPrefixLength(limit);
        if (diff < Math.Min(start.Length, limit.Length) && start[diff] < 0xff && start[diff] + 1 < limit[diff])
        {
            var separator = start[..(diff + 1)];
            separator[diff]++;
            return separator;
        }

        return start;
    }

    /// <summary>LevelDB's <c>BytewiseComparator::FindShortSuccessor</c>: a short key at or after <paramref name="key"/>.</summary>
    private static byte[] ShortSuccessor(byte[] key)
    {
        var i = Array.FindIndex(key, b => b != 0xff);
        if (i < 0)
        {
            return key;
        }

        var successor = key[..(i + 1)];
        successor[i]++;
        return successor;
    }

    private BlockHandle WriteBlock(byte[] contents)
    {
        byte type = 0;
        if (_snappy)
        {
            var compressed = Snappy.CompressToArray(contents);
            if (compressed.Length < contents.Length - (contents.Length / 8))
            {
                contents = compressed;
                type = 1;
            }
        }

        var handle = new BlockHandle((ulong)_offset, (ulong)contents.Length);
        _output.Write(contents);
        Span<byte> trailer = stackalloc byte[5];
        trailer[0] = type;
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        crc.Append(contents);
        crc.Append(trailer[..1]);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[1..], Crc32C.Mask(crc.GetCurrentHashAsUInt32()));
        _output.Write(trailer);
        _offset += contents.Length + 5;
        return handle;
    }
}
