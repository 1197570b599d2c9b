using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Core.Tests.Imaging;

public sealed class ImageFileTests
{
    [Theory]
    [InlineData("photo.jpg", "photo.rgba")]
    [InlineData("photo_gray.jpg", "photo_gray.rgba")]
    [InlineData("photo_progressive.jpg", "photo_progressive.rgba")]
    public void Jpeg_matches_ImageMagick_and_stays_close_to_the_source(string name, string dump)
    {
        var image = ImageFile.Load(TestImages.File(name));
        Assert.Equal((40, 30), (image.Width, image.Height));

        // ImageMagick decodes through libjpeg too; only the IDCT variant may differ slightly.
        Assert.InRange(TestImages.MaxDifference(image, TestImages.Rgba(dump)), 0, 3);
        if (name != "photo_gray.jpg")
        {
            Assert.InRange(MeanDifference(image, TestImages.Rgba("photo_source.rgba")), 0, 4);
        }

        Assert.All(image.Pixels.Where((_, i) => i % 4 == 3), a => Assert.Equal(255, a));
        Assert.Equal(new ImageSize(40, 30), ImageFile.ReadSize(TestImages.File(name)));
    }

    [Theory]
    [InlineData("pal8.gif", "pal8.rgba")]
    [InlineData("rgba8.bmp", "rgba8.rgba")]
    [InlineData("rgb8.bmp", "rgb8.rgba")]
    [InlineData("rgba8.webp", "rgba8.rgba")]
    public void Lossless_gif_bmp_and_webp_give_exactly_the_pixels_ImageMagick_gives(string name, string dump)
    {
        var image = ImageFile.Load(TestImages.File(name));
        Assert.Equal(0, TestImages.MaxDifference(image, TestImages.Rgba(dump)));
        Assert.Equal(new ImageSize(13, 7), ImageFile.ReadSize(TestImages.File(name)));
    }

