using System.Text;

namespace Projector.Core.Formats;

/// <summary>Describes what the first bytes of a file look like, for errors that say what was found.</summary>
internal static class ContentSniffer
{
    /// <summary>Number of bytes the sniffers look at.</summary>
    public const int HeadLength = 4096;

    /// <summary>Reads up to <see cref="HeadLength"/> bytes from the start of a file.</summary>
    public static byte[] ReadHead(string path)
    {
        using var s = FileOpen.Read(path);
        var head = new byte[(int)Math.Min(HeadLength, s.Length)];
        s.ReadExactly(head);
        return head;
    }

    /// <summary>A short human description: "a PNG image", "a zip archive", "text starting with '...'", "binary data".</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return "an empty file";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "a PNG image";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "a JPEG image";
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return "a zip archive";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']))
        {
            return "a NumPy .npy array";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return "a gzip-compressed file (decompress it first)";
        }

        if (LooksLikeText(head))
        {
            var text = Encoding.UTF8.GetString(head.StartsWith("\uFEFF"u8) ? head[3..] : head);
            var firstLine = text.Split('\n')[0].TrimEnd('\r');
            if (firstLine.Length > 40)
            {
                firstLine = firstLine[..40] + "...";
            }

            return $"text starting with '{firstLine}'";
        }

        return "binary data";
    }

    /// <summary>True when the bytes are plausibly UTF-8 text (no NULs, few control characters).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t')
            {
                control++;
            }
        }

        if (control > head.Length / 100)
        {
            return false;
        }

        // A cut in the middle of a multi-byte character at the end is fine.
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var trim = 0; trim < 4 && trim < head.Length; trim++)
        {
            try
            {
                utf8.GetCharCount(head[..^trim]);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return false;
    }
}
