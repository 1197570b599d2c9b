using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Names, sizes and float32 conversion of the tensor dtypes a checkpoint may hold.</summary>
internal static class TensorDType
{
    /// <summary>The numpy-style name (<c>float32</c>, <c>int64</c>, <c>string</c>, ...).</summary>
    public static string Name(DataType type) => type switch
    {
        DataType.DtFloat => "float32",
        DataType.DtDouble => "float64",
        DataType.DtHalf => "float16",
        DataType.DtBfloat16 => "bfloat16",
        DataType.DtInt8 => "int8",
        DataType.DtInt16 => "int16",
        DataType.DtInt32 => "int32",
        DataType.DtInt64 => "int64",
        DataType.DtUint8 => "uint8",
        DataType.DtUint16 => "uint16",
        DataType.DtUint32 => "uint32",
        DataType.DtUint64 => "uint64",
        DataType.DtString => "string",
        DataType.DtBool => "bool",
        DataType.DtComplex64 => "complex64",
        DataType.DtComplex128 => "complex128",
        DataType.DtResource => "resource",
        DataType.DtVariant => "variant",
        DataType.DtQint8 => "qint8",
        DataType.DtQuint8 => "quint8",
        DataType.DtQint16 => "qint16",
        DataType.DtQuint16 => "quint16",
        DataType.DtQint32 => "qint32",
        _ => $"dtype {(int)type}",
    };

    /// <summary>Bytes per element of the numeric dtypes we convert to float32, or 0 for any other.</summary>
    public static int ElementSize(DataType type) => type switch
    {
        DataType.DtInt8 or DataType.DtUint8 => 1,
        DataType.DtHalf or DataType.DtBfloat16 or DataType.DtInt16 or DataType.DtUint16 => 2,
        DataType.DtFloat or DataType.DtInt32 or DataType.DtUint32 => 4,
        DataType.DtDouble or DataType.DtInt64 or DataType.DtUint64 => 8,
        _ => 0,
    };

    /// <summary>Converts little-endian elements of <paramref name="type"/> to float32.</summary>
    public static void ToFloat(DataType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (!BitConverter.IsLittleEndian)
        {
            ToFloatPortable(type, source, destination);
            return;
        }

        var n = destination.Length;
        switch (type)
        {
            case DataType.DtFloat: MemoryMarshal.Cast<byte, float>(source)[..n].CopyTo(destination); break;
            case DataType.DtDouble: TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(source)[..n], destination); break;
            case DataType.DtHalf: TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source)[..n], destination); break;
            case DataType.DtInt8: TensorPrimitives.ConvertTruncating<sbyte, float>(MemoryMarshal.Cast<byte, sbyte>(source)[..n], destination); break;
            case DataType.DtUint8: TensorPrimitives.ConvertTruncating<byte, float>(source[..n], destination); break;
            case DataType.DtInt16: TensorPrimitives.ConvertTruncating<short, float>(MemoryMarshal.Cast<byte, short>(source)[..n], destination); break;
            case DataType.DtUint16: TensorPrimitives.ConvertTruncating<ushort, float>(MemoryMarshal.Cast<byte, ushort>(source)[..n], destination); break;
            case DataType.DtInt32: TensorPrimitives.ConvertTruncating<int, float>(MemoryMarshal.Cast<byte, int>(source)[..n], destination); break;
            case DataType.DtUint32: TensorPrimitives.ConvertTruncating<uint, float>(MemoryMarshal.Cast<byte, uint>(source)[..n], destination); break;
            case DataType.DtInt64: TensorPrimitives.ConvertTruncating<long, float>(MemoryMarshal.Cast<byte, long>(source)[..n], destination); break;
            case DataType.DtUint64: TensorPrimitives.ConvertTruncating<ulong, float>(MemoryMarshal.Cast<byte, ulong>(source)[..n], destination); break;
            default: ToFloatPortable(type, source, destination); break;
        }
    }

    /// <summary>Element by element, for big-endian machines and bfloat16 (which .NET has no type for).</summary>
    private static void ToFloatPortable(DataType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = type switch
            {
                DataType.DtFloat => BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]),
                DataType.DtDouble => (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]),
                DataType.DtHalf => (float)BinaryPrimitives.ReadHalfLittleEndian(source[(i * 2)..]),

                // bfloat16 is the upper half of a float32.
                DataType.DtBfloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]) << 16),
                DataType.DtInt8 => (sbyte)source[i],
                DataType.DtUint8 => source[i],
                DataType.DtInt16 => BinaryPrimitives.ReadInt16LittleEndian(source[(i * 2)..]),
                DataType.DtUint16 => BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]),
                DataType.DtInt32 => BinaryPrimitives.ReadInt32LittleEndian(source[(i * 4)..]),
                DataType.DtUint32 => BinaryPrimitives.ReadUInt32LittleEndian(source[(i * 4)..]),
                DataType.DtInt64 => BinaryPrimitives.ReadInt64LittleEndian(source[(i * 8)..]),
                DataType.DtUint64 => BinaryPrimitives.ReadUInt64LittleEndian(source[(i * 8)..]),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numeric dtype"),
            };
        }
    }
}
