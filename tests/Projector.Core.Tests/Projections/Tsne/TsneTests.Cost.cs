using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.5)]
    public void The_reported_cost_is_the_kl_divergence_of_the_layout_it_was_measured_on(int dims, double alpha)
    {
        // Given a run with the exact gradient that reports its cost every iteration, part way through
        var (data, _) = TsneTestData.Blobs(3, 60, 5, seed: 3);
        var run = Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions
        {
            Threads = 2,
            KlEvery = 1,
            Dimensions = dims,
            DegreesOfFreedom = alpha,
            Gradient = TsneGradientMethod.Exact,
            Iterations = 400,
        });
        for (var t = 0; t < 300; t++)
        {
            run.Step();
        }

        // When one more iteration reports the cost of the layout it started from
        var y = run.Snapshot().Positions;
        run.Step();

        // Then it is KL(P‖Q) of that layout, computed here term by term
        var p = run.Affinities;
        var n = run.Points;
        double W(int i, int j)
        {
            var r2 = 0.0;
            for (var d = 0; d < dims; d++)
            {
                var diff = (double)y[(i * dims) + d] - y[(j * dims) + d];
                r2 += diff * diff;
            }

            return Math.Pow(1 + (r2 / alpha), -alpha);
        }

        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                z += i == j ? 0 : W(i, j);
            }
        }

        var kl = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var pij = (double)p.Values[e];
                kl += pij > 0 ? pij * Math.Log(pij / (W(i, p.Columns[e]) / z)) : 0;
            }
        }

        Assert.Equal(kl, run.LastCost!.Value, kl * 1e-4);
    }
}
