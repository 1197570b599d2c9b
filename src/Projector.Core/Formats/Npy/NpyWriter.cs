using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Projector.Core.Data;

namespace Projector.Core.Formats.Npy;

/// <summary>Writes a matrix as a little-endian float32, C-order <c>.npy</c> file, byte for byte as <c>numpy.save</c> does.</summary>
public static class NpyWriter
{
    // numpy.lib.format aligns data to 64 bytes and leaves room for the first axis to grow to 21 digits.
    private const int Align = 64;
    private const int GrowthDigits = 21;

    /// <summary>Writes <paramref name="matrix"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, EmbeddingMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream => WriteTo(stream, matrix));
    }

    /// <summary>Writes the header and data of <paramref name="matrix"/> to <paramref name="stream"/>.</summary>
    public static void WriteTo(Stream stream, EmbeddingMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        stream.Write(BuildHeader(matrix.Rows, matrix.Dimensions));
        Span<byte> scratch = BitConverter.IsLittleEndian ? default : new byte[matrix.Dimensions * sizeof(float)];
        for (var i = 0; i < matrix.Rows; i++)
        {
            var row = matrix.Row(i);
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(row));
                continue;
            }

            for (var j = 0; j < row.Length; j++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(scratch[(j * 4)..], row[j]);
            }

            stream.Write(scratch);
        }
    }

    /// <summary>The magic, version, header length and padded header dict for a rows x dimensions float32 array.</summary>
    internal static byte[] BuildHeader(long rows, int dimensions)
    {
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {dimensions}), }}");
        dict += new string(' ', Math.Max(0, GrowthDigits - rows.ToString(CultureInfo.InvariantCulture).Length));

        // Version 1.0 stores the header length in 2 bytes; 2.0 (4 bytes) only when that does not fit, as NumPy does.
        var prefix = 10;
        var pad = Align - ((prefix + dict.Length + 1) % Align);
        if (dict.Length + 1 + pad > ushort.MaxValue)
        {
            prefix = 12;
            pad = Align - ((prefix + dict.Length + 1) % Align);
        }

        var text = dict + new string(' ', pad) + "\n";
        var bytes = new byte[prefix + text.Length];
        NpyHeader.Magic.CopyTo(bytes);
        bytes[6] = prefix == 10 ? (byte)1 : (byte)2;
        if (prefix == 10)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)text.Length);
        }

        Encoding.Latin1.GetBytes(text, bytes.AsSpan(prefix));
        return bytes;
    }
}
