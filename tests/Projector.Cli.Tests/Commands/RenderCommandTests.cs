using System.Globalization;
using System.Xml.Linq;
using Projector.Core.Publishing.Rendering;
using Projector.Tests.Fixtures;
using SkiaSharp;

namespace Projector.Cli.Tests.Commands;

public sealed class RenderCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Mnist_pca_png_has_the_default_size_every_digit_colour_and_a_legend()
    {
        using var dir = new TempDir();
        var png = dir.File("mnist.png");
        var run = CliRun.Of("render", "demo:mnist", "--layout", "pca", "-o", png, "--title", "MNIST");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("coloured by label (10 legend entries)", run.Out, StringComparison.Ordinal);
        using var image = SKBitmap.Decode(png);
        Assert.Equal((1600, 1200), (image.Width, image.Height));
        var colors = new HashSet<Rgb>();
        var legendInk = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = image.GetPixel(x, y);
                var c = new Rgb(p.Red, p.Green, p.Blue);
                colors.Add(c);
                legendInk += x > 1300 && c != new Rgb(255, 255, 255) ? 1 : 0;
            }
        }

        for (var digit = 0; digit < 10; digit++)
        {
            Assert.Contains(Palette.Category(digit), colors);
        }

        Assert.Contains(MapScene.Ink, colors);
        Assert.True(legendInk > 1000, $"only {legendInk} legend pixels");
    }

    [Fact]
    public void Svg_of_a_projected_layout_file_has_the_asked_size_and_legend_text()
    {
        using var dir = new TempDir();
        var vectors = dir.Write("v.tsv", string.Concat(Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"{(i % 4 == 0 ? "north" : i % 4 == 1 ? "south" : i % 4 == 2 ? "east" : "west")}\t{i % 4}\t{i * 0.1}\t{i % 7}\n"))));
        var layout = dir.File("layout.npy");
        Assert.Equal(0, CliRun.Of("project", vectors, "--method", "pca", "-o", layout).ExitCode);
        var svg = dir.File("map.svg");
        var run = CliRun.Of("render", vectors, "--layout", layout, "-o", svg, "--size", "800,500", "--title", "Compass", "--color-by", "label");
        Assert.Equal(0, run.ExitCode);
        var root = XDocument.Load(svg).Root!;
        Assert.Equal(("800", "500"), (root.Attribute("width")!.Value, root.Attribute("height")!.Value));
        Assert.Equal(40, root.Descendants(Svg + "circle").Count());
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Compass", texts);
        Assert.Contains("north", texts);
        Assert.Contains("west", texts);
    }

    [Fact]
    public void A_pdf_of_mnist_has_the_title_and_legend_as_text()
    {
        using var dir = new TempDir();
        var pdf = dir.File("mnist.pdf");
        var run = CliRun.Of("render", "demo:mnist", "--layout", "pca", "-o", pdf, "--title", "MNIST — 손글씨 숫자", "--size", "800,600", "--alpha", "0.5");
        Assert.Equal(0, run.ExitCode);
        var text = PdfText.Read(pdf);
        Assert.Contains("MNIST — 손글씨 숫자", text.Lines);
        Assert.Contains("label", text.Lines);
        Assert.Contains("1,127", text.Lines);
    }

    [Fact]
    public void Mnist_sprites_draw_the_digit_tiles()
    {
        using var dir = new TempDir();
        var svg = dir.File("digits.svg");
        Assert.Equal(0, CliRun.Of("render", "demo:mnist", "--layout", "pca", "--sprites", "-o", svg, "--size", "600,400").ExitCode);
        Assert.Equal(10000, XDocument.Load(svg).Root!.Descendants(Svg + "image").Count());
    }

    [Theory]
    [InlineData("--color-by", "colour")]
    [InlineData("--sprites", null)]
    [InlineData("--size", "10,10")]
    [InlineData("--layout", "nowhere.npy")]
    [InlineData("--alpha", "0")]
    [InlineData("--alpha", "1.5")]
    public void Bad_requests_are_one_line_with_exit_code_2(string option, string? value)
    {
        using var dir = new TempDir();
        var vectors = dir.Write("v.tsv", "a\t1\t2\nb\t3\t4\nc\t5\t7\n");
        string[] extra = value is null ? [option] : [option, value];
        string[] layout = option == "--layout" ? [] : ["--layout", "pca"];
        var run = CliRun.Of(["render", vectors, "-o", dir.File("m.png"), .. layout, .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(dir.File("m.png")));
    }
}
