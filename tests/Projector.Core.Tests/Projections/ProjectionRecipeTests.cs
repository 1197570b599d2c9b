using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;

namespace Projector.Core.Tests.Projections;

public sealed class ProjectionRecipeTests
{
    [Fact]
    public void Out_of_range_choices_name_the_property_and_what_is_wrong()
    {
        var e = Assert.Throws<RecipeException>(() => new ProjectionRecipe { Perplexity = 400 }.Validate(100, 5));
        Assert.Equal(nameof(ProjectionRecipe.Perplexity), e.Property);
        Assert.StartsWith("must be above 0 and at most 333", e.Problem, StringComparison.Ordinal);
        Assert.Equal(nameof(ProjectionRecipe.Rows), Assert.Throws<RecipeException>(() => new ProjectionRecipe { Rows = [1, 1] }.Validate(10, 5)).Property);
        Assert.Equal(nameof(ProjectionRecipe.Dimensions), Assert.Throws<RecipeException>(() => new ProjectionRecipe { Dimensions = 4 }.Validate(10, 5)).Property);
        Assert.Null(Assert.Throws<RecipeException>(() => new ProjectionRecipe().Validate(1, 5)).Property);
    }

    [Fact]
    public void A_subset_is_laid_out_as_those_rows_alone_would_be()
    {
        using var data = Clusters(90, 6);
        var rows = Enumerable.Range(0, 90).Where(i => i % 3 != 0).Reverse().ToArray();
        var recipe = new ProjectionRecipe { Method = LayoutMethod.Umap, Iterations = 30, Rows = rows };
        using var subset = EmbeddingMatrix.FromArray([.. rows.SelectMany(i => data.Row(i).ToArray())], rows.Length, 6);
        Assert.Equal((recipe with { Rows = null }).Compute(subset).Positions, recipe.Compute(data).Positions);
    }

    [Fact]
    public void A_cache_serves_the_second_run_and_never_an_approximate_graph_of_other_k()
    {
        using var data = Clusters(120, 8);
        var cache = new RecordingCache();
        var recipe = new ProjectionRecipe { Method = LayoutMethod.Umap, Iterations = 20, Neighbors = 10 };
        var first = recipe.Compute(data, cache).Positions;
        Assert.Equal(1, cache.GraphsKept);
        Assert.Equal(first, (recipe with { MinDist = 0.1 }).Compute(data, cache).Positions);
        Assert.Equal(1, cache.GraphsKept);

        // An exact graph of more neighbours serves a smaller k; an approximate one does not.
        var tsne = new ProjectionRecipe { Perplexity = 3, Iterations = 20 };
        var fresh = tsne.Compute(data).Positions;
        Assert.Equal(fresh, tsne.Compute(data, cache).Positions);
        Assert.Equal(1, cache.GraphsKept);
        cache.Approximate = true;
        Assert.Equal(fresh, tsne.Compute(data, cache).Positions);
        Assert.Equal(2, cache.GraphsKept);
    }

    [Fact]
    public void Uniform_affinities_take_15_neighbours_describe_themselves_and_never_share_cached_affinities()
    {
        using var data = Clusters(120, 8);
        var gaussian = new ProjectionRecipe { Method = LayoutMethod.Tsne, Iterations = 20 };
        var uniform = gaussian with { TsneAffinity = Core.Projections.Tsne.TsneAffinityKernel.Uniform };
        Assert.Equal(15, uniform.GraphNeighborsFor(120));
        Assert.Equal(90, gaussian.GraphNeighborsFor(120));
        Assert.Contains(new KeyValuePair<string, object?>("affinity", "uniform"), uniform.Describe(120, 8));
        Assert.DoesNotContain(gaussian.Describe(120, 8), kv => kv.Key == "affinity");
        Assert.NotEqual(gaussian.CacheKey(120, 8), uniform.CacheKey(120, 8));

        // With one cache for both, each gets the layout a fresh run gives
        var cache = new RecordingCache();
        var freshGaussian = gaussian.Compute(data).Positions;
        Assert.Equal(uniform.Compute(data).Positions, uniform.Compute(data, cache).Positions);
        Assert.Equal(freshGaussian, gaussian.Compute(data, cache).Positions);
        Assert.NotEqual(freshGaussian, uniform.Compute(data, cache).Positions);
    }

    [Fact]
    public void The_same_recipe_describes_and_keys_alike_and_other_choices_differ()
    {
        var a = new ProjectionRecipe { Method = LayoutMethod.Tsne, Perplexity = 20 };
        Assert.Equal(a.CacheKey(100, 5), (a with { }).CacheKey(100, 5));
        Assert.NotEqual(a.CacheKey(100, 5), (a with { Seed = 1 }).CacheKey(100, 5));
        Assert.NotEqual(a.CacheKey(100, 5), (a with { Rows = [1, 2, 3] }).CacheKey(100, 5));
        Assert.NotEqual(a.CacheKey(100, 5), (a with { SupervisionLabels = [.. Enumerable.Repeat("x", 100)] }).CacheKey(100, 5));
        Assert.Contains(new KeyValuePair<string, object?>("perplexity", 20.0), a.Describe(100, 5));
    }

    [Fact]
    public void A_pca_layout_computes_ten_components_and_callers_take_the_first()
    {
        using var data = Clusters(60, 12);
        var layout = new ProjectionRecipe { Method = LayoutMethod.Pca }.Compute(data);
        Assert.Equal(10, layout.Dimensions);
        Assert.Equal(10, layout.ExplainedVariance!.Length);
        var two = layout.FirstColumns(2);
        Assert.Equal(layout.Positions[10], two[2]);
        Assert.Equal(layout.Positions[11], two[3]);
    }

    private static EmbeddingMatrix Clusters(int n, int d)
    {
        var random = new Random(5);
        var values = new float[n * d];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble() + ((i / d) % 3 == (i % d) % 3 ? 4 : 0);
        }

        return EmbeddingMatrix.FromArray(values, n, d);
    }

    /// <summary>Keeps graphs in a dictionary; can pretend the kept graph of more neighbours is approximate.</summary>
    private sealed class RecordingCache : IPreparationCache
    {
        private readonly Dictionary<string, KnnGraph> _graphs = [];
        private readonly Dictionary<string, Core.Projections.Tsne.TsneAffinities> _affinities = [];

        public int GraphsKept { get; private set; }

        public bool Approximate { get; set; }

        public EmbeddingMatrix? FindInput(string key) => null;

        public bool KeepInput(string key, EmbeddingMatrix input) => false;

        public KnnGraph? FindGraph(string key, int k)
        {
            if (!_graphs.TryGetValue(key, out var g) || g.K < k)
            {
                return null;
            }

            return Approximate && g.K > k ? new KnnGraph(g.Points, g.K, g.AllIndices, g.AllDistances, g.Metric, isExact: false) : g;
        }

        public void KeepGraph(string key, KnnGraph graph)
        {
            GraphsKept++;
            _graphs[key] = graph;
        }

        public Core.Projections.Tsne.TsneAffinities? FindAffinities(string key) => _affinities.GetValueOrDefault(key);

        public void KeepAffinities(string key, Core.Projections.Tsne.TsneAffinities affinities) => _affinities[key] = affinities;
    }
}
