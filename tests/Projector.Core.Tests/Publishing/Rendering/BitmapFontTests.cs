using Projector.Core.Publishing.Rendering;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class BitmapFontTests
{
    [Fact]
    public void Every_printable_character_but_space_has_ink_and_glyphs_differ()
    {
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        for (var c = '!'; c <= '~'; c++)
        {
            var bits = string.Concat(Enumerable.Range(0, 35).Select(k => BitmapFont.Ink(c, k % 5, k / 5) ? '1' : '0'));
            Assert.Contains('1', bits);
            Assert.True(shapes.Add(bits), $"'{c}' looks like another character");
        }

        Assert.DoesNotContain(Enumerable.Range(0, 35), k => BitmapFont.Ink(' ', k % 5, k / 5));
    }

    [Fact]
    public void Text_is_measured_and_drawn_at_its_scale()
    {
        Assert.Equal(((3 * 6) - 1) * 2, BitmapFont.MeasureWidth("abc", 2));
        var pixels = new List<(int X, int Y)>();
        BitmapFont.Draw("I", 10, 20, 3, (x, y) => pixels.Add((x, y)));
        Assert.NotEmpty(pixels);
        Assert.All(pixels, p => Assert.InRange(p.X, 10, 10 + 14));
        Assert.All(pixels, p => Assert.InRange(p.Y, 20, 20 + 20));
        Assert.Equal(0, pixels.Count % 9);

        // Characters outside ASCII draw as '?', never throw.
        var unknown = new List<(int, int)>();
        var question = new List<(int, int)>();
        BitmapFont.Draw("é", 0, 0, 1, (x, y) => unknown.Add((x, y)));
        BitmapFont.Draw("?", 0, 0, 1, (x, y) => question.Add((x, y)));
        Assert.Equal(question, unknown);
    }
}
