using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class UmapCurveTests
{
    [Fact]
    public void Fit_matches_umap_learn_for_the_default_min_dist_and_spread()
    {
        // When
        var (a, b) = UmapCurve.Fit(0.1, 1.0);

        // Then: umap-learn's find_ab_params(1.0, 0.1) gives a = 1.5769, b = 0.8951.
        Assert.Equal(1.577, a, 0.005);
        Assert.Equal(0.895, b, 0.002);
    }

    [Fact]
    public void Fit_gives_a_flatter_curve_for_a_larger_min_dist()
    {
        var (a1, _) = UmapCurve.Fit(0.1, 1.0);
        var (a5, b5) = UmapCurve.Fit(0.5, 1.0);

        Assert.True(a5 < a1, $"a = {a5} for min_dist 0.5, {a1} for 0.1");
        Assert.True(b5 > 0 && double.IsFinite(b5));
    }
}
