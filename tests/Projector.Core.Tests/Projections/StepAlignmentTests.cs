using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Projector.Core.Data;
using Projector.Core.Projections;

namespace Projector.Core.Tests.Projections;

public sealed class StepAlignmentTests
{
    [Theory]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void Align_undoes_a_rotation_or_reflection_and_a_shift(int dims, bool reflect)
    {
        var random = new Random(dims);
        var reference = Enumerable.Range(0, 50 * dims).Select(_ => (float)((random.NextDouble() * 20) - 10)).ToArray();
        var turn = RandomOrthogonal(dims, random, reflect);
        var moved = Transform(reference, dims, turn, shift: 7);

        var aligned = StepAlignment.Align(reference, moved, 50, dims);

        Assert.True(StepAlignment.MeanDisplacement(reference, aligned, 50, dims) < 1e-4);
    }

    [Fact]
    public void Align_fits_on_the_shared_rows_and_moves_every_row()
    {
        var random = new Random(3);
        var reference = Enumerable.Range(0, 40).Select(_ => (float)random.NextDouble()).ToArray();
        var moved = Transform(reference, 2, RandomOrthogonal(2, random, reflect: true), shift: -3);
        // Row 19 (the last) moved on its own between the steps; the fit uses the others only.
        moved[38] += 50;
        moved[39] -= 50;
        var shared = Enumerable.Range(0, 19).ToArray();

        var aligned = StepAlignment.Align(reference, moved, 20, 2, shared);

        Assert.True(StepAlignment.MeanDisplacement(reference.AsSpan(0, 38), aligned.AsSpan(0, 38), 19, 2) < 1e-3);
        Assert.True(StepAlignment.MeanDisplacement(reference.AsSpan(38), aligned.AsSpan(38), 1, 2) > 10);
    }

    [Fact]
    public void Spread_is_the_root_mean_square_distance_from_the_centroid()
    {
        Assert.Equal(Math.Sqrt(2), StepAlignment.Spread([0, 0, 2, 2, 0, 2, 2, 0], 4, 2), 6);
        Assert.Equal(1, StepAlignment.MeanDisplacement([0, 0, 1, 1], [1, 0, 1, 2], 2, 2), 6);
    }

