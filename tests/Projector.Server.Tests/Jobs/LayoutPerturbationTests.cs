using Projector.Server.Jobs;

namespace Projector.Server.Tests.Jobs;

public sealed class LayoutPerturbationTests
{
    [Fact]
    public void The_nudge_is_seeded_small_and_leaves_the_input_alone()
    {
        var positions = new float[400];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (i % 2 == 0 ? 10f : 1f) * MathF.Sin(i);
        }

        var before = positions.ToArray();
        var a = LayoutPerturbation.Perturb(positions, 2, 5);
        var b = LayoutPerturbation.Perturb(positions, 2, 5);
        var c = LayoutPerturbation.Perturb(positions, 2, 6);
        Assert.Equal(before, positions);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(positions, a);

        // A twentieth of each axis's spread: the wide x axis moves about ten times as far as y.
        double Moved(int axis) => Math.Sqrt(Enumerable.Range(0, 200).Average(i => Math.Pow(a[(i * 2) + axis] - positions[(i * 2) + axis], 2)));
        double Spread(int axis) => Math.Sqrt(Enumerable.Range(0, 200).Average(i => Math.Pow(positions[(i * 2) + axis], 2)));
        Assert.InRange(Moved(0) / Spread(0), 0.03, 0.07);
        Assert.InRange(Moved(1) / Spread(1), 0.03, 0.07);
    }
}
