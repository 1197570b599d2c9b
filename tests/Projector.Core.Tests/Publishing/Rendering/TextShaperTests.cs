using Projector.Core.Publishing.Rendering;
using SkiaSharp;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class TextShaperTests
{
    [Theory]
    [InlineData("한국어 지도", 1)]
    [InlineData("简体中文标签", 2)]
    [InlineData("東京の地図", 1)]
    [InlineData("Москва и Київ", 0)]
    [InlineData("القاهرة", 0)]
    [InlineData("Ελλάδα", 0)]
    [InlineData("Crème brûlée, Ångström", 0)]
    public void Every_script_is_drawn_with_real_glyphs_that_differ_from_missing_glyph_boxes(string text, int face)
    {
        var fonts = MapFonts.Shipped;
        var line = TextShaper.Shape(fonts, text, 24);
        Assert.All(line.Runs, r => Assert.DoesNotContain((ushort)0, r.Glyphs));
        Assert.Contains(line.Runs, r => r.Face == face);

        // The same number of characters that no face has: the first face's missing-glyph box.
        var boxes = new string('\uE000', text.EnumerateRunes().Count());
        Assert.All(TextShaper.Shape(fonts, boxes, 24).Runs, r => Assert.All(r.Glyphs, g => Assert.Equal(0, g)));
        using var real = Picture.Of(Draw(fonts, text));
        using var missing = Picture.Of(Draw(fonts, boxes));
        var ink = real.CountInk(0, 0, real.Width, real.Height);
        Assert.True(ink > 150, $"{ink} pixels of ink");
        Assert.True(real.CountDifferent(missing, (0, 0), (0, 0), real.Width, real.Height) > ink / 2);
    }

    [Fact]
    public void Arabic_letters_join_and_run_right_to_left()
    {
        var fonts = MapFonts.Shipped;
        var word = TextShaper.Shape(fonts, "سلام", 24);
        var alone = "سلام".Select(c => TextShaper.Shape(fonts, c.ToString(), 24).Runs.Single().Glyphs.Single()).ToArray();
        var run = word.Runs.Single();

        // Joined forms are other glyphs than the letters alone; the first letter (cluster 0) is at the right end.
        Assert.NotEqual(alone, run.Glyphs.Reverse().ToArray());
        var first = Array.IndexOf(run.Clusters, 0u);
        Assert.Equal(run.Positions.Max(p => p.X), run.Positions[first].X);

        // A number inside right-to-left text still reads left to right; the line starts at the right.
        var mixed = TextShaper.Shape(fonts, "سلام 42", 24);
        Assert.Equal("42", System.Text.Encoding.UTF8.GetString(mixed.Runs[0].Utf8));
    }

    [Fact]
    public void Each_character_takes_the_first_face_that_has_it_and_a_cjk_word_stays_in_one_face()
    {
        var fonts = MapFonts.Shipped;
        var line = TextShaper.Shape(fonts, "Seoul 서울 汉字这", 20);
        Assert.Equal([0, 1, 2], line.Runs.Select(r => r.Face).ToArray());

        // 汉 and 这 are simplified: only the Chinese face has them, so the whole word takes it, 字 too.
        Assert.Equal("汉字这", System.Text.Encoding.UTF8.GetString(line.Runs[2].Utf8));
        var used = TextShaper.CodePointsByFace(fonts, ["Seoul 서울 汉字这"]);
        Assert.Contains('字', used[2]);
        Assert.DoesNotContain('字', used[1]);
    }

    [Fact]
    public void Fit_cuts_long_text_at_a_character_with_an_ellipsis()
    {
        var fonts = MapFonts.Shipped;
        var text = "한국어 라벨이 아주 길어서 범례에 들어가지 않습니다";
        var cut = TextShaper.Fit(fonts, text, 20, 150);
        Assert.EndsWith("\u2026", cut, StringComparison.Ordinal);
        Assert.True(TextShaper.Measure(fonts, cut, 20) <= 150);
        Assert.StartsWith(cut[..^1], text, StringComparison.Ordinal);
        Assert.Equal("short", TextShaper.Fit(fonts, "short", 20, 150));
    }

    [Fact]
    public void A_subset_font_keeps_only_the_characters_drawn_and_shapes_them_alike()
    {
        var fonts = MapFonts.Shipped;
        var text = "서울 지도";
        using var subset = fonts.Subset(TextShaper.CodePointsByFace(fonts, [text]));
        using var whole = fonts[1].OpenStream();
        using var part = subset[1].OpenStream();
        Assert.True(part.Length < whole.Length / 100, $"{part.Length} of {whole.Length} bytes");
        Assert.Equal(TextShaper.Shape(fonts, text, 30).Width, TextShaper.Shape(subset, text, 30).Width, 3);
        using var a = Picture.Of(Draw(fonts, text));
        using var b = Picture.Of(Draw(subset, text));
        Assert.Equal(0, a.CountDifferent(b, (0, 0), (0, 0), a.Width, a.Height));
    }

    private static SKBitmap Draw(MapFonts fonts, string text)
    {
        var bitmap = new SKBitmap(new SKImageInfo(360, 48, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var blob = SkiaMapRenderer.Blob(fonts, TextShaper.Shape(fonts, text, 24));
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        canvas.DrawText(blob!, 8, 34, paint);
        return bitmap;
    }
}
