using Projector.Cluster.Grains;
using Projector.Core;
using Projector.Core.Data;

namespace Projector.Cluster.Jobs;

/// <summary>
/// The check for values that are not finite numbers, made by each silo on the rows it reads (the sample's,
/// a shard's) rather than by the client on the whole input: at 100 million rows one pass over the input
/// is 20 GB read by one machine, and the silos read their rows anyway.
/// </summary>
internal static class InputRows
{
    /// <exception cref="DataFormatException">A row of <paramref name="rows"/> holds NaN or an infinity.</exception>
    public static void EnsureFinite(ClusterJob job, EmbeddingMatrix input, IEnumerable<int> rows)
    {
        foreach (var r in rows)
        {
            var row = input.Row(r);
            if (NonFiniteScan.IndexOfNonFinite(row) is var c and >= 0)
            {
                throw new DataFormatException(job.InputName, $"row {r + 1}, column {c + 1} is {row[c]}, not a finite number", "Fix or drop that row, then run the job again");
            }
        }
    }
}
