using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Formats.Tsv;

/// <summary>
/// Writes vectors as TSV (one point per line, tab-separated, no header), the TF projector's
/// <c>tensor_path</c> format. Values are written in the shortest form that reads back to the same float.
/// </summary>
internal static class TsvVectorWriter
{
    /// <summary>Writes the matrix to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, EmbeddingMatrix matrix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream => Write(stream, matrix, cancellationToken));
    }

    /// <summary>Writes the matrix to a stream.</summary>
    public static void Write(Stream stream, EmbeddingMatrix matrix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);

        // 16 bytes hold any shortest float ("-1.2345678E-38" is 14) plus the separator.
        var buffer = new byte[(matrix.Dimensions * 16) + 2];
        for (var i = 0; i < matrix.Rows; i++)
        {
            var row = matrix.Row(i);
            var n = 0;
            for (var j = 0; j < row.Length; j++)
            {
                if (j > 0)
                {
                    buffer[n++] = (byte)'\t';
                }

                if (!row[j].TryFormat(buffer.AsSpan(n), out var written, default, CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException("Float formatting needed more than 16 bytes.");
                }

                n += written;
            }

            buffer[n++] = (byte)'\n';
            stream.Write(buffer, 0, n);
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
