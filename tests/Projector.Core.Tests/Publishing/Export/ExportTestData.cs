using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Core.Tests.Publishing.Export;

/// <summary>Small synthetic datasets: clustered points, a category and a number column, optional sprite.</summary>
public static class ExportTestData
{
    public static Dataset Clusters(int n = 60, int d = 6, int seed = 1, bool sprite = false, string name = "clusters", int columns = 2)
    {
        var rng = new Random(seed);
        var values = new float[n * d];
        var category = new string?[n];
        var score = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var c = i % 3;
            category[i] = $"group {(char)('a' + c)}";
            score[i] = (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var j = 0; j < d; j++)
            {
                values[(i * d) + j] = (j == c ? 5f : 0f) + (float)((rng.NextDouble() * 2) - 1);
            }
        }

        MetadataColumn[] all = [new MetadataColumn("category", category), new MetadataColumn("score", score)];
        var metadata = new MetadataTable(n, all.Take(columns));
        SpriteSheet? sheet = null;
        if (sprite)
        {
            sheet = SpriteBuilder.FromPixelRows(n, i => Tile(i), 4, 4, "tiles").Sheet;
        }

        return new Dataset(name, EmbeddingMatrix.FromArray(values, n, d), metadata, sheet, name);
    }

    /// <summary>A 4 x 4 grayscale tile whose brightness encodes the point's index.</summary>
    public static float[] Tile(int i) => Enumerable.Repeat((float)(i % 250), 16).ToArray();
}
