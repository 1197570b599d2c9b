using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class PngDecoderTests
{
    public static TheoryData<string> ImageMagickFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(TestImages.Folder, "*.png").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ImageMagickFiles))]
    public void Decode_gives_the_pixels_ImageMagick_gives(string name)
    {
        var image = PngDecoder.Decode(TestImages.File(name));
        Assert.Equal((13, 7), (image.Width, image.Height));

        // ImageMagick and Skia round 16-bit samples to 8 bits in slightly different ways: they may differ by one.
        var tolerance = name.Contains("16", StringComparison.Ordinal) ? 1 : 0;
        Assert.InRange(TestImages.MaxDifference(image, TestImages.Rgba(Path.ChangeExtension(name, ".rgba"))), 0, tolerance);
    }

    [Fact]
    public void Decode_reads_interlaced_palette_images()
    {
        var interlaced = PngDecoder.Decode(TestImages.File("paltrns4_i.png"));
        var plain = PngDecoder.Decode(TestImages.File("paltrns4.png"));
        Assert.Equal(plain.Pixels, interlaced.Pixels);
        Assert.Contains(interlaced.Pixels.Where((_, i) => i % 4 == 3), a => a is > 0 and < 255);
    }

    [Fact]
    public void Decode_applies_gray_and_rgb_transparency_keys()
    {
        foreach (var name in new[] { "graytrns8.png", "graytrns16_i.png", "rgbtrns8.png", "rgbtrns16.png" })
        {
            var image = PngDecoder.Decode(TestImages.File(name));
            Assert.Equal(0, image.Pixel(12, 0)[3]);
            Assert.Equal(255, image.Pixel(0, 0)[3]);
        }
    }

    [Fact]
    public void Decode_accepts_streams_and_byte_arrays()
    {
        var bytes = File.ReadAllBytes(TestImages.File("rgba8.png"));
        using var stream = new MemoryStream(bytes);
        Assert.Equal(PngDecoder.Decode(bytes, "mem").Pixels, PngDecoder.Decode(stream, "stream").Pixels);
    }

    [Fact]
    public void ReadSize_reads_the_header_of_a_file_whose_pixels_are_cut_off()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(TestImages.File("rgb8.png"));
        var idat = BadPng.Find(bytes, "IDAT");
        var path = dir.Write("head.png", bytes[..(idat + 20)]);
        Assert.Equal(new ImageSize(13, 7), PngDecoder.ReadSize(path));
        Assert.Equal(new ImageSize(13, 7), ImageFile.ReadSize(path));

        // The size is in the first 33 bytes; nothing after them is needed.
        Assert.Equal(new ImageSize(13, 7), PngDecoder.ReadSize(bytes[..33], "head.png"));
        Assert.Equal(new ImageSize(13, 7), ImageFile.ReadSize(dir.Write("ihdr.png", bytes[..33])));
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(path));
        Assert.StartsWith(path + ": the PNG data ends before the last row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_refuses_images_larger_than_its_pixel_limit_before_allocating()
    {
        var bytes = File.ReadAllBytes(TestImages.File("gray8.png"));
        BadPng.SetHeader(bytes, 20000, 20000);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "huge.png"));
        Assert.Equal(16, e.ByteOffset);
        Assert.Contains("134 megapixels", e.Message, StringComparison.Ordinal);

        // The decompression bomb of a fuzzer: 16384 x 16384 declared over a small file.
        BadPng.SetHeader(bytes, 16384, 16384);
        Assert.Contains("134 megapixels", Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "bomb.png")).Message, StringComparison.Ordinal);
    }
}
