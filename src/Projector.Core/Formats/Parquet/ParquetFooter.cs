using System.Buffers.Binary;
using Parquet.Meta;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Checks a Parquet file's frame (magic at both ends, footer length) and the sizes its footer claims
/// against the file's length before anything is allocated from them.
/// </summary>
internal static class ParquetFooter
{
    /// <summary>The magic at the start and end of every Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Decoded values can outgrow their compressed bytes, but not without bound: 8 values per byte and 1024x compression.</summary>
    private const long ValuesPerByte = 8;
    private const long MaxCompression = 1024;

    /// <summary>Throws unless the file has the magic at both ends and a footer that fits inside it; returns the footer length.</summary>
    public static int CheckFrame(Stream stream, string path)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        var got = InputFile.ReadFully(stream, head);
        if (got < 4 || !head.SequenceEqual(Magic))
        {
            throw new DataFormatException(path, $"does not start with the Parquet magic PAR1 (it is {ContentSniffer.Describe(head[..got])})", "Pick a Parquet file, or rename the file to match its content", byteOffset: 0);
        }

        if (length < 12)
        {
            throw new DataFormatException(path, $"is only {length} bytes: the Parquet footer is missing", "The file is truncated; copy or write it again", byteOffset: length);
        }

        Span<byte> tail = stackalloc byte[8];
        stream.Position = length - 8;
        InputFile.ReadFully(stream, tail);
        if (tail[4..].SequenceEqual("PARE"u8))
        {
            throw new DataFormatException(path, "is an encrypted Parquet file", "Decrypt it first", byteOffset: length - 4);
        }

        if (!tail[4..].SequenceEqual(Magic))
        {
            throw new DataFormatException(path, "does not end with the Parquet magic PAR1: the footer is missing", "The file is truncated; copy or write it again", byteOffset: length - 4);
        }

        var footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 12)
        {
            throw new DataFormatException(path, footer <= 0 ? "the footer length is damaged (zero or negative)" : $"the footer length {footer} does not fit in the file ({length} bytes)", "The file is truncated or damaged; copy or write it again", byteOffset: length - 8);
        }

        stream.Position = 0;
        return footer;
    }

    /// <summary>Throws when a row group or column chunk claims more than the file can hold.</summary>
    public static void CheckClaims(FileMetaData meta, long fileLength, string path)
    {
        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            var group = meta.RowGroups[g];
            if (group.NumRows is < 0 or > int.MaxValue)
            {
                throw Claim(path, g, null, group.NumRows < 0 ? "declares a negative number of rows" : $"declares {group.NumRows} rows");
            }

            // Every row has at least one float of its vector, and floats decode to at most MaxCompression
            // times the bytes they are stored in: the same bound the vectors are held to once read.
            if (group.NumRows * 4 > (fileLength + 64) * MaxCompression)
            {
                throw Claim(path, g, null, $"declares {group.NumRows} rows, more than a file of {fileLength} bytes can hold");
            }

            foreach (var chunk in group.Columns)
            {
                if (chunk.MetaData is not { } m)
                {
                    continue;
                }

                var column = string.Join('.', m.PathInSchema);
                var start = Math.Min(m.DataPageOffset, m.DictionaryPageOffset ?? long.MaxValue);
                if (start < 4 || m.TotalCompressedSize < 0 || start > fileLength || m.TotalCompressedSize > fileLength - start)
                {
                    var where = start < 0 ? "a negative offset" : $"byte {start}";
                    var size = m.TotalCompressedSize < 0 ? "a negative number of" : $"{m.TotalCompressedSize}";
                    throw Claim(path, g, column, $"claims {size} bytes at {where}, beyond the end of the file ({fileLength} bytes)");
                }

                // A column holds a value (or a null) per row; run-length encoding stores a run of equal values
                // (one tag, a constant column, a mostly missing one) in a few bytes whatever its length, so only
                // values beyond the row count (the elements of a list column) must be backed by decoded bytes.
                // The row count itself is bounded above by the file's size.
                var decodedBound = (m.TotalCompressedSize + 64) * MaxCompression;
                if (m.TotalUncompressedSize < 0 || m.TotalUncompressedSize > decodedBound
                    || m.NumValues < 0 || m.NumValues > int.MaxValue
                    || m.NumValues > Math.Max(group.NumRows, (Math.Min(m.TotalUncompressedSize, decodedBound) + 64) * ValuesPerByte))
                {
                    throw Claim(path, g, column, m.NumValues < 0 || m.TotalUncompressedSize < 0
                        ? "claims a negative number of values or decoded bytes"
                        : $"claims {m.NumValues} values in {m.TotalUncompressedSize} decoded bytes from {m.TotalCompressedSize} stored bytes");
                }
            }
        }
    }

    private static DataFormatException Claim(string path, int group, string? column, string problem) =>
        new(path, $"{(column is null ? string.Empty : $"column '{column}', ")}row group {group + 1} {problem}", "The footer is damaged; write the file again");
}
