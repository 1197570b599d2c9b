using Projector.Core.Data;
using Projector.Core.Publishing.Rendering;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class SkiaMapRendererTests
{
    [Fact]
    public void An_opaque_dot_has_its_class_colour_at_its_centre_and_blended_edge_pixels()
    {
        // Three classes far apart, with corners that fix the scale.
        float[] xy = [-4, -3, 4, 3, -4, 3, 4, -3, -2, 0, 0, 0, 2, 0];
        string?[] kind = ["corner", "corner", "corner", "corner", "a", "b", "c"];
        using var d = Data(xy, kind);
        var scene = MapScene.Compose(d, xy, 2, new MapOptions { Width = 400, Height = 300, ColorBy = "kind", PointAlpha = 1 });
        using var picture = Picture.Of(SkiaMapRenderer.Render(scene));
        var blends = 0;
        foreach (var i in new[] { 4, 5, 6 })
        {
            var (x, y) = ((int)scene.X[i], (int)scene.Y[i]);
            var color = scene.Coloring.Colors[i];
            Assert.Equal(color, picture.At(x, y));

            // The rim: pixels between the colour and white, each channel on the way from one to the other.
            var r = (int)MathF.Ceiling(scene.Radius) + 1;
            foreach (var c in picture.ColorsIn(x - r, y - r, (2 * r) + 1, (2 * r) + 1))
            {
                if (c != color && c != new Rgb(255, 255, 255) && Between(c.R, color.R) && Between(c.G, color.G) && Between(c.B, color.B))
                {
                    blends++;
                }
            }
        }

        Assert.True(blends >= 6, $"{blends} anti-aliased rim colours");
        Assert.NotEqual(scene.Coloring.Colors[4], scene.Coloring.Colors[5]);
    }

    [Fact]
    public void Dense_clusters_read_darker_than_sparse_ones_with_the_automatic_opacity()
    {
        // Two clusters of the same spread, one with twenty times the points of the other.
        var rng = new Random(11);
        var xy = new List<float> { -4, -3, 4, 3, -4, 3, 4, -3 };
        for (var i = 0; i < 3150; i++)
        {
            var (cx, s) = i < 3000 ? (-1.5f, 0.12f) : (1.5f, 0.12f);
            xy.Add(cx + (s * Gaussian(rng)));
            xy.Add(s * Gaussian(rng));
        }

        using var d = Data([.. xy], null);
        var auto = MapScene.Compose(d, [.. xy], 2, new MapOptions { Width = 400, Height = 300, ColorBy = null });
        var opaque = MapScene.Compose(d, [.. xy], 2, new MapOptions { Width = 400, Height = 300, ColorBy = null, PointAlpha = 1 });
        Assert.InRange(auto.Alpha, 0.1f, 0.5f);
        Assert.Equal(1f, opaque.Alpha);
        using var a = Picture.Of(SkiaMapRenderer.Render(auto));
        using var o = Picture.Of(SkiaMapRenderer.Render(opaque));
        double Core(Picture p, MapScene s, int first) => p.Lightness((int)Median(s.X, first) - 1, (int)Median(s.Y, first) - 1, 3, 3);
        Assert.True(Math.Abs(Median(auto.X, 4) - Median(auto.X, 3004)) > 50);

        // Opaque dots cover both cores alike: one flat colour. With the automatic opacity the dense core is darker.
        Assert.True(Math.Abs(Core(o, opaque, 4) - Core(o, opaque, 3004)) < 3, $"{Core(o, opaque, 4)} vs {Core(o, opaque, 3004)}");
        Assert.True(Core(a, auto, 3004) - Core(a, auto, 4) > 30, $"dense {Core(a, auto, 4)}, sparse {Core(a, auto, 3004)}");

        // Both cores carry ink; the empty plot between them does not.
        Assert.True(Core(a, auto, 3004) < 230);
        Assert.Equal(255, a.Lightness((int)auto.X[0] + 20, (int)auto.Y[0] - 20, 5, 5));
    }

    [Fact]
    public void Few_dots_are_nearly_opaque_and_a_million_are_light()
    {
        var rng = new Random(5);
        var few = Enumerable.Range(0, 200).SelectMany(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToArray();
        using var sparse = Data(few, null);
        Assert.Equal(0.9f, MapScene.Compose(sparse, few, 2, new MapOptions()).Alpha);

        var many = new float[2_000_000];
        for (var i = 0; i < many.Length; i++)
        {
            many[i] = Gaussian(rng);
        }

        using var dense = Data(many, null);
        Assert.InRange(MapScene.Compose(dense, many, 2, new MapOptions()).Alpha, 0.1f, 0.3f);
    }

    [Fact]
    public void The_same_scene_gives_the_same_png_and_pdf_bytes()
    {
        using var dir = new TempDir();
        var rng = new Random(2);
        var xy = Enumerable.Range(0, 600).Select(_ => (float)rng.NextDouble()).ToArray();
        using var d = Data(xy, [.. Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "서울" : i % 3 == 1 ? "القاهرة" : "Zürich")]);
        var scene = MapScene.Compose(d, xy, 2, new MapOptions { Width = 500, Height = 400, ColorBy = "kind", Title = "Städte 도시" });
        foreach (var ext in new[] { "png", "pdf" })
        {
            MapRenderer.Save(dir.File($"a.{ext}"), scene);
            MapRenderer.Save(dir.File($"b.{ext}"), scene);
            Assert.Equal(File.ReadAllBytes(dir.File($"a.{ext}")), File.ReadAllBytes(dir.File($"b.{ext}")));
        }
    }

    // Blending towards white moves each channel from the colour's value up to 255.
    private static bool Between(byte c, byte color) => c >= color;

    private static float Median(float[] values, int first)
    {
        var part = values.AsSpan(first, 150).ToArray();
        Array.Sort(part);
        return part[75];
    }

    private static float Gaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));

    private static Dataset Data(float[] xy, string?[]? kind)
    {
        var n = xy.Length / 2;
        var columns = kind is null ? new List<MetadataColumn>() : [new MetadataColumn("kind", kind)];
        return new Dataset("points", EmbeddingMatrix.FromArray(xy, n, 2), new MetadataTable(n, columns));
    }
}
