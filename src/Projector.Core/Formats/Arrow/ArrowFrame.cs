using System.Buffers.Binary;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Arrow;

/// <summary>
/// Checks the framing of an Arrow IPC file or stream before the library reads it: the file magic and
/// footer length, then every message's metadata and body length against the bytes that are left, so
/// that no claimed size is allocated that the file cannot hold.
/// </summary>
internal static class ArrowFrame
{
    /// <summary>The magic at both ends of an Arrow IPC file (Feather v2).</summary>
    public static ReadOnlySpan<byte> FileMagic => "ARROW1"u8;

    /// <summary>The continuation marker that starts every message of a current IPC stream.</summary>
    public static ReadOnlySpan<byte> Continuation => [0xFF, 0xFF, 0xFF, 0xFF];

    /// <summary>
    /// Where the stream-format messages lie (all of a stream; between the magic and the footer of a file)
    /// and the rows their record batch headers declare, so the matrix can be allocated once.
    /// </summary>
    public static (long Start, long End, long Rows) Check(Stream stream, string path)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[8];
        stream.Position = 0;
        var got = InputFile.ReadFully(stream, head);
        (long Start, long End) range;
        if (got >= 6 && head.StartsWith(FileMagic))
        {
            range = (8, FooterStart(stream, length, path));
        }
        else if (got >= 8 && head.StartsWith(Continuation))
        {
            range = (0, length);
        }
        else
        {
            throw new DataFormatException(path, $"is not an Arrow IPC file or stream: it starts with neither ARROW1 nor the 0xFFFFFFFF message marker (it is {ContentSniffer.Describe(head[..got])})", "Pick an Arrow/Feather v2 file, or rename the file to match its content", byteOffset: 0);
        }

