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

    /// <summary>Where the stream-format messages lie: all of a stream; between the magic and the footer of a file.</summary>
    public static (long Start, long End, bool IsFile) Check(Stream stream, string path)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[8];
        stream.Position = 0;
        var got = InputFile.ReadFully(stream, head);
        (long Start, long End, bool IsFile) range;
        if (got >= 6 && head.StartsWith(FileMagic))
        {
            range = (8, FooterStart(stream, length, path), true);
        }
        else if (got >= 8 && head.StartsWith(Continuation))
        {
            range = (0, length, false);
        }
        else
        {
            throw new DataFormatException(path, $"is not an Arrow IPC file or stream: it starts with neither ARROW1 nor the 0xFFFFFFFF message marker (it is {ContentSniffer.Describe(head[..got])})", "Pick an Arrow/Feather v2 file, or rename the file to match its content", byteOffset: 0);
        }

        ScanMessages(stream, range.Start, range.End, path);
        stream.Position = range.Start;
        return range;
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
            throw new DataFormatException(path, $"the footer length {footer} does not fit in the file ({length} bytes)", "The file is truncated or damaged; copy or write it again", byteOffset: length - 10);
        }

        return length - 10 - footer;
    }

    private static void ScanMessages(Stream stream, long start, long end, string path)
    {
        Span<byte> word = stackalloc byte[4];
        var pos = start;
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
                return; // end-of-stream marker
            }

            var left = end - pos - prefix;
            if (metaLength < 0 || metaLength > left)
            {
                throw new DataFormatException(path, $"an Arrow message claims {metaLength} bytes of metadata but only {left} bytes follow", "The file is truncated or damaged; copy or write it again", byteOffset: pos);
            }

            var meta = new byte[metaLength];
            InputFile.ReadFully(stream, meta);
            var body = BodyLength(meta);
            if (body < 0 || body > left - metaLength)
            {
                throw new DataFormatException(path, $"an Arrow message claims a body of {body} bytes but only {left - metaLength} bytes follow", "The file is truncated or damaged; copy or write it again", byteOffset: pos);
            }

            pos += prefix + metaLength + body;
        }

        if (pos != end && start == 0)
        {
            throw new DataFormatException(path, "the Arrow stream ends in the middle of a message", "The file is truncated; copy or write it again", byteOffset: pos);
        }
    }

    /// <summary>The <c>bodyLength</c> field (slot 3) of the <c>Message</c> flatbuffer table; -1 when the table is malformed.</summary>
    private static long BodyLength(ReadOnlySpan<byte> fb)
    {
        if (fb.Length < 4)
        {
            return -1;
        }

        var table = BinaryPrimitives.ReadInt32LittleEndian(fb);
        if (table < 0 || table > fb.Length - 4)
        {
            return -1;
        }

        var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(fb[table..]);
        if (vtable < 0 || vtable > fb.Length - 4)
        {
            return -1;
        }

        var vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(fb[vtable..]);
        const int slot = 4 + (3 * 2);
        if (vtableSize < slot + 2 || vtable + slot + 2 > fb.Length)
        {
            return 0;
        }

        var field = BinaryPrimitives.ReadUInt16LittleEndian(fb[(vtable + slot)..]);
        if (field == 0)
        {
            return 0;
        }

        return table + field + 8 <= fb.Length ? BinaryPrimitives.ReadInt64LittleEndian(fb[(table + field)..]) : -1;
    }
}
