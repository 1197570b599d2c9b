using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class PngFuzzTests
{
    [Theory]
    [InlineData("rgb8_i.png")]
    [InlineData("pal1trns_python.png")]
    [InlineData("graytrns16.png")]
    public void Damaged_files_only_ever_raise_a_one_line_DataFormatException(string name)
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
                BadPng.FixAllCrcs(bytes);
            }

            try
            {
                var image = PngDecoder.Decode(bytes, "fuzz.png");
                Assert.True(image.Width > 0 && image.Height > 0);
            }
            catch (DataFormatException e)
            {
                Assert.StartsWith("fuzz.png", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }
}
