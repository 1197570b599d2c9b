using System.Text.Unicode;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Word2Vec;

/// <summary>
/// Tells the word-vector formats apart from the first bytes of a file, e.g. to decide how to read a
/// <c>.txt</c>, or to notice a <c>.bin</c> that is really text.
/// </summary>
internal static class TextVectorSniffer
{
    /// <summary>
    /// Classifies <paramref name="head"/> (the first up to 4096 bytes): a first line of exactly two whole numbers
    /// followed by text is word2vec text, followed by binary data is word2vec binary; a first line of a word and
    /// numbers is GloVe.
    /// </summary>
    public static TextVectorFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var newline = head.IndexOf((byte)'\n');
        var first = newline >= 0 ? head[..newline] : head;
        var rest = newline >= 0 ? head[(newline + 1)..] : [];
        if (first.Length > 0 && first[^1] == '\r')
        {
            first = first[..^1];
        }

        if (IsCountLine(first))
        {
            // The data after the header tells binary from text; with nothing after it, text is the safer guess.
            return rest.IsEmpty || LooksLikeText(rest) ? TextVectorFormat.Word2VecText : TextVectorFormat.Word2VecBinary;
        }

        if (!LooksLikeText(head))
        {
            return TextVectorFormat.Unknown;
        }

        // A first line cut off by the end of the head may end in half a number: leave its last field out.
        var fields = VectorLine.CountFields(first);
        var usable = newline >= 0 ? fields : fields - 1;
        if (usable < 2)
        {
            return TextVectorFormat.Unknown;
        }

        var pos = 0;
        VectorLine.NextField(first, ref pos, out _);
        for (var i = 1; i < usable; i++)
        {
            VectorLine.NextField(first, ref pos, out var field);
            if (!FloatText.TryParse(field, out _))
            {
                return TextVectorFormat.Unknown;
            }
        }

        return TextVectorFormat.Glove;
    }

    private static bool IsCountLine(ReadOnlySpan<byte> line)
    {
        var pos = 0;
        return VectorLine.NextField(line, ref pos, out var a) && VectorLine.NextField(line, ref pos, out var b)
            && !VectorLine.NextField(line, ref pos, out _)
            && FloatText.IsInteger(a, out var count) && FloatText.IsInteger(b, out var dims) && count >= 0 && dims > 0;
    }

    /// <summary>UTF-8 without control characters other than tab, CR and LF; a sequence cut at the end is fine.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
            {
                return false;
            }
        }

        for (var cut = 0; cut <= 3 && cut <= bytes.Length; cut++)
        {
            if (Utf8.IsValid(bytes[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
