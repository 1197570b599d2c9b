using System.Buffers.Binary;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class PngFuzzTests
{
    [Theory]
    [InlineData("rgb8_i.png")]
    [InlineData("pal1trns_python.png")]
    [InlineData("graytrns16.png")]
    public void Damaged_files_only_ever_raise_DataFormatException(string name)
    {
        var original = File.ReadAllBytes(TestImages.File(name));
        var random = new Random(12345);
        for (var round = 0; round < 400; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            // Keep CRCs right half of the time so the damage reaches the header and pixel code, not just the CRC check.
            if (round % 2 == 0)
            {
                FixAllCrcs(bytes);
            }

            try
            {
                var image = PngDecoder.Decode(bytes, "fuzz.png");
                Assert.True(image.Width > 0 && image.Height > 0);
            }
            catch (DataFormatException e)
            {
                Assert.NotNull(e.ByteOffset);
            }
        }
    }

    private static void FixAllCrcs(byte[] png)
    {
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > png.Length - pos - 12)
            {
                return;
            }

            var crc = Crc32.Compute(png.AsSpan(pos + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(pos + 8 + (int)length), crc);
            pos += 12 + (int)length;
        }
    }
}
