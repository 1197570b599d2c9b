using System.Runtime.InteropServices;
using Projector.Core.Data;

namespace Projector.Core.Formats.Bytes;

/// <summary>Writes a matrix as raw little-endian float32, row-major, no header.</summary>
public static class BytesWriter
{
    /// <summary>Writes the matrix to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, EmbeddingMatrix matrix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream => Write(stream, matrix, cancellationToken));
    }

    /// <summary>Writes the matrix's values to a stream.</summary>
    public static void Write(Stream stream, EmbeddingMatrix matrix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing float32 needs a little-endian machine.");
        }

        // Blocks of rows up to ~4 MB per write call.
        var block = Math.Max(1, (1 << 20) / matrix.Dimensions);
        for (var start = 0; start < matrix.Rows; start += block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(block, matrix.Rows - start);
            stream.Write(MemoryMarshal.AsBytes(matrix.RowBlock(start, count)));
        }
    }
}
