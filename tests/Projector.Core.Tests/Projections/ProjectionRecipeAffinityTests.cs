using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;
using Projector.Core.Tests.Projections.Tsne;

namespace Projector.Core.Tests.Projections;

public sealed class ProjectionRecipeAffinityTests
{
    [Fact]
    public void A_tsne_from_kept_affinities_is_byte_for_byte_the_tsne_that_computed_them()
    {
        var (data, _) = TsneTestData.Blobs(4, 40, 60, seed: 3);
        using (data)
        {
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Iterations = 60, Threads = 2, PcaDims = 20 };
            var uncached = recipe.Compute(data).Positions;
            var cache = new AffinityCache();

            var first = recipe.Compute(data, cache).Positions;
            Assert.Equal(1, cache.Computed);
            var second = recipe.Compute(data, cache).Positions;
            Assert.Equal(1, cache.Computed);
            Assert.Equal(1, cache.Found);

            Assert.Equal(uncached, first);
            Assert.Equal(uncached, second);
        }
    }

    [Fact]
    public void Other_seeds_share_the_affinities_and_other_perplexities_do_not()
    {
        var (data, _) = TsneTestData.Blobs(3, 40, 8, seed: 4);
        using (data)
        {
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Iterations = 30, Threads = 2 };
            var cache = new AffinityCache();
            recipe.Compute(data, cache);
            Assert.Equal((recipe with { Seed = 7 }).Compute(data).Positions, (recipe with { Seed = 7 }).Compute(data, cache).Positions);
            Assert.Equal(1, cache.Computed);

            var other = recipe with { Perplexity = 12 };
            Assert.Equal(other.Compute(data).Positions, other.Compute(data, cache).Positions);
            Assert.Equal(2, cache.Computed);
            Assert.Equal([12.0, 30.0], cache.Kept.Values.Select(a => a.Perplexity).Order());
            Assert.All(cache.Kept.Values, a => Assert.Equal(120, a.Points));
            Assert.All(cache.Kept.Values, a => Assert.True(a.Bytes >= 8L * a.Entries));
        }
    }

    [Fact]
    public void A_supervised_run_reweights_its_own_copy_and_leaves_the_kept_affinities_as_they_were()
    {
        var (data, labels) = TsneTestData.Blobs(3, 30, 6, seed: 5);
        using (data)
        {
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Iterations = 30, Threads = 2 };
            var supervised = recipe with { SupervisionLabels = labels, SuperviseFactor = 0.5 };
            var cache = new AffinityCache();
            Assert.Equal(supervised.Compute(data).Positions, supervised.Compute(data, cache).Positions);
            Assert.Equal(recipe.Compute(data).Positions, recipe.Compute(data, cache).Positions);
            Assert.Equal(supervised.Compute(data).Positions, supervised.Compute(data, cache).Positions);
            Assert.Equal(1, cache.Computed);
        }
    }

    [Fact]
    public void Without_a_cache_nothing_is_computed_ahead_and_umap_keeps_no_affinities()
    {
        var (data, _) = TsneTestData.Blobs(2, 30, 5, seed: 6);
        using (data)
        {
            using var plain = new ProjectionRecipe { Method = LayoutMethod.Tsne }.Prepare(data);
            Assert.Null(plain.Affinities);
            var cache = new AffinityCache();
            using var umap = new ProjectionRecipe { Method = LayoutMethod.Umap }.Prepare(data, cache);
            Assert.Null(umap.Affinities);
            Assert.Equal(0, cache.Computed);
        }
    }

    /// <summary>Keeps graphs and affinities in dictionaries and counts what was computed and found.</summary>
    private sealed class AffinityCache : IPreparationCache
    {
        private readonly Dictionary<string, KnnGraph> _graphs = [];

        public Dictionary<string, TsneAffinities> Kept { get; } = [];

        public int Computed { get; private set; }

        public int Found { get; private set; }

        public EmbeddingMatrix? FindInput(string key) => null;

        public bool KeepInput(string key, EmbeddingMatrix input) => false;

        public KnnGraph? FindGraph(string key, int k) => _graphs.TryGetValue(key, out var g) && g.K >= k ? g : null;

        public void KeepGraph(string key, KnnGraph graph) => _graphs[key] = graph;

        public TsneAffinities? FindAffinities(string key)
        {
            var found = Kept.GetValueOrDefault(key);
            Found += found is null ? 0 : 1;
            return found;
        }

        public void KeepAffinities(string key, TsneAffinities affinities)
        {
            Computed++;
            Kept[key] = affinities;
        }
    }
}
