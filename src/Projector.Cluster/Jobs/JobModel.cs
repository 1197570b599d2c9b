using Projector.Cluster.Grains;
using Projector.Cluster.Tiles;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Pca;

namespace Projector.Cluster.Jobs;

/// <summary>
/// What a silo keeps of one job to place its shards: the input (memory-mapped when it is a .npy), the
/// sample's rows as the layout saw them (reduced by the same PCA, fitted once here), the layout, and
/// for a large sample an approximate index of its rows that every shard's neighbour searches use.
/// </summary>
internal sealed class JobModel : IDisposable
{
    private JobModel(ClusterJob job, Dataset input, SampleModel sample, EmbeddingMatrix reference, PcaResult? pca, NeighborIndex? index, string? metadata)
    {
        MetadataPath = metadata;
        Index = index;
        Plan = TilePlan.Build(sample.Positions, job.Rows, job.TilePoints, job.Seed);
        Input = input;
        Sample = sample;
        Reference = reference;
        Pca = pca;
        Layout = new ProjectionFrame(sample.Positions, sample.Rows.Length, 2, 0, 0, null, "done");
    }

    /// <summary>The job's input (with the columns the file itself carries, not the TSV's).</summary>
    public Dataset Input { get; }

    /// <summary>The job's metadata TSV in this silo's shared folder, or null.</summary>
    public string? MetadataPath { get; }

    /// <summary>The sample and its positions.</summary>
    public SampleModel Sample { get; }

    /// <summary>The sample's rows, PCA-reduced when the recipe reduces.</summary>
    public EmbeddingMatrix Reference { get; }

    /// <summary>The reduction of the sample's layout, applied to every placed row; null when there is none.</summary>
    public PcaResult? Pca { get; }

    /// <summary>The index of <see cref="Reference"/> for samples of <see cref="ClusterJob.IndexFromRows"/> rows or more, else null (exact search).</summary>
    public NeighborIndex? Index { get; }

    /// <summary>The tile set's quadtree, from the sample's layout: every silo derives the same.</summary>
    public TilePlan Plan { get; }

    /// <summary>The sample's layout.</summary>
    public ProjectionFrame Layout { get; }

    /// <summary>Reads the input and prepares the sample's rows for placing.</summary>
    public static JobModel Build(ClusterJob job, SampleModel sample, SharedFolder shared, CancellationToken cancellationToken)
    {
        var metadata = shared.MetadataOf(job);
        var input = shared.Read(job);
        try
        {
            var recipe = ClusterRecipe.For(job);
            var rows = ClusterRecipe.Rows(input.Matrix, sample.Rows);
            var reduceTo = recipe.ReductionFor(job.Dimensions);
            if (reduceTo == 0)
            {
                return new JobModel(job, input, sample, rows, null, IndexOf(rows, recipe, job.IndexFromRows, cancellationToken), metadata);
            }

            // The same fit the recipe made when it laid the sample out (same rows, components and seed).
            using (rows)
            {
                var pca = PrincipalComponents.Fit(rows, new PcaOptions { Components = reduceTo, Seed = job.Seed }, null, cancellationToken);
                var reference = pca.Transform(rows, cancellationToken);
                return new JobModel(job, input, sample, reference, pca, IndexOf(reference, recipe, job.IndexFromRows, cancellationToken), metadata);
            }
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    private static NeighborIndex? IndexOf(EmbeddingMatrix reference, ProjectionRecipe recipe, int fromRows, CancellationToken cancellationToken) =>
        reference.Rows >= fromRows ? NeighborIndex.Build(reference, recipe.Metric, recipe.Seed, recipe.Threads, cancellationToken) : null;

    /// <summary>Frees the input and the sample rows.</summary>
    public void Dispose()
    {
        Reference.Dispose();
        Input.Dispose();
    }
}
