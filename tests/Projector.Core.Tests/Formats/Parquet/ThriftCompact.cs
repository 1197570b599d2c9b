using System.Text;

namespace Projector.Core.Tests.Formats.Parquet;

/// <summary>
/// A hand-written Thrift compact protocol encoder (field headers as id deltas, zigzag varints, list
/// headers), enough to write a Parquet footer and page headers without any Parquet library.
/// </summary>
internal sealed class ThriftCompact
{
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Struct = 12;

    private readonly MemoryStream _out = new();
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public byte[] ToArray() => _out.ToArray();

    public ThriftCompact BeginStruct(short id)
    {
        FieldHeader(id, Struct);
        return BeginElementStruct();
    }

    public ThriftCompact BeginElementStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
        return this;
    }

    public ThriftCompact EndStruct()
    {
        _out.WriteByte(0);
        _lastId = _lastIds.Count > 0 ? _lastIds.Pop() : (short)0;
        return this;
    }

    public ThriftCompact Int(short id, int value)
    {
        FieldHeader(id, I32);
        Varint(ZigZag(value));
        return this;
    }

    public ThriftCompact Long(short id, long value)
    {
        FieldHeader(id, I64);
        Varint(ZigZag(value));
        return this;
    }

    public ThriftCompact String(short id, string value)
    {
        FieldHeader(id, Binary);
        var bytes = Encoding.UTF8.GetBytes(value);
        Varint((ulong)bytes.Length);
        _out.Write(bytes);
        return this;
    }

    public ThriftCompact ListHeader(short id, byte elementType, int count)
    {
        FieldHeader(id, List);
        if (count < 15)
        {
            _out.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            _out.WriteByte((byte)(0xF0 | elementType));
            Varint((ulong)count);
        }

        return this;
    }

    public ThriftCompact ElementInt(long value)
    {
        Varint(ZigZag(value));
        return this;
    }

    public ThriftCompact ElementString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Varint((ulong)bytes.Length);
        _out.Write(bytes);
        return this;
    }

    /// <summary>Ends the whole message when it is a top-level struct.</summary>
    public ThriftCompact Stop()
    {
        _out.WriteByte(0);
        return this;
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private void FieldHeader(short id, byte type)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            _out.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            _out.WriteByte(type);
            Varint(ZigZag(id));
        }

        _lastId = id;
    }

    private void Varint(ulong v)
    {
        while (v >= 0x80)
        {
            _out.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        _out.WriteByte((byte)v);
    }
}
