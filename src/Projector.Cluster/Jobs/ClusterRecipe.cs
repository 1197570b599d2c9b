using Projector.Cluster.Grains;
using Projector.Core.Data;
using Projector.Core.Projections;

namespace Projector.Cluster.Jobs;

/// <summary>The projection recipe of a job, the one the command line's own layouts use, with the job's choices.</summary>
public static class ClusterRecipe
{
    /// <summary>The recipe that lays out the sample of <paramref name="job"/>.</summary>
    public static ProjectionRecipe For(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var method = ProjectionRecipe.ParseMethod(job.Method);
        if (method is not (LayoutMethod.Umap or LayoutMethod.Tsne))
        {
            throw new ArgumentException($"method '{job.Method}' is not umap or tsne.", nameof(job));
        }

        return new ProjectionRecipe { Method = method.Value, Seed = job.Seed, Threads = job.Threads, Iterations = job.Iterations };
    }

    /// <summary>Rows <paramref name="rows"/> of <paramref name="data"/>, copied in that order.</summary>
    public static EmbeddingMatrix Rows(EmbeddingMatrix data, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        var d = data.Dimensions;
        var values = new float[(long)rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            data.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        return EmbeddingMatrix.FromArray(values, rows.Count, d);
    }
}