    [Theory]
    [InlineData(LayoutMethod.Tsne)]
    [InlineData(LayoutMethod.Umap)]
    [InlineData(LayoutMethod.Pca)]
    public void Consecutive_steps_of_a_slowly_drifting_run_hold_still_where_independent_layouts_jump(LayoutMethod method)
    {
        var steps = DriftingRun(points: 240, dims: 12, count: 5);
        try
        {
            var recipe = new ProjectionRecipe { Method = method, Iterations = method == LayoutMethod.Umap ? 200 : 500, Threads = 2 };

            var aligned = recipe.ComputeSteps(steps);
            var independent = steps.Select(s => recipe.Compute(s).FirstColumns(2)).ToList();

            var held = Shifts(aligned.Select(l => l.Positions).ToList(), 240);
            var jumped = Shifts(independent, 240);
            var report = string.Create(CultureInfo.InvariantCulture, $"aligned {string.Join(" ", held.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}; independent {string.Join(" ", jumped.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}");
            // UMAP's sampled SGD reshuffles points inside a cluster more than t-SNE does, even from its own layout.
            Assert.True(held.Max() < (method == LayoutMethod.Umap ? 0.35 : 0.15), report);
            Assert.True(jumped.Max() > 0.5, report);
            Assert.True(held.Average() < jumped.Average() / 2, report);
            Assert.All(aligned, l => Assert.Equal(2, l.Dimensions));
        }
        finally
        {
            steps.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void The_same_steps_and_seed_give_the_same_bytes()
    {
        var steps = DriftingRun(points: 120, dims: 8, count: 3);
        try
        {
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Iterations = 200, Threads = 2, Seed = 7 };

            var first = recipe.ComputeSteps(steps);
            var second = recipe.ComputeSteps(steps);

            Assert.Equal(first.Select(l => l.Positions), second.Select(l => l.Positions));
            Assert.Contains(first[1].Options, o => o.Key == "initialization" && (string?)o.Value == "given");
            Assert.DoesNotContain(first[0].Options, o => o.Key == "initialization");
        }
        finally
        {
            steps.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void Steps_of_different_rows_are_refused()
    {
        using var a = EmbeddingMatrix.FromArray(new float[20], 10, 2);
        using var b = EmbeddingMatrix.FromArray(new float[22], 11, 2);

        var e = Assert.Throws<ArgumentException>(() => new ProjectionRecipe().ComputeSteps([a, b]));

        Assert.Contains("same rows; they hold 10, 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_initial_layout_must_fit_the_rows_and_the_method()
    {
        Assert.Equal(nameof(ProjectionRecipe.InitialLayout), Assert.Throws<RecipeException>(() => new ProjectionRecipe { InitialLayout = new float[10] }.Validate(10, 4)).Property);
        Assert.Equal(nameof(ProjectionRecipe.InitialLayout), Assert.Throws<RecipeException>(() => new ProjectionRecipe { Method = LayoutMethod.Pca, InitialLayout = new float[20] }.Validate(10, 4)).Property);
        Assert.Equal(nameof(ProjectionRecipe.InitialLayout), Assert.Throws<RecipeException>(() => new ProjectionRecipe { InitialLayout = [.. new float[19], float.NaN] }.Validate(10, 4)).Property);
        new ProjectionRecipe { InitialLayout = new float[20] }.Validate(10, 4);
        Assert.NotEqual(new ProjectionRecipe().CacheKey(10, 4), new ProjectionRecipe { InitialLayout = new float[20] }.CacheKey(10, 4));
    }

    /// <summary>The mean displacement between consecutive layouts, against the spread of the first of each pair.</summary>
    private static List<double> Shifts(IReadOnlyList<float[]> layouts, int points) =>
        [.. layouts.Zip(layouts.Skip(1), (a, b) => StepAlignment.MeanDisplacement(a, b, points, 2) / StepAlignment.Spread(a, points, 2))];

    /// <summary>
    /// Checkpoints of a training run: four clusters whose points drift a little from step to step, each step
    /// in a basis of its own (a network's embedding has no preferred axes), as a run's checkpoints are.
    /// </summary>
    private static List<EmbeddingMatrix> DriftingRun(int points, int dims, int count)
    {
        var random = new Random(11);
        var centres = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, dims).Select(_ => Gaussian(random) * 2.5).ToArray()).ToArray();
        var start = new double[points * dims];
        var drift = new double[points * dims];
        for (var i = 0; i < points; i++)
        {
            for (var c = 0; c < dims; c++)
            {
                start[(i * dims) + c] = centres[i % 4][c] + Gaussian(random);
                drift[(i * dims) + c] = Gaussian(random);
            }
        }

        var steps = new List<EmbeddingMatrix>();
        for (var k = 0; k < count; k++)
        {
            var basis = RandomOrthogonal(dims, random, reflect: k % 2 == 1);
            var values = new float[points * dims];
            for (var i = 0; i < points; i++)
            {
                var row = Vector<double>.Build.Dense(dims, c => start[(i * dims) + c] + (0.04 * k * drift[(i * dims) + c]));
                var turned = row * basis;
                for (var c = 0; c < dims; c++)
                {
                    values[(i * dims) + c] = (float)turned[c];
                }
            }

            steps.Add(EmbeddingMatrix.FromArray(values, points, dims));
        }

        return steps;
    }

    private static Matrix<double> RandomOrthogonal(int dims, Random random, bool reflect)
    {
        var q = Matrix<double>.Build.Dense(dims, dims, (_, _) => Gaussian(random)).QR().Q;
        if (reflect != q.Determinant() < 0)
        {
            q.SetColumn(0, -q.Column(0));
        }

        return q;
    }

    private static float[] Transform(float[] layout, int dims, Matrix<double> turn, double shift)
    {
        var result = new float[layout.Length];
        for (var i = 0; i < layout.Length / dims; i++)
        {
            var row = Vector<double>.Build.Dense(dims, c => layout[(i * dims) + c]) * turn;
            for (var c = 0; c < dims; c++)
            {
                result[(i * dims) + c] = (float)(row[c] + shift);
            }
        }

        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
