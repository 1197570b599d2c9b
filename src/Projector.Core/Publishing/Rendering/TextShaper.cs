// Font fallback and line direction are done here because no served library does them without the
// machine's fonts: Skia's only fallback is its font manager (SKFontManager.MatchCharacter), which reads
// whatever is installed (here 4 families, and MatchCharacter('한') found none), and
// neither SkiaSharp, HarfBuzzSharp nor .NET exposes the Unicode bidirectional algorithm. HarfBuzz does
// the shaping proper.
using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Projector.Core.Publishing.Rendering;

/// <summary>One run of a shaped line: glyphs of one face, in visual order, with the text they stand for.</summary>
/// <param name="Face">Index of the face in its <see cref="MapFonts"/>.</param>
/// <param name="Glyphs">Glyph ids.</param>
/// <param name="Positions">Glyph origins relative to the line's left end and baseline.</param>
/// <param name="Utf8">The run's text.</param>
/// <param name="Clusters">For each glyph, the byte offset in <paramref name="Utf8"/> of the character(s) it draws.</param>
internal sealed record ShapedRun(int Face, ushort[] Glyphs, SKPoint[] Positions, byte[] Utf8, uint[] Clusters);

/// <summary>A line of text shaped for drawing: its runs left to right and its advance width.</summary>
/// <param name="Runs">The runs in visual order.</param>
/// <param name="Width">The advance width in pixels.</param>
/// <param name="Size">The font size in pixels.</param>
internal sealed record ShapedLine(IReadOnlyList<ShapedRun> Runs, float Width, float Size);

/// <summary>
/// Lays out one line of text with <see cref="MapFonts"/>: each character takes the first face that has it
/// (marks and punctuation stay with the face before them), each run of one face and one direction is
/// shaped by HarfBuzz (ligatures, Arabic joining, Hangul jamo, marks), and runs of a right-to-left line
/// are placed right to left. That is the part of the Unicode bidirectional algorithm a one-line label
/// needs (no embeddings, no mirrored brackets), which neither SkiaSharp nor .NET offers.
/// </summary>
internal static class TextShaper
{
    /// <summary>Shapes <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
    public static ShapedLine Shape(MapFonts fonts, string text, float size)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(text);
        var segments = Split(fonts, text, out var rtlLine);
        var runs = new List<ShapedRun>(segments.Count);
        var x = 0f;
        IEnumerable<Segment> visual = rtlLine ? Enumerable.Reverse(segments) : segments;
        foreach (var s in visual)
        {
            using var font = Font(fonts[s.Face], size);
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf8(s.Utf8);
            buffer.Direction = s.Rtl ? HarfBuzzSharp.Direction.RightToLeft : HarfBuzzSharp.Direction.LeftToRight;
            buffer.GuessSegmentProperties();
            var shaped = fonts.Shape(s.Face, buffer, font);
            var glyphs = new ushort[shaped.Codepoints.Length];
            var positions = new SKPoint[glyphs.Length];
            for (var i = 0; i < glyphs.Length; i++)
            {
                glyphs[i] = (ushort)shaped.Codepoints[i];
                positions[i] = new SKPoint(x + shaped.Points[i].X, shaped.Points[i].Y);
            }

            runs.Add(new ShapedRun(s.Face, glyphs, positions, s.Utf8, shaped.Clusters));
            x += shaped.Width;
        }

