using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Bench.Neighbors;

/// <summary>A kNN graph kept in a file between benchmark runs (the UMAP and mixture benches' --knn-cache).</summary>
internal static class GraphCache
{
    /// <summary>
    /// The kNN graph from <paramref name="path"/> (indices then distances, int32 / float32 little-endian),
    /// written there first when missing: for tuning the later phases without paying the search each run.
    /// </summary>
    public static KnnGraph Load(EmbeddingMatrix data, int neighbors, Metric metric, string path)
    {
        if (!File.Exists(path))
        {
            // Written to a temporary file and renamed, so an interrupted run leaves no truncated cache.
            var built = NeighborSearch.BuildGraph(data, neighbors, metric);
            var temporary = path + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                Array.ForEach(built.AllIndices, writer.Write);
                Array.ForEach(built.AllDistances, writer.Write);
            }

            File.Move(temporary, path, overwrite: true);
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        var k = (int)(reader.BaseStream.Length / (8L * data.Rows));
        var count = data.Rows * k;
        var indices = new int[count];
        var distances = new float[count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = reader.ReadInt32();
        }

        for (var i = 0; i < count; i++)
        {
            distances[i] = reader.ReadSingle();
        }

        return new KnnGraph(data.Rows, k, indices, distances, metric, isExact: true);
    }
}
