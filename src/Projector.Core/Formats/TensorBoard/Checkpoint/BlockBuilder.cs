using System.Buffers.Binary;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Builds one LevelDB block: keys share their prefix with the previous key except at restart points.</summary>
internal sealed class BlockBuilder(int restartInterval)
{
    private readonly List<byte> _buffer = [];
    private readonly List<int> _restarts = [0];
    private byte[] _lastKey = [];
    private int _counter;

    /// <summary>True when no entry was added since the last reset.</summary>
    public bool IsEmpty => _buffer.Count == 0;

    /// <summary>The size the block would have if finished now.</summary>
    public int EstimatedSize => _buffer.Count + (_restarts.Count * 4) + 4;

    /// <summary>Appends an entry; keys must come in ascending byte order.</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var shared = 0;
        if (_counter < restartInterval)
        {
            shared = key.CommonPrefixLength(_lastKey);
        }
        else
        {
            _restarts.Add(_buffer.Count);
            _counter = 0;
        }

        Varint.Write(_buffer, (ulong)shared);
        Varint.Write(_buffer, (ulong)(key.Length - shared));
        Varint.Write(_buffer, (ulong)value.Length);
        _buffer.AddRange(key[shared..]);
        _buffer.AddRange(value);
        _lastKey = key.ToArray();
        _counter++;
    }

    /// <summary>The finished block contents (entries, restart offsets, restart count); the builder starts over.</summary>
    public byte[] Finish()
    {
        var result = new byte[EstimatedSize];
        _buffer.CopyTo(result);
        var pos = _buffer.Count;
        foreach (var r in _restarts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(pos), r);
            pos += 4;
        }

        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(pos), _restarts.Count);
        _buffer.Clear();
        _restarts.Clear();
        _restarts.Add(0);
        _counter = 0;
        _lastKey = [];
        return result;
    }
}
