using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Fact]
    public void Fit_in_three_dimensions_gives_the_same_bytes_for_a_seed_whatever_the_threads()
    {
        // Given blobs and a 3-D run (Barnes-Hut at the 3-D default θ, the vectorised 3-D attraction)
        var (data, _) = TsneTestData.Blobs(3, 120, 6, seed: 21);
        var options = new TsneOptions { Dimensions = 3, Iterations = 60, EarlyExaggerationIterations = 30, KlEvery = 20, Seed = 5 };

        // When it runs twice on two threads and once on one
        var first = Core.Projections.Tsne.TsneProjection.Fit(data, options with { Threads = 2 });
        var second = Core.Projections.Tsne.TsneProjection.Fit(data, options with { Threads = 2 });
        var single = Core.Projections.Tsne.TsneProjection.Fit(data, options with { Threads = 1 });

        // Then the layouts and costs are identical
        Assert.Equal(first.Positions, second.Positions);
        Assert.Equal(first.Positions, single.Positions);
        Assert.Equal(first.Cost, single.Cost);
    }

    [Fact]
    public void Three_dimensional_default_theta_is_as_accurate_as_the_two_dimensional_default()
    {
        // Given clustered layouts in 2-D and 3-D and their exact repulsion
        var kernel = new TsneKernel(1);
        var errors = new Dictionary<int, double>();
        foreach (var dims in new[] { 2, 3 })
        {
            var y = TsneTestData.ClusteredLayout(GradientPoints, dims, 11, 30);
            var exact = TsneTestData.ExactNormalisedRepulsion(y, GradientPoints, dims);
            var theta = new TsneOptions().ThetaFor(dims);
            errors[dims] = NormalisedError(new BarnesHutRepulsion(GradientPoints, dims, kernel, theta, 2), y, dims, exact);
        }

        // Then 3-D's larger θ errs no more than 2-D's (both within 1 %)
        Assert.True(errors[3] <= errors[2] && errors[2] < 1e-2, $"2-D {errors[2]}, 3-D {errors[3]}");
    }
}
