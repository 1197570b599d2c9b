using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Fact]
    public void Visiting_rows_along_the_layout_gives_the_same_bytes_as_index_order()
    {
        // Given the same data run with rows of P visited in index order and along the layout's Morton curve
        var (data, _) = TsneTestData.Blobs(4, 150, 6, seed: 12);
        var options = new TsneOptions { Gradient = TsneGradientMethod.BarnesHut, Threads = 2, Iterations = 120, EarlyExaggerationIterations = 60 };
        var plain = Core.Projections.Tsne.Tsne.Create(data, options);
        plain.ReorderThreshold = int.MaxValue;
        var renumbered = Core.Projections.Tsne.Tsne.Create(data, options);
        renumbered.ReorderThreshold = 0;

        // When both run to the end (the order renewed before iterations 0, 10, 25, 50 and 100)
        var expected = ProjectionRunner.RunToEnd(plain).Positions;
        var actual = ProjectionRunner.RunToEnd(renumbered).Positions;

        // Then every row is still summed alone and written to its own place
        Assert.Equal(expected, actual);
    }
}
