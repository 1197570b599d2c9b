using Projector.Core.Data;
using Projector.Core.Imaging;
using SkiaSharp;

namespace Projector.Core.Tests.Imaging;

public sealed class ImageResizerTests
{
    [Fact]
    public void Strong_shrinking_averages_instead_of_aliasing()
    {
        // A one-pixel checkerboard has no detail a 28 px picture can show: it must come out an even grey.
        var checker = TestImages.Pattern(256, 256, (x, y) => (x + y) % 2 == 0 ? ((byte)255, (byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)255));
        var small = ImageResizer.Resize(checker, 28, 28);
        Assert.All(small.Pixels.Where((_, i) => i % 4 != 3), v => Assert.InRange(v, 120, 135));
        Assert.All(small.Pixels.Where((_, i) => i % 4 == 3), a => Assert.Equal(255, a));

        var half = ImageResizer.Resize(TestImages.Pattern(4, 4, (x, y) => (x + y) % 2 == 0 ? ((byte)255, (byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)255)), 2, 2);
        Assert.All(half.Pixels.Where((_, i) => i % 4 != 3), v => Assert.InRange(v, 126, 129));
    }

    [Fact]
    public void Shrinking_keeps_a_ramp_in_order_and_within_its_range()
    {
        var row = TestImages.Pattern(3, 1, (x, _) => ((byte)(x * 90), 0, 0, 255));
        var reds = ImageResizer.Resize(row, 2, 1).Pixels.Where((_, i) => i % 4 == 0).ToArray();
        Assert.InRange(reds[0], 10, 45);
        Assert.InRange(reds[1], 135, 170);
    }

    [Fact]
    public void Enlarging_interpolates_smoothly_between_the_ends()
    {
        var row = TestImages.Pattern(2, 1, (x, _) => ((byte)(x * 200), 0, 0, 255));
        var reds = ImageResizer.Resize(row, 4, 1).Pixels.Where((_, i) => i % 4 == 0).ToArray();
        Assert.True(reds[0] < reds[1] && reds[1] < reds[2] && reds[2] < reds[3], string.Join(",", reds));
        Assert.InRange(reds[0], 0, 8);
        Assert.InRange(reds[3], 192, 210);
    }

    [Fact]
    public void Transparent_pixels_do_not_bleed_their_colour()
    {
        var row = TestImages.Pattern(2, 1, (x, _) => x == 0 ? ((byte)255, (byte)0, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255, (byte)255));
        var one = ImageResizer.Resize(row, 1, 1).Pixels;
        Assert.Equal(0, one[0]);
        Assert.Equal(255, one[2]);
        Assert.InRange(one[3], 126, 129);

        var wide = ImageResizer.Resize(TestImages.Pattern(4, 1, (x, _) => x < 2 ? ((byte)255, (byte)0, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255, (byte)255)), 8, 1);
        for (var x = 0; x < 8; x++)
        {
            var p = wide.Pixel(x, 0);
            Assert.True(p[3] == 0 || (p[0] <= 2 && p[2] >= 250), $"pixel {x} is {string.Join(",", p.ToArray())}");
        }
    }

    [Fact]
    public void Scale_writes_only_its_target_rectangle_and_reads_only_its_source_rectangle()
    {
        // Two tiles side by side; scaling the right one must not see the left one's colour at its edge.
        var sheet = TestImages.Pattern(8, 4, (x, _) => x < 4 ? ((byte)255, (byte)0, (byte)0, (byte)255) : ((byte)0, (byte)255, (byte)0, (byte)255));
        var target = TestImages.Pattern(6, 6, (_, _) => (9, 9, 9, 9));
        ImageResizer.Scale(sheet, SKRectI.Create(4, 0, 4, 4), target, SKRectI.Create(1, 1, 3, 3));
        for (var y = 0; y < 6; y++)
        {
            for (var x = 0; x < 6; x++)
            {
                var inside = x is >= 1 and <= 3 && y is >= 1 and <= 3;
                Assert.Equal(inside ? new byte[] { 0, 255, 0, 255 } : [9, 9, 9, 9], target.Pixel(x, y).ToArray());
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResizer.Scale(sheet, SKRectI.Create(6, 0, 4, 4), target, SKRectI.Create(0, 0, 2, 2)));
    }

    [Fact]
    public void FitInto_keeps_the_aspect_and_centres_with_a_transparent_margin()
    {
        var wide = TestImages.Pattern(8, 4, (_, _) => (10, 20, 30, 255));
        var tile = ImageResizer.FitInto(wide, 4, 4);
        Assert.Equal(0, tile.Pixel(0, 0)[3]);
        Assert.Equal(new byte[] { 10, 20, 30, 255 }, tile.Pixel(2, 2).ToArray());
        Assert.Equal(0, tile.Pixel(3, 3)[3]);
        Assert.Same(wide, ImageResizer.FitInto(wide, 8, 4));
    }

    [Fact]
    public void Resize_of_the_same_size_is_the_same_image()
    {
        var image = new RgbaImage(3, 3);
        Assert.Same(image, ImageResizer.Resize(image, 3, 3));
    }
}
