using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class PngEncoderTests
{
    [Theory]
    [InlineData("gray", 0)]
    [InlineData("rgb", 2)]
    [InlineData("rgba", 6)]
    public void Encode_round_trips_and_picks_the_smallest_colour_type(string kind, int colorType)
    {
        var image = TestImages.Pattern(37, 19, (x, y) =>
        {
            var v = (byte)((x * 7) + (y * 13));
            return kind switch
            {
                "gray" => (v, v, v, (byte)255),
                "rgb" => (v, (byte)(x * 5), (byte)(255 - v), (byte)255),
                _ => (v, (byte)(x * 5), (byte)(y * 11), (byte)(x * y)),
            };
        });

        foreach (var compression in new[] { PngCompression.Fastest, PngCompression.Optimal })
        {
            var png = PngEncoder.Encode(image, compression);
            Assert.Equal(colorType, png[25]);
            Assert.Equal(image.Pixels, PngDecoder.Decode(png, "round trip").Pixels);
        }
    }

    [Fact]
    public void Save_writes_a_file_the_decoder_reads()
    {
        using var dir = new TempDir();
        var image = TestImages.Pattern(5, 3, (x, y) => ((byte)x, (byte)y, 9, 200));
        var path = dir.File("out/sheet.png");
        PngEncoder.Save(image, path);
        Assert.Equal(image.Pixels, PngDecoder.Decode(path).Pixels);
        Assert.Single(Directory.GetFiles(dir.File("out")));
    }

    [Fact]
    public void Encode_round_trips_a_2800_square_sheet()
    {
        var image = TestImages.Pattern(2800, 2800, (x, y) =>
        {
            var v = (x % 28) + (y % 28) > 30 ? (byte)((x * y) & 0xFF) : (byte)0;
            return (v, v, v, 255);
        });
        var png = PngEncoder.Encode(image);
        Assert.Equal(image.Pixels, PngDecoder.Decode(png, "big").Pixels);
    }
}
