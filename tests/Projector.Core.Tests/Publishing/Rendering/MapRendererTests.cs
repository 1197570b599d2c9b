using System.Globalization;
using System.Xml.Linq;
using Projector.Core.Data;
using Projector.Core.Formats.Csv;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;
using Projector.Core.Publishing.Rendering;

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
        var image = PngDecoder.Decode(path);
        Assert.Equal((900, 700), (image.Width, image.Height));
        Assert.Equal(12, scene.Coloring.Entries.Count);
        var colors = ColorsIn(image, 0, 0, image.Width, image.Height);
        foreach (var e in scene.Coloring.Entries)
        {
            Assert.Contains(e.Color, colors);
        }

        // Points fill the plot; the legend and the title carry ink (swatches and text).
        var (lx, ly, lw, lh) = scene.Legend;
        Assert.True(CountInk(image, lx, ly, lw, lh) > 500);
        Assert.Contains(MapScene.Ink, ColorsIn(image, lx, ly, lw, lh));
        Assert.True(CountInk(image, 0, 0, image.Width, scene.Plot.Y) > 100);
        Assert.Equal(0, CountInk(image, 0, image.Height - 4, image.Width, 4));
        var (px, py, pw, ph) = scene.Plot;
        Assert.True(CountInk(image, px, py, pw, ph) > 5000);
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
        var image = PngDecoder.Decode(png);
        Assert.Equal(Palette.Gradient(1), At(image, bar.X + 1, bar.Y));
        Assert.Equal(Palette.Gradient(0), At(image, bar.X + 1, bar.Y + bar.Height - 1));

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
        var image = PngDecoder.Decode(png);
        var colors = ColorsIn(image, 0, 0, 300, 300);
        Assert.Contains(new Rgb(0, 0, 0), colors);
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

    private static HashSet<Rgb> ColorsIn(RgbaImage image, int x0, int y0, int w, int h)
    {
        var set = new HashSet<Rgb>();
        for (var y = y0; y < Math.Min(image.Height, y0 + h); y++)
        {
            for (var x = x0; x < Math.Min(image.Width, x0 + w); x++)
            {
                set.Add(At(image, x, y));
            }
        }

        return set;
    }

    private static int CountInk(RgbaImage image, int x0, int y0, int w, int h)
    {
        var count = 0;
        var white = new Rgb(255, 255, 255);
        for (var y = y0; y < Math.Min(image.Height, y0 + h); y++)
        {
            for (var x = x0; x < Math.Min(image.Width, x0 + w); x++)
            {
                count += At(image, x, y) == white ? 0 : 1;
            }
        }

        return count;
    }

    private static Rgb At(RgbaImage image, int x, int y)
    {
        var p = image.Pixel(x, y);
        return new Rgb(p[0], p[1], p[2]);
    }
}
