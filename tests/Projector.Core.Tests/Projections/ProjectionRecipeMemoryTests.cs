using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;
using Projector.Core.Tests.Projections.Tsne;

namespace Projector.Core.Tests.Projections;

public sealed class ProjectionRecipeMemoryTests
{
    private static readonly ProjectionRecipe Gaussian = new() { Method = LayoutMethod.Tsne };
    private static readonly ProjectionRecipe Uniform = new() { Method = LayoutMethod.Tsne, TsneAffinity = TsneAffinityKernel.Uniform };
    private static readonly ProjectionRecipe Umap = new() { Method = LayoutMethod.Umap };

    [Fact]
    public void The_estimate_follows_the_measured_million_point_runs_and_grows_with_the_neighbours()
    {
        // docs/benchmarks.md: 1M x 50, t-SNE (k = 90) peaked at 2,988 MB and UMAP (k = 15) at 1,917 MB of
        // working set, slack included; the live arrays must come below that, and not far below.
        var tsne = Gaussian.EstimatedMemoryBytes(1_000_000, 50);
        var umap = Umap.EstimatedMemoryBytes(1_000_000, 50);
        Assert.InRange(tsne, 2.2e9, 2.99e9);
        Assert.InRange(umap, 0.8e9, 1.92e9);
        Assert.True(Uniform.EstimatedMemoryBytes(1_000_000, 50) < tsne / 2);
        Assert.True(Gaussian.EstimatedMemoryBytes(2_000_000, 50) > 1.9 * tsne);
        // PCA to 50 first: the 784-d input is not what the search holds.
        Assert.True(Umap.EstimatedMemoryBytes(1_000_000, 784) < umap * 1.01);
    }

    [Fact]
    public void A_gaussian_tsne_that_cannot_fit_is_refused_before_it_starts_and_uniform_affinities_are_offered()
    {
        var limit = 16_000_000_000L;
        var error = Assert.Throws<RecipeException>(() => (Gaussian with { MemoryLimit = limit }).Validate(10_000_000, 50));
        Assert.Null(error.Property);
        Assert.Contains("10,000,000 points", error.Message, StringComparison.Ordinal);
        Assert.Contains("90 neighbours", error.Message, StringComparison.Ordinal);
        Assert.Contains("16.0 GB are available", error.Message, StringComparison.Ordinal);
        Assert.Contains("choose uniform affinities (about", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);

        // What the message offers fits under the same limit, and UMAP does too.
        (Uniform with { MemoryLimit = limit }).Validate(10_000_000, 50);
        (Umap with { MemoryLimit = limit }).Validate(10_000_000, 50);
        var umap = Assert.Throws<RecipeException>(() => (Umap with { MemoryLimit = 4_000_000_000 }).Validate(10_000_000, 50));
        Assert.Contains("UMAP over 15 neighbours", umap.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("uniform", umap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graphs_wider_than_an_array_are_refused_whatever_the_memory()
    {
        var error = Assert.Throws<RecipeException>(() => (Umap with { MemoryLimit = long.MaxValue }).Validate(100_000_000, 50));
        Assert.Contains("more graph entries than one array holds", error.Message, StringComparison.Ordinal);
        // The symmetric affinities' int offsets: 2 x 12M x 90 entries is past 2^31.
        Assert.Throws<RecipeException>(() => (Gaussian with { MemoryLimit = long.MaxValue }).Validate(12_000_000, 50));
        (Gaussian with { MemoryLimit = long.MaxValue }).Validate(11_000_000, 50);
    }

    [Fact]
    public void Pca_is_never_refused_for_memory_and_a_refused_recipe_computes_nothing()
    {
        new ProjectionRecipe { Method = LayoutMethod.Pca, MemoryLimit = 1 }.Validate(1_000_000, 50);
        var (data, _) = TsneTestData.Blobs(2, 30, 5, seed: 1);
        using (data)
        {
            var tiny = Gaussian with { MemoryLimit = 1000, Iterations = 50 };
            Assert.Throws<RecipeException>(() => tiny.Compute(data));
            Assert.Equal(2 * data.Rows, (tiny with { MemoryLimit = null }).Compute(data).Positions.Length);
        }
    }
}
