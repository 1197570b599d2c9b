using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class BadInputTests
{
    private static byte[] Good() => File.ReadAllBytes(TestImages.File("rgb8_i.png"));

    [Fact]
    public void Decode_rejects_a_wrong_signature_and_names_what_it_saw()
    {
        var bytes = Good();
        bytes[3] = (byte)'X';
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.Equal(0, e.ByteOffset);
        Assert.Contains("damaged PNG signature", e.Message, StringComparison.Ordinal);
        Assert.Contains("damaged PNG signature", Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes, "x.png")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_a_corrupted_crc_in_the_image_data()
    {
        var bytes = Good();
        bytes[BadPng.Find(bytes, "IDAT") + 10] ^= 0x55;
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.StartsWith("x.png: the PNG data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_a_bad_ihdr_crc()
    {
        var bytes = Good();
        bytes[29] ^= 1;
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.ReadSize(bytes, "x.png"));
        Assert.Equal("x.png (byte 29): the PNG header is damaged (its IHDR checksum does not match). the file is damaged or truncated; export or download it again", e.Message);
        Assert.StartsWith("x.png: the PNG header is damaged or the file is cut short", Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(-10)]
    [InlineData(-60)]
    public void Decode_rejects_truncated_files(int keep)
    {
        // Positive: the bytes kept from the start; negative: bytes cut from the end of the image data
        // (whose last 4 bytes are zlib's checksum and 4 more the chunk's CRC, which hold no pixels).
        var bytes = Good();
        var idat = BadPng.Find(bytes, "IDAT");
        var idatEnd = idat + 12 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(idat));
        var cut = bytes[..(keep > 0 ? keep : idatEnd + keep)];
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(cut, "cut.png"));
        Assert.Matches("^cut.png( \\(byte 0\\))?: (the PNG header is damaged or the file is cut short|the PNG data ends before the last row|not a PNG image)", e.Message);
    }

    [Theory]
    [InlineData(-12)]
    [InlineData(-1)]
    [InlineData(-60)]
    public void A_file_cut_after_its_image_data_still_holds_every_pixel_and_decodes(int keep)
    {
        // As in browsers: the pixels are all there, only the IEND marker or text chunks after the image data are missing.
        var bytes = Good();
        Assert.Equal(PngDecoder.Decode(bytes, "whole.png").Pixels, PngDecoder.Decode(bytes[..(bytes.Length + keep)], "cut.png").Pixels);
    }

    [Fact]
    public void Decode_rejects_random_bytes_and_empty_files_through_every_entry_point()
    {
        using var dir = new TempDir();
        var random = new byte[500];
        new Random(7).NextBytes(random);
        var randomPath = dir.Write("random.png", random);
        var emptyPath = dir.Write("empty.png", []);
        foreach (var path in new[] { randomPath, emptyPath })
        {
            Assert.Equal(0, Assert.Throws<DataFormatException>(() => PngDecoder.Decode(path)).ByteOffset);
            Assert.Equal(0, Assert.Throws<DataFormatException>(() => ImageFile.Load(path)).ByteOffset);
            Assert.Equal(0, Assert.Throws<DataFormatException>(() => ImageFile.ReadSize(path)).ByteOffset);
        }

        Assert.Contains("the file is empty", Assert.Throws<DataFormatException>(() => ImageFile.Load(emptyPath)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown content", Assert.Throws<DataFormatException>(() => ImageFile.Load(randomPath)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_reports_short_image_data()
    {
        var image = TestImages.Pattern(8, 8, (x, y) => ((byte)x, (byte)y, 0, 255));
        var png = PngEncoder.Encode(image);
        BadPng.SetHeader(png, 8, 9);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(png, "short.png"));
        Assert.StartsWith("short.png: the PNG data ends before the last row of the picture. the file is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_refuses_a_huge_header_over_little_data_before_allocating()
    {
        var bytes = Good();
        BadPng.SetHeader(bytes, 11000, 11000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "bomb.png"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.Contains("cannot hold the 11000x11000 pixels", e.Message, StringComparison.Ordinal);
        Assert.Equal(16, e.ByteOffset);
    }

    [Fact]
    public void Decode_rejects_invalid_header_values()
    {
        var bytes = Good();
        bytes[24] = 3; // bit depth 3
        BadPng.FixIhdrCrc(bytes);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.StartsWith("x.png: the PNG header is damaged or the file is cut short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_a_zero_size()
    {
        var bytes = Good();
        BadPng.SetHeader(bytes, 0, 7);
        Assert.StartsWith("zero.png: the PNG header is damaged or the file is cut short", Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "zero.png")).Message, StringComparison.Ordinal);
        Assert.StartsWith("zero.png: the PNG header is damaged or the file is cut short", Assert.Throws<DataFormatException>(() => ImageFile.Load(bytes, "zero.png")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_requires_an_idat_chunk()
    {
        var bytes = Good();
        var idat = BadPng.Find(bytes, "IDAT");
        var noData = bytes[..idat].Concat(bytes[^12..]).ToArray();
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(noData, "x.png"));
        Assert.StartsWith("x.png: the PNG", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_what_it_found_instead_of_an_image()
    {
        var tiff = "II*\u0000\u0008\u0000\u0000\u0000"u8.ToArray();
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(tiff, "scan.png"));
        Assert.Equal("scan.png (byte 0): not a PNG, JPEG, WebP, GIF or BMP image: a TIFF image, first bytes 49492A0008000000. convert the image to PNG", e.Message);
    }

    [Fact]
    public void Missing_files_are_format_errors_too()
    {
        using var dir = new TempDir();
        Assert.Throws<DataFormatException>(() => ImageFile.Load(dir.File("nope.png")));
        Assert.Throws<DataFormatException>(() => ImageFile.ReadSize(dir.File("nope.png")));
        Assert.Throws<DataFormatException>(() => PngDecoder.ReadSize(dir.File("nope.png")));
    }
}
