using System.Globalization;
using System.Text;
using System.Xml;
using Projector.Core.Data;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// Writes a <see cref="MapScene"/> as SVG: one <c>&lt;circle&gt;</c> per point (or a frame and an
/// <c>&lt;image&gt;</c> tile for sprites), the legend as rectangles and real <c>&lt;text&gt;</c>, so the
/// picture stays sharp at any size and its words can be edited or searched.
/// </summary>
internal static class SvgMapWriter
{
    // The renderer's own fonts first (in their fallback order), then what a viewer has.
    private static readonly string Font = string.Join(", ", MapFonts.Families.Select(f => $"'{f}'")) + ", sans-serif";

    /// <summary>Writes the SVG document of <paramref name="scene"/> to <paramref name="writer"/>.</summary>
    public static void Write(MapScene scene, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(writer);
        var w = writer;
        w.Write(FormattableString.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{scene.Width}\" height=\"{scene.Height}\" viewBox=\"0 0 {scene.Width} {scene.Height}\">\n"));
        if (scene.Title is { } title)
        {
            w.Write($"<title>{Escape(title)}</title>\n");
        }

        w.Write("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        if (scene.GradientBar is not null)
        {
            w.Write("<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
            for (var i = 0; i <= 8; i++)
            {
                w.Write(FormattableString.Invariant($"<stop offset=\"{i / 8.0:0.###}\" stop-color=\"{Palette.Gradient(i / 8.0).Hex}\"/>"));
            }

            w.Write("</linearGradient></defs>\n");
        }

        w.Write("<g id=\"points\">\n");
        if (scene.Sprite is not null)
        {
            WriteTiles(scene, w, cancellationToken);
        }
        else
        {
            var r = N(scene.Radius);
            foreach (var i in scene.Order)
            {
                if (!float.IsNaN(scene.X[i]))
                {
                    w.Write($"<circle cx=\"{N(scene.X[i])}\" cy=\"{N(scene.Y[i])}\" r=\"{r}\" fill=\"{scene.Coloring.Colors[i].Hex}\"/>\n");
                }
            }
        }

        w.Write("</g>\n<g id=\"legend\">\n");
        foreach (var rect in scene.Rects)
        {
            w.Write(FormattableString.Invariant($"<rect x=\"{rect.X}\" y=\"{rect.Y}\" width=\"{rect.Width}\" height=\"{rect.Height}\" fill=\"{rect.Color.Hex}\"/>\n"));
        }

        if (scene.GradientBar is { } bar)
        {
            w.Write(FormattableString.Invariant($"<rect x=\"{bar.X}\" y=\"{bar.Y}\" width=\"{bar.Width}\" height=\"{bar.Height}\" fill=\"url(#scale)\"/>\n"));
        }

        foreach (var t in scene.Texts)
        {
            // The end of a right-to-left label is its left side; `direction` comes from the text, as the PNG's.
            var anchor = t.Anchor == TextAnchor.End ? " text-anchor=\"end\"" : string.Empty;
            w.Write($"<text x=\"{N(t.X)}\" y=\"{N(t.Y)}\" font-family=\"{Font}\" font-size=\"{N(t.Size)}\" fill=\"{t.Color.Hex}\"{anchor}>{Escape(t.Text)}</text>\n");
        }

        w.Write("</g>\n</svg>\n");
    }

    private static void WriteTiles(MapScene scene, TextWriter w, CancellationToken ct)
    {
        var sprite = scene.Sprite!;
        var sheet = sprite.GetImage();
        var (tw, th) = (sprite.TileWidth, sprite.TileHeight);
        var columns = Math.Max(1, sheet.Width / tw);
        var (dw, dh) = scene.Tile;
        var f = scene.Frame;
        foreach (var i in scene.Order)
        {
            ct.ThrowIfCancellationRequested();
            var (sx, sy) = (i % columns * tw, i / columns * th);
            if (float.IsNaN(scene.X[i]) || sy + th > sheet.Height)
            {
                continue;
            }

            var tile = new RgbaImage(tw, th);
            for (var row = 0; row < th; row++)
            {
                sheet.Pixels.AsSpan((((sy + row) * sheet.Width) + sx) * 4, tw * 4).CopyTo(tile.Pixels.AsSpan(row * tw * 4));
            }

            var left = MathF.Round(scene.X[i] - (dw / 2f));
            var top = MathF.Round(scene.Y[i] - (dh / 2f));
            if (f > 0)
            {
                w.Write($"<rect x=\"{N(left - f)}\" y=\"{N(top - f)}\" width=\"{N(dw + (2 * f))}\" height=\"{N(dh + (2 * f))}\" fill=\"{scene.Coloring.Colors[i].Hex}\"/>\n");
            }

            var data = Convert.ToBase64String(PngEncoder.Encode(tile));
            w.Write($"<image x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(dw)}\" height=\"{N(dh)}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{data}\"/>\n");
        }
    }

    private static string N(float v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> as XML character data: markup characters escaped, and characters XML may not
    /// hold (controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, so any label gives a valid file.
    /// </summary>
    internal static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                b.Append(c).Append(text[++i]);
                continue;
            }

            b.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ when XmlConvert.IsXmlChar(c) => c.ToString(),
                _ => "\uFFFD",
            });
        }

        return b.ToString();
    }
}
