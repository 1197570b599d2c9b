using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Barnes_hut_sums_agree_at_every_vector_width(int dims)
    {
        // Given a clustered layout and its exact repulsion
        var y = TsneTestData.ClusteredLayout(GradientPoints, dims, 13, 40);
        var exact = TsneTestData.ExactNormalisedRepulsion(y, GradientPoints, dims);
        var kernel = new TsneKernel(1);
        var theta = new TsneOptions().ThetaFor(dims);

        // When the sums run 16 lanes at a time (where the machine has them) and at Vector<float>'s width
        var wide = new BarnesHutRepulsion(GradientPoints, dims, kernel, theta, 2, wide: true);
        var narrow = new BarnesHutRepulsion(GradientPoints, dims, kernel, theta, 2, wide: false);
        var (wideForce, narrowForce) = (new double[y.Length], new double[y.Length]);
        var (wideZ, narrowZ) = (wide.Compute(y, wideForce), narrow.Compute(y, narrowForce));

        // Then both are within 1 % of the exact sum, and within float rounding of each other
        Assert.True(NormalisedError(wide, y, dims, exact) < 1e-2);
        Assert.True(NormalisedError(narrow, y, dims, exact) < 1e-2);
        Assert.Equal(wideZ, narrowZ, wideZ * 1e-5);
        Assert.True(TsneTestData.RelativeError(narrowForce, wideForce) < 1e-5);
    }
}
