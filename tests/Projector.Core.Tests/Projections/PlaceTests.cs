using Projector.Core.Data;
using Projector.Core.Projections;

namespace Projector.Core.Tests.Projections;

/// <summary>New rows placed into a finished layout land where their kind is, and the layout stays as it was.</summary>
public sealed class PlaceTests
{
    private const int Blobs = 3;
    private const int PerBlob = 100;

    [Theory]
    [InlineData(LayoutMethod.Tsne, 20)]
    [InlineData(LayoutMethod.Umap, 20)]
    [InlineData(LayoutMethod.Pca, 20)]
    [InlineData(LayoutMethod.Tsne, 64)]
    [InlineData(LayoutMethod.Umap, 64)]
    public void New_rows_of_a_blob_land_nearest_that_blobs_points(LayoutMethod method, int dims)
    {
        var (data, centres) = BlobData(dims, seed: 1);
        var recipe = Recipe(method);
        var layout = recipe.Compute(data);
        var frame = Frame(layout);
        using var fresh = NewRows(centres, dims, perBlob: 5, seed: 2);

        var placed = recipe.Place(data, frame, fresh);

        Assert.Equal(fresh.Rows, placed.Points);
        Assert.Equal(frame.Dimensions, placed.Dimensions);
        var layoutCentres = Enumerable.Range(0, Blobs).Select(b => Centre(frame, b)).ToArray();
        for (var i = 0; i < fresh.Rows; i++)
        {
            var position = placed.Positions.AsSpan(i * placed.Dimensions, placed.Dimensions).ToArray();
            var nearest = Enumerable.Range(0, Blobs).MinBy(b => Distance(position, layoutCentres[b]));
            Assert.Equal(i % Blobs, nearest);
            Assert.All(placed.Neighbors[i], n => Assert.Equal(i % Blobs, n.Index / PerBlob));
        }
    }

    [Fact]
    public void A_copy_of_a_row_lands_near_that_row_and_lists_it_first()
    {
        var (data, _) = BlobData(20, seed: 3);
        var recipe = Recipe(LayoutMethod.Tsne);
        var frame = Frame(recipe.Compute(data));
        int[] rows = [5, 150, 250];
        var copy = new float[rows.Length * data.Dimensions];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(copy.AsSpan(i * data.Dimensions));
        }

        using var copies = EmbeddingMatrix.FromArray(copy, rows.Length, data.Dimensions);
        var placed = recipe.Place(data, frame, copies);

        var spread = Spread(frame);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i], placed.Neighbors[i][0].Index);
            Assert.Equal(0f, placed.Neighbors[i][0].Distance, 1e-4f);
            var original = frame.Positions.AsSpan(rows[i] * 2, 2).ToArray();
            var moved = Distance(placed.Positions.AsSpan(i * 2, 2).ToArray(), original);
            Assert.True(moved < 0.1 * spread, $"row {rows[i]} landed {moved:0.00} from its own point (layout spread {spread:0.00})");
        }
    }

    [Theory]
    [InlineData(LayoutMethod.Tsne)]
    [InlineData(LayoutMethod.Umap)]
    public void The_same_seed_gives_the_same_positions_on_any_thread_count(LayoutMethod method)
    {
        var (data, centres) = BlobData(20, seed: 4);
        var frame = Frame(Recipe(method).Compute(data));
        using var fresh = NewRows(centres, 20, perBlob: 4, seed: 5);

        var one = (Recipe(method) with { Threads = 1 }).Place(data, frame, fresh);
        var two = (Recipe(method) with { Threads = 2 }).Place(data, frame, fresh);
        var again = Recipe(method).Place(data, frame, fresh);

        Assert.Equal(one.Positions, two.Positions);
        Assert.Equal(one.Positions, again.Positions);
    }

    [Fact]
    public void Rows_of_another_width_are_refused_with_both_widths()
    {
        var (data, _) = BlobData(20, seed: 6);
        var recipe = Recipe(LayoutMethod.Umap);
        var frame = Frame(recipe.Compute(data));
        using var wrong = EmbeddingMatrix.FromArray(new float[2 * 7], 2, 7);

        var e = Assert.Throws<ArgumentException>(() => recipe.Place(data, frame, wrong));
        Assert.Contains("7 values", e.Message, StringComparison.Ordinal);
        Assert.Contains("20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_of_another_size_is_refused()
    {
        var (data, centres) = BlobData(20, seed: 7);
        var recipe = Recipe(LayoutMethod.Tsne);
        var frame = Frame(recipe.Compute(data)) with { Points = 10 };
        using var fresh = NewRows(centres, 20, perBlob: 1, seed: 8);

        Assert.Throws<ArgumentException>(() => recipe.Place(data, frame, fresh));
    }

    private static ProjectionRecipe Recipe(LayoutMethod method) =>
        new() { Method = method, Seed = 11, Iterations = method == LayoutMethod.Tsne ? 400 : 200, Perplexity = method == LayoutMethod.Tsne ? 20 : null };

    private static ProjectionFrame Frame(ComputedLayout layout)
    {
        var dims = layout.Method == LayoutMethod.Pca ? 2 : layout.Dimensions;
        return new ProjectionFrame(layout.FirstColumns(dims), layout.Points, dims, 0, 0, null, "done");
    }

    private static (EmbeddingMatrix Data, double[][] Centres) BlobData(int dims, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, Blobs).Select(_ => Enumerable.Range(0, dims).Select(_ => Gaussian(random) * 6).ToArray()).ToArray();
        var values = new float[Blobs * PerBlob * dims];
        for (var i = 0; i < Blobs * PerBlob; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                values[(i * dims) + d] = (float)(centres[i / PerBlob][d] + Gaussian(random));
            }
        }

        return (EmbeddingMatrix.FromArray(values, Blobs * PerBlob, dims), centres);
    }

    // Row i belongs to blob i % Blobs.
    private static EmbeddingMatrix NewRows(double[][] centres, int dims, int perBlob, int seed)
    {
        var random = new Random(seed);
        var rows = perBlob * Blobs;
        var values = new float[rows * dims];
        for (var i = 0; i < rows; i++)
        {
            for (var d = 0; d < dims; d++)
            {
                values[(i * dims) + d] = (float)(centres[i % Blobs][d] + Gaussian(random));
            }
        }

        return EmbeddingMatrix.FromArray(values, rows, dims);
    }

    private static double[] Centre(ProjectionFrame frame, int blob)
    {
        var centre = new double[frame.Dimensions];
        for (var i = blob * PerBlob; i < (blob + 1) * PerBlob; i++)
        {
            for (var d = 0; d < frame.Dimensions; d++)
            {
                centre[d] += frame.Positions[(i * frame.Dimensions) + d] / PerBlob;
            }
        }

        return centre;
    }

    private static double Spread(ProjectionFrame frame)
    {
        var xs = Enumerable.Range(0, frame.Points).Select(i => frame.Positions[i * 2]).ToArray();
        var ys = Enumerable.Range(0, frame.Points).Select(i => frame.Positions[(i * 2) + 1]).ToArray();
        return Math.Max(xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    private static double Distance(IReadOnlyList<float> a, IReadOnlyList<double> b) =>
        Math.Sqrt(a.Select((v, d) => (v - b[d]) * (v - b[d])).Sum());

    private static double Distance(IReadOnlyList<float> a, IReadOnlyList<float> b) =>
        Math.Sqrt(a.Select((v, d) => (double)(v - b[d]) * (v - b[d])).Sum());

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
