using System.Buffers.Binary;
using System.Text;

namespace Projector.Core.Tests.Formats.Npy;

/// <summary>Builds .npy files the way numpy.save lays them out.</summary>
internal static class NpyBytes
{
    public static byte[] Build(string descr, string shape, byte[] data, bool fortran = false, int version = 1) =>
        BuildRaw($"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}", data, version);

    public static byte[] BuildRaw(string dict, byte[] data, int version = 1)
    {
        var prefix = version == 1 ? 10 : 12;
        var pad = 64 - ((prefix + dict.Length + 1) % 64);
        var header = Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new byte[prefix + header.Length + data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }.CopyTo(bytes, 0);
        bytes[6] = (byte)version;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        }

        header.CopyTo(bytes, prefix);
        data.CopyTo(bytes, prefix + header.Length);
        return bytes;
    }

    public static byte[] Float32(bool bigEndian, params float[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(i * 4), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(i * 4), values[i]);
            }
        }

        return b;
    }

    public static byte[] Float64(bool bigEndian, params double[] values)
    {
        var b = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteDoubleBigEndian(b.AsSpan(i * 8), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), values[i]);
            }
        }

        return b;
    }

    public static byte[] Float16(bool bigEndian, params float[] values)
    {
        var b = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteHalfBigEndian(b.AsSpan(i * 2), (Half)values[i]);
            }
            else
            {
                BinaryPrimitives.WriteHalfLittleEndian(b.AsSpan(i * 2), (Half)values[i]);
            }
        }

        return b;
    }
}
