using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class BadInputTests
{
    private static byte[] Good() => File.ReadAllBytes(TestImages.File("rgb8_i.png"));

    [Fact]
    public void Decode_rejects_a_wrong_signature_at_the_first_differing_byte()
    {
        var bytes = Good();
        bytes[3] = (byte)'X';
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.Equal(3, e.ByteOffset);
        Assert.Contains("signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_a_corrupted_crc_and_points_at_it()
    {
        var bytes = Good();
        bytes[43] ^= 0x55; // inside the data of the gAMA chunk that follows IHDR
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
        Assert.Equal(45, e.ByteOffset);
    }

    [Fact]
    public void Decode_rejects_a_bad_ihdr_crc()
    {
        var bytes = Good();
        bytes[29] ^= 1;
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.ReadSize(bytes, "x.png"));
        Assert.Equal(29, e.ByteOffset);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(-12)]
    [InlineData(-1)]
    public void Decode_rejects_truncated_files(int keep)
    {
        var bytes = Good();
        var cut = bytes[..(keep > 0 ? keep : bytes.Length + keep)];
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(cut, "cut.png"));
        Assert.InRange(e.ByteOffset!.Value, 0, cut.Length);
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
    }

    [Fact]
    public void Decode_reports_short_image_data()
    {
        var image = TestImages.Pattern(8, 8, (x, y) => ((byte)x, (byte)y, 0, 255));
        var png = PngEncoder.Encode(image);
        BadPng.SetHeader(png, 8, 9);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(png, "short.png"));
        Assert.Contains("ends after", e.Message, StringComparison.Ordinal);
        Assert.Equal(41, e.ByteOffset);
    }

    [Fact]
    public void Decode_refuses_a_huge_header_over_little_data_before_allocating()
    {
        var bytes = Good();
        BadPng.SetHeader(bytes, 11000, 11000);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "bomb.png"));
        Assert.Contains("cannot hold", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_invalid_header_values()
    {
        var bytes = Good();
        bytes[24] = 3; // bit depth 3
        BadPng.FixIhdrCrc(bytes);
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "x.png"));
        Assert.Equal(24, e.ByteOffset);
    }

    [Fact]
    public void Decode_requires_an_idat_chunk()
    {
        var bytes = Good();
        var noData = bytes[..33].Concat(bytes[^12..]).ToArray();
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(noData, "x.png"));
        Assert.Contains("IDAT", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.ByteOffset);
    }

    [Fact]
    public void Load_names_what_it_found_instead_of_an_image()
    {
        var gif = "GIF89a\u0001\u0000"u8.ToArray();
        var e = Assert.Throws<DataFormatException>(() => ImageFile.Load(gif, "anim.png"));
        Assert.Contains("GIF", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void Missing_files_are_format_errors_too()
    {
        using var dir = new TempDir();
        Assert.Throws<DataFormatException>(() => ImageFile.Load(dir.File("nope.png")));
        Assert.Throws<DataFormatException>(() => PngDecoder.ReadSize(dir.File("nope.png")));
    }
}
