using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Quality;

namespace Projector.Core.Tests.Quality;

public sealed class LayoutClustersTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Five_gaussian_blobs_are_found_as_five_clusters(int dims)
    {
        // Given 5 blobs of 400 points with unit spread, 20 apart
        var (layout, truth) = Blobs(5, 400, dims, spread: 1, gap: 20, seed: 1);

        // When
        var result = LayoutClusters.Find(layout, dims, null, null);

        // Then
        Assert.Equal(5, result.Clusters.Count);
        var ari = AdjustedRand.Index(truth, result.Assignments);
        Assert.True(ari > 0.9, $"ARI {ari}");
        Assert.True(result.Noise < 200, $"{result.Noise} noise points");
    }

    [Fact]
    public void Clusters_are_numbered_largest_first_and_each_is_named_by_its_blob()
    {
        // Given blobs of 600, 400 and 200 points whose category is their blob, with 5 % of each mislabelled
        var layout = new List<float>();
        var category = new List<string?>();
        var word = new List<string?>();
        var random = new Random(2);
        int[] sizes = [200, 600, 400];
        string[] names = ["cat", "dog", "fish"];
        for (var b = 0; b < 3; b++)
        {
            for (var i = 0; i < sizes[b]; i++)
            {
                layout.Add((float)((b * 30) + Gaussian(random)));
                layout.Add((float)Gaussian(random));
                category.Add(i % 20 == 0 ? names[(b + 1) % 3] : names[b]);
                word.Add($"the {names[b]} number {i}");
            }
        }

        var metadata = new MetadataTable(1200, [new MetadataColumn("kind", [.. category]), new MetadataColumn("text", [.. word])]);

        // When
        var result = LayoutClusters.Find(layout.ToArray(), 2, metadata, null);

        // Then: largest first, the name is the blob's category with its share, and the text names its word
        Assert.Equal(3, result.Clusters.Count);
        Assert.Equal(["dog", "fish", "cat"], result.Clusters.Select(c => result.Assignments[c.Medoid] == c.Id ? names[(int)Math.Round(layout[c.Medoid * 2] / 30)] : "?"));
        Assert.True(result.Clusters[0].Size > result.Clusters[1].Size && result.Clusters[1].Size > result.Clusters[2].Size);
        Assert.Equal("dog (95%)", result.Clusters[0].Terms.Single(t => t.Column == "kind").Text);
        Assert.Equal(result.Clusters[0].Terms[0].Text, result.Clusters[0].Label);

        // The words: only the blob's own word rises above its share of all points ("the" and "number" do not)
        Assert.Equal("fish", result.Clusters[1].Terms.Single(t => t.Column == "text").Text);
        Assert.Equal("fish (95%)", LayoutClusters.Find(layout.ToArray(), 2, metadata, new ClusterOptions { LabelColumn = "kind" }).Clusters[1].Label);
    }

    [Fact]
    public void A_numeric_column_names_a_cluster_by_its_median_and_quartiles()
    {
        var (layout, truth) = Blobs(2, 300, 2, spread: 1, gap: 25, seed: 3);
        var values = truth.Select((t, i) => ((t * 1000) + (i % 100)).ToString(CultureInfo.InvariantCulture)).ToArray<string?>();
        var result = LayoutClusters.Find(layout, 2, new MetadataTable(600, [new MetadataColumn("price", values)]), null);
        Assert.Equal(2, result.Clusters.Count);
        var high = result.Clusters.Single(c => truth[c.Medoid] == 1);
        Assert.Matches(@"^10\d\d \(10\d\d–10\d\d\)$", high.Label);
        Assert.True(high.Terms[0].Score > 0.9);
    }

    [Fact]
    public void Same_layout_gives_the_same_clusters_whatever_the_threads()
    {
        var (layout, _) = Blobs(4, 2500, 2, spread: 1.5, gap: 8, seed: 4);
        var one = LayoutClusters.Find(layout, 2, null, new ClusterOptions { Threads = 1 });
        var many = LayoutClusters.Find(layout, 2, null, new ClusterOptions { Threads = 4 });
        Assert.Equal(one.Assignments, many.Assignments);
        Assert.Equal(one.Clusters.Select(c => c.Medoid), many.Clusters.Select(c => c.Medoid));
    }

    [Fact]
    public void Sparse_stragglers_around_two_blobs_are_mostly_noise()
    {
        // Given two tight blobs and 50 points scattered far around them
        var (blobs, _) = Blobs(2, 500, 2, spread: 0.5, gap: 10, seed: 5);
        var random = new Random(6);
        var layout = blobs.Concat(Enumerable.Range(0, 100).Select(_ => (float)((random.NextDouble() * 200) - 100))).ToArray();

        // When
        var result = LayoutClusters.Find(layout, 2, null, null);

        // Then: the blobs stay whole and most stragglers are noise (those through which the kNN graph
        // links the two blobs join the nearer one: the documented price of the kNN-graph tree)
        Assert.Equal(2, result.Clusters.Count);
        Assert.True(result.Assignments.Take(1000).Count(a => a < 0) < 10);
        Assert.True(result.Assignments.Skip(1000).Count(a => a < 0) >= 25, string.Join(",", result.Assignments.Skip(1000)));
    }

    [Fact]
    public void Bad_layouts_are_refused_with_a_reason()
    {
        Assert.Contains("2 or 3", Assert.Throws<ArgumentException>(() => LayoutClusters.Find(new float[10], 5, null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => LayoutClusters.Find(new float[7], 2, null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => LayoutClusters.Find([0, 0, 1, float.NaN, 2, 2, 3, 3], 2, null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("rows", Assert.Throws<ArgumentException>(() => LayoutClusters.Find(new float[8], 2, MetadataTable.Empty(3), null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_neighbours_equal_a_brute_force_search()
    {
        var random = new Random(7);
        var layout = Enumerable.Range(0, 3 * 700).Select(_ => (float)Math.Round(random.NextDouble() * 50, 1)).ToArray();
        var tree = new LayoutTree(layout, 3);
        var (indices, _) = tree.Neighbors(8, 2, CancellationToken.None);
        for (var i = 0; i < 700; i++)
        {
            var expected = Enumerable.Range(0, 700).Where(j => j != i)
                .OrderBy(j => Squared(layout, i, j, 3)).ThenBy(j => j).Take(8).ToArray();
            Assert.Equal(expected, indices.AsSpan(i * 8, 8).ToArray());
        }
    }

    internal static (float[] Layout, int[] Truth) Blobs(int blobs, int perBlob, int dims, double spread, double gap, int seed)
    {
        var random = new Random(seed);
        var layout = new float[blobs * perBlob * dims];
        var truth = new int[blobs * perBlob];
        for (var b = 0; b < blobs; b++)
        {
            // Centres on a circle (and staggered in z), so every pair of blobs is at least about gap apart.
            var angle = 2 * Math.PI * b / blobs;
            var radius = gap / (2 * Math.Sin(Math.PI / Math.Max(blobs, 2)));
            for (var i = 0; i < perBlob; i++)
            {
                var p = (b * perBlob) + i;
                truth[p] = b;
                for (var d = 0; d < dims; d++)
                {
                    var centre = d == 0 ? radius * Math.Cos(angle) : d == 1 ? radius * Math.Sin(angle) : b * gap / 3;
                    layout[(p * dims) + d] = (float)(centre + (spread * Gaussian(random)));
                }
            }
        }

        return (layout, truth);
    }

    private static double Squared(float[] layout, int i, int j, int dims)
    {
        var s = 0.0;
        for (var d = 0; d < dims; d++)
        {
            var diff = (double)layout[(i * dims) + d] - layout[(j * dims) + d];
            s += diff * diff;
        }

        return s;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
