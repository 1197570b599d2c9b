using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Tests.Publishing.Tiles;

/// <summary>A 2-D layout of clusters of very different densities, with a category, a number and a free-text column.</summary>
public static class TileTestData
{
    public static (Dataset Dataset, EmbeddingMatrix Layout) Clusters(int n, int seed = 3)
    {
        var rng = new Random(seed);
        var positions = new float[n * 2];
        var group = new string?[n];
        var score = new string?[n];
        var text = new string?[n];
        for (var i = 0; i < n; i++)
        {
            // Nine points in ten fall in one tight cluster; the rest spread thinly over a wide square.
            var dense = i % 10 != 0;
            var (cx, cy, spread) = dense ? (10.0, 10.0, 0.5) : (0.0, 0.0, 40.0);
            positions[i * 2] = (float)(cx + (((rng.NextDouble() * 2) - 1) * spread));
            positions[(i * 2) + 1] = (float)(cy + (((rng.NextDouble() * 2) - 1) * spread));
            group[i] = i % 7 == 3 ? null : dense ? "dense" : "sparse";
            score[i] = (i * 0.25).ToString(CultureInfo.InvariantCulture);
            text[i] = $"point {i}";
        }

        var metadata = new MetadataTable(n, [new MetadataColumn("group", group), new MetadataColumn("score", score), new MetadataColumn("text", text)]);
        var dataset = new Dataset("clusters", EmbeddingMatrix.FromArray(new float[n], n, 1), metadata);
        return (dataset, EmbeddingMatrix.FromArray(positions, n, 2));
    }
}
