using Projector.Core.Publishing.Rendering;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class PaletteTests
{
    [Fact]
    public void Categorical_colours_stay_distinct_well_past_ten()
    {
        var colors = Enumerable.Range(0, Palette.Size).Select(Palette.Category).ToList();
        Assert.Equal(Palette.Size, colors.Distinct().Count());
        for (var i = 0; i < 30; i++)
        {
            Assert.True(Palette.Difference(colors[i], Palette.Other) > 10, $"colour {i} {colors[i].Hex} is too close to the grey of 'other'");
            Assert.True(Palette.Difference(colors[i], new Rgb(255, 255, 255)) > 15, $"colour {i} {colors[i].Hex} is too close to the white page");
            for (var j = 0; j < i; j++)
            {
                Assert.True(Palette.Difference(colors[i], colors[j]) > 10, $"colours {j} {colors[j].Hex} and {i} {colors[i].Hex} are too close");
            }
        }
    }

    [Fact]
    public void The_palette_is_fixed_and_starts_with_the_familiar_ten()
    {
        Assert.Equal("#1f77b4", Palette.Category(0).Hex);
        Assert.Equal("#ff7f0e", Palette.Category(1).Hex);
        Assert.Equal(Palette.Category(25), Palette.Category(25));
    }

    [Fact]
    public void The_gradient_runs_from_dark_purple_to_yellow()
    {
        Assert.Equal("#440154", Palette.Gradient(0).Hex);
        Assert.Equal("#fde725", Palette.Gradient(1).Hex);
        Assert.Equal("#440154", Palette.Gradient(-3).Hex);
        Assert.NotEqual(Palette.Gradient(0.4), Palette.Gradient(0.6));
    }
}
