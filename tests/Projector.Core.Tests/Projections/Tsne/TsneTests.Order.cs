using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Fact]
    public void Renumbering_points_along_the_layout_keeps_input_order_and_the_result()
    {
        // Given the same data run in input order and renumbered along the layout's Morton curve
        var (data, _) = TsneTestData.Blobs(4, 150, 6, seed: 12);
        var options = new TsneOptions { Gradient = TsneGradientMethod.BarnesHut, Threads = 2, Iterations = 30, EarlyExaggerationIterations = 20 };
        var plain = Core.Projections.Tsne.TsneProjection.Create(data, options);
        plain.ReorderThreshold = int.MaxValue;
        var renumbered = Core.Projections.Tsne.TsneProjection.Create(data, options);
        renumbered.ReorderThreshold = 0;
        renumbered.ReorderAt = [0, 10, 20];
        var again = Core.Projections.Tsne.TsneProjection.Create(data, options);
        again.ReorderThreshold = 0;
        again.ReorderAt = [0, 10, 20];

        // When both run to the end (renumbered before iterations 0, 10 and 20)
        var expected = ProjectionRunner.RunToEnd(plain).Positions;
        var actual = ProjectionRunner.RunToEnd(renumbered).Positions;

        // Then point i is still row i, and only the order of a few sums over points differs, so positions
        // agree to rounding (t-SNE amplifies rounding, hence the short run); a renumbered run is reproducible
        var extent = expected.Max() - expected.Min();
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) < 1e-6 * extent, $"coordinate {k}: {expected[k]} vs {actual[k]}");
        }

        Assert.Equal(actual, ProjectionRunner.RunToEnd(again).Positions);
    }
}
