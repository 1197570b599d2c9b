using Projector.Cluster.Grains;
using Projector.Core;

namespace Projector.Cluster.Jobs;

/// <summary>
/// A shard's positions: its rows that are in the sample keep their layout's positions, the others are
/// placed into the sample's map by the recipe's own <c>Place</c> (kNN among the sample, exact or through
/// the job model's index, then the method's transform), seeded by the shard's own seed, so any silo gives
/// the same bytes.
/// </summary>
internal static class ShardPlacer
{
    /// <summary>Count x 2 positions of <paramref name="shard"/>, and how many of its rows were placed.</summary>
    public static (float[] Positions, int Placed) Place(ClusterJob job, ShardTask shard, JobModel model, CancellationToken cancellationToken = default)
    {
        var input = model.Input.Matrix;
        if (shard.Start < 0 || shard.Count < 0 || (long)shard.Start + shard.Count > input.Rows)
        {
            throw new DataFormatException(job.InputName, $"has {input.Rows} rows, so no shard of rows {shard.Start} to {(long)shard.Start + shard.Count - 1}", "Give every silo the same copy of the input");
        }

        InputRows.EnsureFinite(job, input, Enumerable.Range(shard.Start, shard.Count));
        const int dims = 2;
        var sampleRows = model.Sample.Rows;
        var samplePositions = model.Sample.Positions;
        var result = new float[shard.Count * dims];
        var placedRows = new List<int>();
        for (var i = 0; i < shard.Count; i++)
        {
            var row = shard.Start + i;
            var at = Array.BinarySearch(sampleRows, row);
            if (at >= 0)
            {
                samplePositions.AsSpan(at * dims, dims).CopyTo(result.AsSpan(i * dims, dims));
            }
            else
            {
                placedRows.Add(row);
            }
        }

        if (placedRows.Count == 0)
        {
            return (result, 0);
        }

        using var rows = ClusterRecipe.Rows(input, placedRows);
        using var reduced = model.Pca?.Transform(rows, cancellationToken);
        var recipe = ClusterRecipe.For(job) with { Seed = ShardPlan.SeedFor(job.Seed, shard.Index), PcaDims = 0 };
        var placed = recipe.Place(model.Reference, model.Layout, reduced ?? rows, neighbors: 0, index: model.Index, cancellationToken: cancellationToken);
        for (var p = 0; p < placedRows.Count; p++)
        {
            placed.Positions.AsSpan(p * dims, dims).CopyTo(result.AsSpan((placedRows[p] - shard.Start) * dims, dims));
        }

        return (result, placedRows.Count);
    }
}
