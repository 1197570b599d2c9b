using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    public static TheoryData<string, int> PreparedMethods => new()
    {
        { "barnes-hut", 2 },
        { "barnes-hut", 3 },
        { "fft", 2 },
        { "adaptive", 2 },
    };

    [Theory]
    [MemberData(nameof(PreparedMethods))]
    public async Task A_repulsion_prepared_beside_other_work_gives_the_bytes_of_one_computed_at_once(string method, int dims)
    {
        // Given two layouts, one compact (the adaptive repulsion picks the FFT for 20,000 points) and one
        // spread out (it picks Barnes-Hut)
        var kernel = new TsneKernel(1);
        var n = method == "adaptive" ? 20_000 : GradientPoints;
        IRepulsiveForces Create() => method switch
        {
            "barnes-hut" => new BarnesHutRepulsion(n, dims, kernel, 0.5, 2),
            "fft" => new FftRepulsion(n, kernel, 2),
            _ => new AdaptiveRepulsion(new FftRepulsion(n, kernel, 2), new BarnesHutRepulsion(n, dims, kernel, 0.5, 2), n),
        };

        var prepared = Create();
        var direct = Create();
        var methods = new List<bool>();
        foreach (var extent in new[] { 3.0, method == "fft" ? 30 : 400.0 })
        {
            var y = TsneTestData.ClusteredLayout(n, dims, 5, extent);

            // When one instance is prepared on another thread while this one is busy, then computes, and
            // the other computes at once (both having computed the other layout before)
            var forcePrepared = new double[y.Length];
            await Task.Run(() => prepared.Prepare(y), TestContext.Current.CancellationToken);
            var zPrepared = prepared.Compute(y, forcePrepared);
            var forceDirect = new double[y.Length];
            var zDirect = direct.Compute(y, forceDirect);

            // Then the forces and Z are identical, and a later call without preparing still works
            Assert.Equal(zDirect, zPrepared);
            Assert.Equal(forceDirect, forcePrepared);
            methods.Add(prepared is AdaptiveRepulsion { LastUsedFft: true });
        }

        if (method == "adaptive")
        {
            Assert.Equal([true, false], methods);
        }

        var moved = TsneTestData.ClusteredLayout(n, dims, 6, 50);
        var (again, fresh) = (new double[moved.Length], new double[moved.Length]);
        Assert.Equal(Create().Compute(moved, fresh), prepared.Compute(moved, again));
        Assert.Equal(fresh, again);
    }
}