        return new ShapedLine(runs, x, size);
    }

    /// <summary>The advance width of <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
    public static float Measure(MapFonts fonts, string text, float size) => Shape(fonts, text, size).Width;

    /// <summary>
    /// <paramref name="text"/> cut at a character boundary and ended with an ellipsis when it is wider than
    /// <paramref name="maxWidth"/> pixels at <paramref name="size"/>.
    /// </summary>
    public static string Fit(MapFonts fonts, string text, float size, float maxWidth)
    {
        if (Measure(fonts, text, size) <= maxWidth)
        {
            return text;
        }

        var bounds = StringInfo.ParseCombiningCharacters(text);
        int lo = 1, hi = bounds.Length - 1, best = 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Measure(fonts, Cut(text, bounds, mid), size) <= maxWidth)
            {
                (best, lo) = (mid, mid + 1);
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Cut(text, bounds, best);
    }

    /// <summary>For each face, the code points <paramref name="texts"/> draw with it (what a subset must keep).</summary>
    public static IReadOnlySet<int>[] CodePointsByFace(MapFonts fonts, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(texts);
        var sets = Enumerable.Range(0, fonts.Count).Select(_ => new HashSet<int>()).ToArray();
        foreach (var text in texts)
        {
            foreach (var s in Split(fonts, text, out _))
            {
                foreach (var r in Encoding.UTF8.GetString(s.Utf8).EnumerateRunes())
                {
                    sets[s.Face].Add(r.Value);
                }
            }
        }

        return sets;
    }

    /// <summary>A font of <paramref name="face"/> at <paramref name="size"/> pixels, set for print: no hinting, subpixel positions.</summary>
    public static SKFont Font(SKTypeface face, float size) =>
        new(face, size) { Subpixel = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias, LinearMetrics = true };

    private static string Cut(string text, int[] bounds, int graphemes) => string.Concat(text.AsSpan(0, bounds[graphemes]).TrimEnd(), "\u2026");

    private static List<Segment> Split(MapFonts fonts, string text, out bool rtlLine)
    {
        // The line's direction is that of its first letter, as the bidirectional algorithm's paragraph level.
        rtlLine = text.EnumerateRunes().Select(r => Rune.IsLetter(r) ? Direction(r) : null).FirstOrDefault(d => d is not null) ?? false;
        var coverage = new SKFont[fonts.Count];
        try
        {
            var segments = new List<Segment>();
            var current = new StringBuilder();
            var face = -1;
            var rtl = rtlLine;
            var runes = text.EnumerateRunes().ToArray();
            var cjkFaces = CjkFaces(fonts, coverage, runes);
            for (var i = 0; i < runes.Length; i++)
            {
                var rune = runes[i];
                var category = Rune.GetUnicodeCategory(rune);
                var strong = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol;
                var f = cjkFaces[i] >= 0 ? cjkFaces[i]
                    : !strong && face >= 0 && Has(fonts, coverage, face, rune) ? face
                    : First(fonts, coverage, rune, face);
                var d = Direction(rune) ?? rtl;
                if (current.Length > 0 && (f != face || d != rtl))
                {
                    segments.Add(new Segment(face, rtl, Encoding.UTF8.GetBytes(current.ToString())));
                    current.Clear();
                }

                (face, rtl) = (f, d);
                current.Append(rune.ToString());
            }

            if (current.Length > 0)
            {
                segments.Add(new Segment(face, rtl, Encoding.UTF8.GetBytes(current.ToString())));
            }

            return segments;
        }
        finally
        {
            foreach (var c in coverage)
            {
                c?.Dispose();
            }
        }
    }

    /// <summary>
    /// For each rune of a run of Chinese, Japanese or Korean characters, the first face that has the whole
    /// run (-1 elsewhere, or where no face has it all): ideographs look alike in the CJK faces but differ
    /// in detail, and a word drawn half in one face and half in another looks wrong.
    /// </summary>
    private static int[] CjkFaces(MapFonts fonts, SKFont[] coverage, Rune[] runes)
    {
        var faces = new int[runes.Length];
        Array.Fill(faces, -1);
        for (var start = 0; start < runes.Length;)
        {
            if (!IsCjk(runes[start]))
            {
                start++;
                continue;
            }

            var end = start;
            while (end < runes.Length && IsCjk(runes[end]))
            {
                end++;
            }

            for (var f = 0; f < fonts.Count; f++)
            {
                var all = true;
                for (var i = start; i < end && all; i++)
                {
                    all = Has(fonts, coverage, f, runes[i]);
                }

                if (all)
                {
                    faces.AsSpan(start, end - start).Fill(f);
                    break;
                }
            }

            start = end;
        }

        return faces;
    }

    private static bool IsCjk(Rune rune) => rune.Value is (>= 0x1100 and <= 0x11FF) or (>= 0x2E80 and <= 0x2FDF) or (>= 0x3000 and <= 0x9FFF)
        or (>= 0xA960 and <= 0xA97F) or (>= 0xAC00 and <= 0xD7FF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x3FFFF);

    private static int First(MapFonts fonts, SKFont[] coverage, Rune rune, int current)
    {
        for (var i = 0; i < fonts.Count; i++)
        {
            if (Has(fonts, coverage, i, rune))
            {
                return i;
            }
        }

        // No face has it: the first face's missing-glyph box, or the face of the run it sits in.
        return Math.Max(current, 0);
    }

    private static bool Has(MapFonts fonts, SKFont[] coverage, int face, Rune rune) =>
        (coverage[face] ??= new SKFont(fonts[face])).GetGlyph(rune.Value) != 0;

    /// <summary>
    /// True for right-to-left letters, false for left-to-right letters and for digits (numbers read left to
    /// right inside right-to-left text too), null for neutrals (spaces, punctuation, marks), which follow
    /// the run they are in.
    /// </summary>
    private static bool? Direction(Rune rune)
    {
        var v = rune.Value;
        var rtlBlock = v is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);
        return Rune.IsLetter(rune) ? rtlBlock
            : Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber ? false
            : null;
    }

    private sealed record Segment(int Face, bool Rtl, byte[] Utf8);
}