        var rows = ScanMessages(stream, range.Start, range.End, path);
        stream.Position = range.Start;
        return (range.Start, range.End, rows);
    }

    private static long FooterStart(Stream stream, long length, string path)
    {
        // magic(6) pad(2) ... footer, int32 footer length, magic(6)
        if (length < 18)
        {
            throw new DataFormatException(path, $"is only {length} bytes: the Arrow file footer is missing", "The file is truncated; copy or write it again", byteOffset: length);
        }

        Span<byte> tail = stackalloc byte[10];
        stream.Position = length - 10;
        InputFile.ReadFully(stream, tail);
        if (!tail[4..].SequenceEqual(FileMagic))
        {
            throw new DataFormatException(path, "does not end with the Arrow magic ARROW1: the footer is missing", "The file is truncated; copy or write it again", byteOffset: length - 6);
        }

        var footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 18)
        {
            throw new DataFormatException(path, footer <= 0 ? "the footer length is damaged (zero or negative)" : $"the footer length {footer} does not fit in the file ({length} bytes)", "The file is truncated or damaged; copy or write it again", byteOffset: length - 10);
        }

        return length - 10 - footer;
    }

    private static long ScanMessages(Stream stream, long start, long end, string path)
    {
        Span<byte> word = stackalloc byte[4];
        var pos = start;
        long rows = 0;
        while (pos + 4 <= end)
        {
            stream.Position = pos;
            InputFile.ReadFully(stream, word);
            var prefix = 4;
            var metaLength = BinaryPrimitives.ReadInt32LittleEndian(word);
            if (metaLength == -1)
            {
                if (pos + 8 > end)
                {
                    break;
                }

                InputFile.ReadFully(stream, word);
                metaLength = BinaryPrimitives.ReadInt32LittleEndian(word);
                prefix = 8;
            }

            if (metaLength == 0)
            {
                return rows; // end-of-stream marker
            }

            var left = end - pos - prefix;
            if (metaLength < 0 || metaLength > left)
            {
                var claim = metaLength < 0 ? "a negative metadata length" : $"{metaLength} bytes of metadata";
                throw new DataFormatException(path, $"an Arrow message claims {claim} but only {left} bytes follow", "The file is truncated or damaged; copy or write it again", byteOffset: pos);
            }

            var meta = new byte[metaLength];
            InputFile.ReadFully(stream, meta);
            var (body, batchRows) = Lengths(meta);

            rows = batchRows > long.MaxValue - rows ? long.MaxValue : rows + Math.Max(0, batchRows);
            if (body < 0 || body > left - metaLength)
            {
                // A body length of -1 is how a malformed message table reads.
                var claim = body < 0 ? "a body of negative or unreadable length" : $"a body of {body} bytes";
                throw new DataFormatException(path, $"an Arrow message claims {claim} but only {left - metaLength} bytes follow", "The file is truncated or damaged; copy or write it again", byteOffset: pos);
            }

            // Every row takes at least a bit of some buffer, and compression shrinks buffers at most about a
            // thousandfold: a batch claiming more rows than that is damaged, and its count must not drive loops.
            if (batchRows > (Math.Max(0, body) + 64) * 8 * 1024)
            {
                throw new DataFormatException(path, $"a record batch claims {batchRows} rows in a body of {body} bytes", "The file is damaged; copy or write it again", byteOffset: pos);
            }

            if (!VectorsFit(meta))
            {
                throw new DataFormatException(path, "an Arrow message lists more fields, nodes or buffers than its metadata holds", "The file is damaged; copy or write it again", byteOffset: pos);
            }

            pos += prefix + metaLength + body;
        }

        if (pos != end && start == 0)
        {
            throw new DataFormatException(path, "the Arrow stream ends in the middle of a message", "The file is truncated; copy or write it again", byteOffset: pos);
        }

        return rows;
    }

    /// <summary>
    /// From a <c>Message</c> flatbuffer: its <c>bodyLength</c> (slot 3; -1 when the table is malformed) and,
    /// for a record batch (header type 3), the batch's <c>length</c> in rows (slot 0 of the header table; else -1).
    /// </summary>
    private static (long Body, long Rows) Lengths(ReadOnlySpan<byte> fb)
    {
        if (Table(fb, 0) is not { } message)
        {
            return (-1, -1);
        }

        var body = Field(fb, message, 3, 8) is { } b ? BinaryPrimitives.ReadInt64LittleEndian(fb[b..]) : 0;
        var isBatch = Field(fb, message, 1, 1) is { } t && fb[t] == 3;
        if (!isBatch || Field(fb, message, 2, 4) is not { } h)
        {
            return (body, -1);
        }

        var header = h + BinaryPrimitives.ReadInt32LittleEndian(fb[h..]);
        return Table(fb, header) is { } batch && Field(fb, batch, 0, 8) is { } l ? (body, BinaryPrimitives.ReadInt64LittleEndian(fb[l..])) : (body, 0);
    }

    /// <summary>
    /// Whether the vectors of a message's header fit in its metadata: a schema's fields and key-value pairs
    /// (4-byte offsets), a record batch's nodes and buffers (16-byte structs). The library sizes lists by these
    /// counts before it reads them, so a damaged count would cost gigabytes.
    /// </summary>
    private static bool VectorsFit(ReadOnlySpan<byte> fb)
    {
        if (Table(fb, 0) is not { } message || Field(fb, message, 1, 1) is not { } t || Field(fb, message, 2, 4) is not { } h)
        {
            return true;
        }

        var header = (long)h + BinaryPrimitives.ReadInt32LittleEndian(fb[h..]);
        if (header < 0 || header > fb.Length - 4)
        {
            return false;
        }

        (int Slot, int Size)[] vectors = fb[t] switch
        {
            1 => [(1, 4), (3, 4)],
            3 => [(1, 16), (2, 16)],
            _ => [],
        };
        foreach (var (slot, size) in vectors)
        {
            if (Field(fb, (int)header, slot, 4) is not { } at)
            {
                continue;
            }

            var vector = (long)at + BinaryPrimitives.ReadUInt32LittleEndian(fb[at..]);
            if (vector > fb.Length - 4 || (long)BinaryPrimitives.ReadUInt32LittleEndian(fb[(int)vector..]) * size > fb.Length - vector - 4)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The position of the table an offset at <paramref name="at"/> points to (the root when 0), or null when out of bounds.</summary>
    private static int? Table(ReadOnlySpan<byte> fb, int at)
    {
        if (at < 0 || at > fb.Length - 4)
        {
            return null;
        }

        var table = at == 0 ? BinaryPrimitives.ReadInt32LittleEndian(fb) : at;
        return table >= 0 && table <= fb.Length - 4 ? table : null;
    }

    /// <summary>The position of field <paramref name="slot"/> of the table at <paramref name="table"/>, or null when absent or out of bounds.</summary>
    private static int? Field(ReadOnlySpan<byte> fb, int table, int slot, int size)
    {
        var vtable = (long)table - BinaryPrimitives.ReadInt32LittleEndian(fb[table..]);
        if (vtable < 0 || vtable > fb.Length - 4)
        {
            return null;
        }

        var vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(fb[(int)vtable..]);
        var entry = 4 + (slot * 2);
        if (vtableSize < entry + 2 || vtable + entry + 2 > fb.Length)
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadUInt16LittleEndian(fb[(int)(vtable + entry)..]);
        return offset != 0 && (long)table + offset + size <= fb.Length ? table + offset : null;
    }
}
