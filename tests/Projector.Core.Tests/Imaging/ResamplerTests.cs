using Projector.Core.Imaging;

namespace Projector.Core.Tests.Imaging;

public sealed class ResamplerTests
{
    [Fact]
    public void Shrinking_averages_the_covered_area()
    {
        var checker = TestImages.Pattern(4, 4, (x, y) => (x + y) % 2 == 0 ? ((byte)255, (byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)255));
        var small = ImageResizer.Resize(checker, 2, 2);
        Assert.All(small.Pixels.Where((_, i) => i % 4 != 3), v => Assert.Equal(128, v));

        // 3 -> 2 pixels: each target pixel covers one and a half source pixels.
        var row = TestImages.Pattern(3, 1, (x, _) => ((byte)(x * 90), 0, 0, 255));
        Assert.Equal([30, 150], ImageResizer.Resize(row, 2, 1).Pixels.Where((_, i) => i % 4 == 0));
    }

    [Fact]
    public void Enlarging_interpolates_bilinearly()
    {
        var row = TestImages.Pattern(2, 1, (x, _) => ((byte)(x * 200), 0, 0, 255));
        Assert.Equal([0, 50, 150, 200], ImageResizer.Resize(row, 4, 1).Pixels.Where((_, i) => i % 4 == 0));
    }

    [Fact]
    public void Transparent_pixels_do_not_bleed_their_colour()
    {
        var row = TestImages.Pattern(2, 1, (x, _) => x == 0 ? ((byte)255, (byte)0, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255, (byte)255));
        Assert.Equal(new byte[] { 0, 0, 255, 128 }, ImageResizer.Resize(row, 1, 1).Pixels);
    }
}
