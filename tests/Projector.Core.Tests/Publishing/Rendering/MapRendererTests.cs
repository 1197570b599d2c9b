using System.Globalization;
using System.Xml.Linq;
using Projector.Core.Data;
using Projector.Core.Formats.Csv;
using Projector.Core.Imaging;
using Projector.Core.Publishing.Rendering;
using Projector.Tests.Fixtures;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class MapRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_png_has_the_asked_size_every_category_colour_and_a_legend()
    {
        using var dir = new TempDir();
        using var d = Categories(600, 12);
        var (positions, dims) = Positions(d);
        var path = dir.File("map.png");
        var scene = MapRenderer.Save(path, d, positions, dims, new MapOptions { Width = 900, Height = 700, ColorBy = "kind", Title = "Twelve kinds" });
        using var image = Picture.Read(path);
        Assert.Equal((900, 700), (image.Width, image.Height));
        Assert.Equal(12, scene.Coloring.Entries.Count);
        var colors = image.ColorsIn(0, 0, image.Width, image.Height);
        foreach (var e in scene.Coloring.Entries)
        {
            Assert.Contains(e.Color, colors);
        }

        // Points fill the plot; the legend and the title carry ink (swatches and text).
        var (lx, ly, lw, lh) = scene.Legend;
        Assert.True(image.CountInk(lx, ly, lw, lh) > 500);
        Assert.Contains(MapScene.Ink, image.ColorsIn(lx, ly, lw, lh));
        Assert.True(image.CountInk(0, 0, image.Width, scene.Plot.Y) > 100);
        Assert.Equal(0, image.CountInk(0, image.Height - 4, image.Width, 4));
        var (px, py, pw, ph) = scene.Plot;
        Assert.True(image.CountInk(px, py, pw, ph) > 5000);
    }

    [Fact]
    public void An_svg_has_the_asked_size_a_circle_per_point_and_the_legend_as_text()
    {
        using var dir = new TempDir();
        using var d = Categories(300, 5);
        var (positions, dims) = Positions(d);
        var path = dir.File("map.svg");
        MapRenderer.Save(path, d, positions, dims, new MapOptions { Width = 640, Height = 480, ColorBy = "kind", Title = "Five <kinds> & more" });
        var svg = XDocument.Load(path).Root!;
        Assert.Equal("640", svg.Attribute("width")!.Value);
        Assert.Equal("480", svg.Attribute("height")!.Value);
        Assert.Equal(300, svg.Descendants(Svg + "circle").Count());
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Five <kinds> & more", texts);
        Assert.Contains("kind", texts);
        foreach (var k in Enumerable.Range(0, 5))
        {
            Assert.Contains($"kind {k}", texts);
        }

        Assert.Contains("60", texts);
        var fills = svg.Descendants(Svg + "circle").Select(c => c.Attribute("fill")!.Value).Distinct().ToList();
        Assert.Equal(5, fills.Count);
    }

    [Fact]
    public void Many_categories_show_the_most_frequent_and_other()
    {
        using var d = Categories(2000, 60);
        var (positions, dims) = Positions(d);
        var scene = MapScene.Compose(d, positions, dims, new MapOptions { ColorBy = "kind" });
        Assert.InRange(scene.Coloring.Entries.Count, 10, 30);
        Assert.StartsWith("other (", scene.Coloring.Entries[^1].Label, StringComparison.Ordinal);
        Assert.Equal(2000, scene.Coloring.Entries.Sum(e => e.Count));
        Assert.Equal(scene.Coloring.Entries.Count - 1, scene.Coloring.Entries.Select(e => e.Color).Distinct().Count(c => c != Palette.Other));
    }

    [Fact]
    public void A_number_column_gets_a_gradient_and_a_scale_bar()
    {
        using var dir = new TempDir();
        using var d = Categories(200, 4);
        var (positions, dims) = Positions(d);
        var png = dir.File("grad.png");
        var scene = MapRenderer.Save(png, d, positions, dims, new MapOptions { Width = 400, Height = 300, ColorBy = "score" });
        Assert.NotNull(scene.Coloring.Gradient);
        Assert.Equal(0, scene.Coloring.Gradient!.Min);
        Assert.Equal(199 * 0.25, scene.Coloring.Gradient.Max);
        var bar = scene.GradientBar!;
        using var image = Picture.Read(png);
        Assert.True(Distance(Palette.Gradient(1), image.At(bar.X + 1, bar.Y)) <= 6, $"top {image.At(bar.X + 1, bar.Y)}");
        Assert.True(Distance(Palette.Gradient(0.5), image.At(bar.X + 1, bar.Y + (bar.Height / 2))) <= 6);
        Assert.True(Distance(Palette.Gradient(0), image.At(bar.X + 1, bar.Y + bar.Height - 1)) <= 6);

        var svg = dir.File("grad.svg");
        MapRenderer.Save(svg, scene);
        var root = XDocument.Load(svg).Root!;
        Assert.Single(root.Descendants(Svg + "linearGradient"));
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("0", texts);
        Assert.Contains((199 * 0.25).ToString(CultureInfo.InvariantCulture), texts);
    }

    [Fact]
    public void Sprites_draw_each_point_as_its_tile()
    {
        using var dir = new TempDir();
        using var plain = Categories(50, 2);
        var sheet = SpriteBuilder.FromPixelRows(50, i => Enumerable.Repeat(i % 2 == 0 ? 0f : 1f, 64).ToArray(), 8, 8).Sheet;
        using var d = new Dataset("sprites", plain.Matrix, plain.Metadata, sheet);
        var (positions, dims) = Positions(d);
        var svg = dir.File("s.svg");
        MapRenderer.Save(svg, d, positions, dims, new MapOptions { Width = 400, Height = 300, Sprites = true });
        Assert.Equal(50, XDocument.Load(svg).Root!.Descendants(Svg + "image").Count());
        var png = dir.File("s.png");
        MapRenderer.Save(png, d, positions, dims, new MapOptions { Width = 400, Height = 300, Sprites = true });
        using var image = Picture.Read(png);
        var colors = image.ColorsIn(0, 0, 300, 300);
        Assert.Contains(new Rgb(0, 0, 0), colors);
    }

    [Fact]
    public void Legend_labels_in_any_script_are_drawn_as_their_letters_not_as_missing_glyph_boxes()
    {
        using var dir = new TempDir();
        string[] names = [.. new[] { "서울 지도", "北京地图", "Москва", "القاهرة", "Ελλάδα", "Crème brûlée", "東京の地図" }.Order(StringComparer.Ordinal)];

        // The same legend with characters no font has (private use), in the same order: boxes of the missing glyph.
        using var real = Named(names);
        using var missing = Named([.. names.Select((n, k) => new string((char)(0xE000 + k), n.Length))]);
        var (positions, dims) = Positions(real);
        var options = new MapOptions { Width = 700, Height = 500, ColorBy = "kind" };
        var scene = MapRenderer.Save(dir.File("real.png"), real, positions, dims, options);
        var boxes = MapRenderer.Save(dir.File("missing.png"), missing, positions, dims, options);
        using var a = Picture.Read(dir.File("real.png"));
        using var b = Picture.Read(dir.File("missing.png"));
        for (var k = 0; k < names.Length; k++)
        {
            // Each label's box, from its start: its own letters differ from the boxes over much of their ink.
            var label = scene.Texts.Single(t => t.Text == names[k]);
            var box = boxes.Texts.Single(t => t.Text == missing.Metadata["kind"]![k]);
            var (w, h) = ((int)(label.Size * 5), (int)(label.Size * 1.3f));
            var at = ((int)label.X, (int)(label.Y - label.Size));
            var ink = a.CountInk(at.Item1, at.Item2, w, h);
            Assert.True(ink > label.Size * 3, $"{label.Text}: {ink} pixels of ink");
            Assert.True(a.CountDifferent(b, at, ((int)box.X, (int)(box.Y - box.Size)), w, h) > ink / 3, label.Text);
        }
    }

    [Fact]
    public void A_pdf_is_vector_with_the_legend_as_text_in_embedded_font_subsets()
    {
        using var dir = new TempDir();
        string[] names = ["서울 지도", "北京地图", "Москва", "القاهرة", "Crème brûlée"];
        using var d = Named(names);
        var (positions, dims) = Positions(d);
        var path = dir.File("map.pdf");
        MapRenderer.Save(path, d, positions, dims, new MapOptions { Width = 800, Height = 600, ColorBy = "kind", Title = "Cities — 도시 城市" });
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 5), StringComparison.Ordinal);
        var pdf = PdfText.Read(path);
        Assert.Contains("Cities — 도시 城市", pdf.Lines);
        foreach (var n in names)
        {
            Assert.Contains(n, pdf.Lines);
        }

        Assert.Contains("kind", pdf.Lines);
        Assert.Equal(["DejaVuSans", "NotoSansKR-Regular", "NotoSansSC-Regular"], pdf.FontNames.Order());

        // Subsets: the whole faces weigh 17 MB; the few characters drawn, a few kilobytes.
        Assert.InRange(pdf.EmbeddedFontBytes, 1, 100_000);
        Assert.DoesNotContain("/Subtype /Image", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_files_from_project_are_read_back_and_checked_against_the_data()
    {
        using var dir = new TempDir();
        using var d = Categories(30, 3);
        var (positions, dims) = Positions(d);
        using var layout = EmbeddingMatrix.FromArray(positions, 30, dims);
        var csv = dir.File("layout.csv");
        CsvMatrixWriter.Write(csv, layout, ["x", "y"], d.Metadata.Columns);
        using var back = LayoutFile.Read(csv, 30);
        Assert.Equal(positions, back.ToArray());
        Assert.Throws<DataFormatException>(() => LayoutFile.Read(csv, 31));
    }

    private static Dataset Categories(int n, int kinds)
    {
        var values = new float[n * 3];
        var kind = new string?[n];
        var score = new string?[n];
        var rng = new Random(7);
        for (var i = 0; i < n; i++)
        {
            var k = i % kinds;
            kind[i] = $"kind {k}";
            score[i] = (i * 0.25).ToString(CultureInfo.InvariantCulture);
            var angle = 2 * Math.PI * k / kinds;
            values[i * 3] = (float)((10 * Math.Cos(angle)) + rng.NextDouble());
            values[(i * 3) + 1] = (float)((10 * Math.Sin(angle)) + rng.NextDouble());
            values[(i * 3) + 2] = (float)rng.NextDouble();
        }

        return new Dataset("cats", EmbeddingMatrix.FromArray(values, n, 3), new MetadataTable(n, [new MetadataColumn("kind", kind), new MetadataColumn("score", score)]));
    }

    private static Dataset Named(string[] names)
    {
        var n = names.Length * 20;
        var values = new float[n * 2];
        var kind = new string?[n];
        var rng = new Random(3);
        for (var i = 0; i < n; i++)
        {
            var k = i % names.Length;
            kind[i] = names[k];
            values[i * 2] = (float)((5 * Math.Cos(k)) + rng.NextDouble());
            values[(i * 2) + 1] = (float)((5 * Math.Sin(k)) + rng.NextDouble());
        }

        return new Dataset("named", EmbeddingMatrix.FromArray(values, n, 2), new MetadataTable(n, [new MetadataColumn("kind", kind)]));
    }

    private static (float[] Positions, int Dims) Positions(Dataset d)
    {
        var p = new float[d.Points * 2];
        for (var i = 0; i < d.Points; i++)
        {
            p[i * 2] = d.Matrix[i, 0];
            p[(i * 2) + 1] = d.Matrix[i, 1];
        }

        return (p, 2);
    }

    private static int Distance(Rgb a, Rgb b) => Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));
}
