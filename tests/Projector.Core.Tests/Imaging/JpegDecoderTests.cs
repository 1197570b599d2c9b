using Projector.Core.Data;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Jpeg;

namespace Projector.Core.Tests.Imaging;

public sealed class JpegDecoderTests
{
    [Theory]
    [InlineData("photo.jpg", "photo.rgba")]
    [InlineData("photo_gray.jpg", "photo_gray.rgba")]
    public void Decode_matches_ImageMagick_and_stays_close_to_the_source(string name, string dump)
    {
        Assert.SkipWhen(!JpegDecoder.IsAvailable, "libturbojpeg is not installed");
        var image = JpegDecoder.Decode(TestImages.File(name));
        Assert.Equal((40, 30), (image.Width, image.Height));

        // ImageMagick decodes through libjpeg too; only the IDCT variant may differ slightly.
        Assert.InRange(TestImages.MaxDifference(image, TestImages.Rgba(dump)), 0, 3);
        if (name == "photo.jpg")
        {
            Assert.InRange(MeanDifference(image, TestImages.Rgba("photo_source.rgba")), 0, 4);
        }

        Assert.All(image.Pixels.Where((_, i) => i % 4 == 3), a => Assert.Equal(255, a));
    }

    [Fact]
    public void ReadSize_walks_the_markers_without_the_native_library()
    {
        Assert.Equal(new ImageSize(40, 30), JpegDecoder.ReadSize(TestImages.File("photo.jpg")));
        Assert.Equal(new ImageSize(40, 30), ImageFile.ReadSize(TestImages.File("photo_gray.jpg")));
    }

    [Fact]
    public void Decode_reports_a_truncated_jpeg_as_a_format_error()
    {
        Assert.SkipWhen(!JpegDecoder.IsAvailable, "libturbojpeg is not installed");
        var bytes = File.ReadAllBytes(TestImages.File("photo.jpg"));
        var e = Assert.Throws<DataFormatException>(() => JpegDecoder.Decode(bytes[..100], "cut.jpg"));
        Assert.NotNull(e.ByteOffset);
        Assert.StartsWith("cut.jpg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_library_is_a_format_error_that_says_what_to_install()
    {
        var e = JpegDecoder.LibraryMissing("photo.jpg");
        Assert.Equal("install libturbojpeg0 (apt-get install libturbojpeg0)", e.Hint);
        Assert.StartsWith("photo.jpg (byte 0): cannot decode JPEG", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("apt-get install libturbojpeg0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_decoding_is_available_on_this_machine_when_the_library_file_exists()
    {
        var installed = File.Exists("/usr/lib/x86_64-linux-gnu/libturbojpeg.so.0") || File.Exists("/usr/lib/aarch64-linux-gnu/libturbojpeg.so.0");
        Assert.SkipWhen(!installed, "libturbojpeg is not installed");
        Assert.True(JpegDecoder.IsAvailable);
        Assert.Equal((40, 30), ImageFile.Load(TestImages.File("photo.jpg")) is { } image ? (image.Width, image.Height) : default);
    }

    private static double MeanDifference(RgbaImage image, byte[] expected)
    {
        double sum = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            sum += Math.Abs(image.Pixels[i] - expected[i]);
        }

        return sum / expected.Length;
    }
}
