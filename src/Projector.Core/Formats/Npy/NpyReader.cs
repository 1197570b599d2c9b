using Projector.Core.Data;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Npy;

/// <summary>
/// Reads NumPy <c>.npy</c> arrays (format versions 1.0, 2.0 and 3.0) of shape (N, D) or (N,) as N x D float32.
/// Little-endian float32 in C order is memory-mapped; float16, float64, big-endian, Fortran order and
/// integer types are converted while streaming.
/// </summary>
internal static class NpyReader
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads the array in <paramref name="path"/>; the dataset is named after the file.</summary>
    /// <exception cref="DataFormatException">The file is not a supported .npy array.</exception>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            NpyHeader header;
            EmbeddingMatrix matrix;
            using (var stream = InputFile.OpenRead(path))
            {
                header = NpyHeader.Read(stream, stream.Length, path);
                if (header.DType.IsNativeFloat32 && !header.FortranOrder)
                {
                    matrix = EmbeddingMatrix.MapFile(path, header.DataOffset, header.Rows, header.Dimensions);
                    InputFile.Step(options, stream.Length, stream.Length);
                }
                else
                {
                    matrix = ReadData(stream, header, path, options, stream.Length);
                }
            }

            Check(path, matrix, header, options);
            return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, source: path, sourceDType: header.DType.Name);
        });
    }

    /// <summary>True when <paramref name="head"/> starts with the .npy magic and a known version.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && head.StartsWith(NpyHeader.Magic) && head[6] is 1 or 2 or 3;

    /// <summary>Refuses NaN and infinities (unless allowed), naming the row, column and byte offset in the file.</summary>
    internal static void Check(string path, EmbeddingMatrix matrix, NpyHeader header, ReadOptions options)
    {
        try
        {
            NonFiniteCheck.Ensure(path, matrix, options, offsetOfValue: (r, c) =>
                header.DataOffset + (header.DType.Size * (header.FortranOrder ? ((long)c * header.Rows) + r : ((long)r * header.Dimensions) + c)));
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    /// <summary>Converts the data that follows the header in <paramref name="stream"/> into a new float32 matrix.</summary>
    internal static EmbeddingMatrix ReadData(Stream stream, NpyHeader header, string path, ReadOptions options, long totalLength)
    {
        var matrix = EmbeddingMatrix.Allocate(header.Rows, header.Dimensions);
        try
        {
            Fill(stream, header, path, options, totalLength, matrix);
            return matrix;
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    private static void Fill(Stream stream, NpyHeader header, string path, ReadOptions options, long totalLength, EmbeddingMatrix matrix)
    {
        var size = header.DType.Size;
        var bytes = new byte[ChunkBytes];
        var values = new float[ChunkBytes / size];
        var total = matrix.Length;
        long done = 0;
        int rows = header.Rows, dims = header.Dimensions;
        while (done < total)
        {
            var want = (int)Math.Min(values.Length, total - done);
            var got = InputFile.ReadFully(stream, bytes.AsSpan(0, want * size));
            if (got < want * size)
            {
                throw new DataFormatException(path, $"the data ends after {done + (got / size)} of {total} values", "The file is truncated; copy or save it again", byteOffset: header.DataOffset + (done * size) + got);
            }

            header.DType.Convert(bytes.AsSpan(0, got), values);
            if (!header.FortranOrder)
            {
                for (var k = 0; k < want;)
                {
                    var index = done + k;
                    var row = (int)(index / dims);
                    var col = (int)(index % dims);
                    var n = Math.Min(dims - col, want - k);
                    values.AsSpan(k, n).CopyTo(matrix.GetWritableRow(row)[col..]);
                    k += n;
                }
            }
            else
            {
                // Column-major on disk: consecutive values walk down one column.
                for (var k = 0; k < want; k++)
                {
                    var index = done + k;
                    matrix.GetWritableRow((int)(index % rows))[(int)(index / rows)] = values[k];
                }
            }

            done += want;
            InputFile.Step(options, header.DataOffset + (done * size), totalLength);
        }
    }
}
