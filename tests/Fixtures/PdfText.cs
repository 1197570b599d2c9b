using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Projector.Tests.Fixtures;

/// <summary>
/// The text a PDF reader extracts from a page written by Skia: each text object's glyph codes mapped to
/// characters through its font's ToUnicode map (spans marked /ReversedChars, right-to-left runs, put back
/// in reading order), one line per text position. Enough for the documents the renderer writes
/// (uncompressed object layout, Flate streams, Type0 fonts), so tests need no PDF tool installed.
/// </summary>
public sealed partial class PdfText
{
    private PdfText(IReadOnlyList<string> lines, IReadOnlyList<string> fontNames, long embeddedFontBytes)
    {
        Lines = lines;
        FontNames = fontNames;
        EmbeddedFontBytes = embeddedFontBytes;
    }

    /// <summary>The text, one entry per line of the picture.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The embedded fonts' base names (subset prefix removed).</summary>
    public IReadOnlyList<string> FontNames { get; }

    /// <summary>The compressed size of the embedded font programs.</summary>
    public long EmbeddedFontBytes { get; }

    /// <summary>All lines joined by newlines.</summary>
    public string All => string.Join('\n', Lines);

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static PdfText Read(string path)
    {
        var raw = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(raw);
        var objects = new Dictionary<int, (string Dict, byte[]? Stream)>();
        foreach (Match m in ObjectStart().Matches(text))
        {
            var id = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var end = text.IndexOf("endobj", m.Index, StringComparison.Ordinal);
            var body = text[(m.Index + m.Length)..end];
            var streamAt = body.IndexOf("stream", StringComparison.Ordinal);
            if (streamAt < 0)
            {
                objects[id] = (body, null);
                continue;
            }

            var dict = body[..streamAt];
            var length = int.Parse(LengthKey().Match(dict).Groups[1].Value, CultureInfo.InvariantCulture);
            var start = m.Index + m.Length + streamAt + "stream".Length;
            start += raw[start] == '\r' ? 2 : 1;
            var data = raw.AsSpan(start, length).ToArray();
            objects[id] = (dict, dict.Contains("/FlateDecode", StringComparison.Ordinal) ? Inflate(data) : data);
        }

        var fonts = new Dictionary<string, Dictionary<int, string>>();
        var names = new List<string>();
        long fontBytes = 0;
        foreach (var (dict, stream) in objects.Values)
        {
            if (dict.Contains("/Length1", StringComparison.Ordinal) || dict.Contains("/Subtype /OpenType", StringComparison.Ordinal))
            {
                fontBytes += LengthKey().Match(dict) is { Success: true } l ? long.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            }
        }

        foreach (var (dict, _) in objects.Values)
        {
            if (dict.Contains("/Type /Page", StringComparison.Ordinal) && FontResources().Match(dict) is { Success: true } resources)
            {
                foreach (Match f in Reference().Matches(resources.Groups[1].Value))
                {
                    var font = objects[int.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture)].Dict;
                    names.Add(BaseFont().Match(font).Groups[1].Value);
                    var toUnicode = ToUnicodeKey().Match(font);
                    fonts[f.Groups[1].Value] = toUnicode.Success
                        ? CMap(Encoding.Latin1.GetString(objects[int.Parse(toUnicode.Groups[1].Value, CultureInfo.InvariantCulture)].Stream!))
                        : [];
                }
            }
        }

        var lines = new List<string>();
        foreach (var (dict, stream) in objects.Values)
        {
            if (dict.Contains("/Type /Page", StringComparison.Ordinal) && ContentsKey().Match(dict) is { Success: true } contents)
            {
                Extract(Encoding.Latin1.GetString(objects[int.Parse(contents.Groups[1].Value, CultureInfo.InvariantCulture)].Stream!), fonts, lines);
            }
        }

        return new PdfText(lines, names, fontBytes);
    }

    private static void Extract(string content, Dictionary<string, Dictionary<int, string>> fonts, List<string> lines)
    {
        Dictionary<int, string> font = [];
        string? origin = null;
        var reversed = false;
        var line = new StringBuilder();
        var block = new StringBuilder();
        var operands = new List<string>();
        foreach (Match token in Token().Matches(content))
        {
            var t = token.Value;
            if (t[0] is '/' or '<' or '[' or '(' || char.IsDigit(t[0]) || t[0] is '-' or '.')
            {
                operands.Add(t);
                continue;
            }

            switch (t)
            {
                case "Tf":
                    font = fonts.GetValueOrDefault(operands[^2].TrimStart('/'), []);
                    break;
                case "Tm":
                    var at = string.Join(' ', operands.TakeLast(2));
                    if (origin is not null && at != origin && line.Length > 0)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }

                    origin = at;
                    break;
                case "BMC":
                    // Skia marks a right-to-left run, whose glyphs are in visual order, to be read back to front.
                    reversed |= operands.Count > 0 && operands[^1] == "/ReversedChars";
                    break;
                case "Tj":
                    var hex = operands[^1].Trim('<', '>');
                    for (var i = 0; i + 4 <= hex.Length; i += 4)
                    {
                        var code = int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        block.Append(font.GetValueOrDefault(code, "\uFFFD"));
                    }

                    break;
                case "ET":
                    line.Append(reversed ? Reverse(block.ToString()) : block.ToString());
                    block.Clear();
                    reversed = false;
                    break;
            }

            operands.Clear();
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
    }

    private static string Reverse(string s)
    {
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(s);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        elements.Reverse();
        return string.Concat(elements);
    }

    private static Dictionary<int, string> CMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match section in BfChar().Matches(cmap))
        {
            foreach (Match pair in HexPair().Matches(section.Groups[1].Value))
            {
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
            }
        }

        foreach (Match section in BfRange().Matches(cmap))
        {
            foreach (Match range in HexRange().Matches(section.Groups[1].Value))
            {
                var (lo, hi, first) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Utf16(range.Groups[3].Value));
                for (var c = lo; c <= hi; c++)
                {
                    map[c] = char.ConvertFromUtf32(char.ConvertToUtf32(first, 0) + (c - lo));
                }
            }
        }

        return map;
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        return Encoding.BigEndianUnicode.GetString(bytes);
    }

    private static byte[] Inflate(byte[] data)
    {
        using var z = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var o = new MemoryStream();
        z.CopyTo(o);
        return o.ToArray();
    }

    [GeneratedRegex(@"(\d+) 0 obj\s*")]
    private static partial Regex ObjectStart();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex LengthKey();

    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontResources();

    [GeneratedRegex(@"/(\w+)\s+(\d+) 0 R")]
    private static partial Regex Reference();

    [GeneratedRegex(@"/BaseFont /(?:[A-Z]{6}\+)?([^\s/>]+)")]
    private static partial Regex BaseFont();

    [GeneratedRegex(@"/ToUnicode (\d+) 0 R")]
    private static partial Regex ToUnicodeKey();

    [GeneratedRegex(@"/Contents (\d+) 0 R")]
    private static partial Regex ContentsKey();

    [GeneratedRegex(@"/[^\s/<>\[\]()]+|<[0-9A-Fa-f\s]*>|\[[^\]]*\]|\([^)]*\)|-?[\d.]+|[A-Za-z*'""]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexRange();
}