    [Fact]
    public void Lossy_webp_stays_close_to_the_source()
    {
        var image = ImageFile.Load(TestImages.File("photo.webp"));
        Assert.InRange(TestImages.MaxDifference(image, TestImages.Rgba("photo_webp.rgba")), 0, 3);
        Assert.InRange(MeanDifference(image, TestImages.Rgba("photo_source.rgba")), 0, 6);
    }

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("photo_progressive.jpg")]
    [InlineData("pal8.gif")]
    [InlineData("rgba8.bmp")]
    [InlineData("rgba8.webp")]
    [InlineData("photo.webp")]
    [InlineData("rgba16_i.png")]
    public void A_truncated_file_is_one_line_naming_it_never_a_partial_picture(string name)
    {
        var bytes = File.ReadAllBytes(TestImages.File(name));

        // A PNG may keep text chunks after its pixels, and its image data ends with 8 bytes of checksums.
        var end = name.EndsWith(".png", StringComparison.Ordinal) ? BadPng.Find(bytes, "IDAT") + 12 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(BadPng.Find(bytes, "IDAT"))) - 8 : bytes.Length;
        foreach (var keep in new[] { end * 2 / 3, end - 20, end - 2, 3 })
        {
            var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes[..keep], "cut" + Path.GetExtension(name)));
            Assert.Matches("^cut\\" + Path.GetExtension(name) + "( \\(byte \\d+\\))?: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void A_truncated_jpeg_says_the_file_is_truncated()
    {
        var bytes = File.ReadAllBytes(TestImages.File("photo.jpg"));
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes[..300], "cut.jpg"));
        Assert.Equal("cut.jpg: the JPEG data ends before its end-of-image marker. the file is truncated; export or download it again", e.Message);
        Assert.StartsWith("cut.jpg: the JPEG header is damaged or the file is cut short", Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes[..100], "cut.jpg")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progressive_jpeg_that_loses_its_last_scans_is_refused_not_blurred()
    {
        // libjpeg only warns about such a file, and Skia then returns the picture the early scans give.
        var bytes = File.ReadAllBytes(TestImages.File("photo_progressive.jpg"));
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes[..^40], "cut.jpg"));
        Assert.Equal("cut.jpg: the JPEG data ends before its end-of-image marker. the file is truncated; export or download it again", e.Message);
    }

    [Fact]
    public void A_lossy_webp_cut_by_two_bytes_is_refused_by_its_riff_size()
    {
        // libwebp decodes this file to a picture: the RIFF header is what says bytes are missing.
        var bytes = File.ReadAllBytes(TestImages.File("photo.webp"));
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes[..^2], "cut.webp"));
        Assert.Equal($"cut.webp (byte 4): the file has {bytes.Length - 2} bytes but its RIFF header declares {bytes.Length}. the file is truncated; export or download it again", e.Message);
    }

    [Fact]
    public void Garbage_after_a_jpeg_start_marker_is_a_damaged_header()
    {
        var bytes = new byte[400];
        new Random(3).NextBytes(bytes);
        (bytes[0], bytes[1], bytes[2]) = (0xFF, 0xD8, 0xFF);
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes, "noise.jpg"));
        Assert.StartsWith("noise.jpg: the JPEG header is damaged or the file is cut short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_Skia_reads_but_this_project_does_not_are_refused()
    {
        // A 2x2 WBMP: type 0, fixed header 0, width, height, then one byte per row.
        byte[] wbmp = [0, 0, 2, 2, 0xC0, 0x40];
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(wbmp, "odd.png"));
        Assert.Contains("not a PNG, JPEG, WebP, GIF or BMP image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_jpeg_bound_for_a_small_size_is_decoded_at_a_reduced_scale_to_the_same_picture()
    {
        using var dir = new TempDir();
        var path = dir.Write("big.jpg", SmoothJpeg(800, 600));
        var full = ImageFile.Load(path);
        Assert.Equal((800, 600), (full.Width, full.Height));

        // 0.2 rounds up to the DCT scale 2/8: 200 x 150 is decoded, never less than asked for.
        var reduced = ImageDecoder.Decode(File.ReadAllBytes(path), path, (_, _) => 0.2);
        Assert.Equal((200, 150), (reduced.Width, reduced.Height));
        Assert.Equal((13, 7), ImageDecoder.Decode(File.ReadAllBytes(TestImages.File("rgb8.png")), "rgb8.png", (_, _) => 0.2) is var png ? (png.Width, png.Height) : default);

        var resized = ImageFile.LoadResized(path, 100, 75);
        Assert.Equal((100, 75), (resized.Width, resized.Height));
        Assert.InRange(MeanDifference(resized, ImageResizer.Resize(full, 100, 75).Pixels), 0, 2);

        var fitted = ImageFile.LoadFitted(path, 40, 40);
        Assert.Equal(0, fitted.Pixel(20, 2)[3]);
        Assert.InRange(MeanDifference(fitted, ImageResizer.FitInto(full, 40, 40).Pixels), 0, 2);
    }

    [Theory]
    [InlineData("a.PNG", true)]
    [InlineData("a.jpeg", true)]
    [InlineData("a.webp", true)]
    [InlineData("a.gif", true)]
    [InlineData("a.bmp", true)]
    [InlineData("a.tiff", false)]
    [InlineData("a.npy", false)]
    public void HasImageExtension_names_the_formats_Load_reads(string name, bool expected) =>
        Assert.Equal(expected, ImageFile.HasImageExtension(name));

    private static byte[] SmoothJpeg(int width, int height)
    {
        var image = TestImages.Pattern(width, height, (x, y) => ((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)(128 + (100 * Math.Sin(x / 40.0) * Math.Cos(y / 40.0))), 255));
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(image.Pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var pixmap = new SkiaSharp.SKPixmap(new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Opaque), handle.AddrOfPinnedObject());
            using var data = pixmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 92)!;
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
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
