using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;
using Projector.Core;
using Projector.Core.Projections;

namespace Projector.Cluster.Grains;

/// <summary>
/// Chooses a job's sample and lays it out with the job's recipe, once: the result stays in this activation
/// for every silo that asks. An activation lost with its silo is made again elsewhere, and as the sample
/// and its layout follow from the job's seed, it computes the same layout again.
/// </summary>
internal sealed class SampleGrain(SharedFolder shared, SiloCompute compute, ILocalSiloDetails silo) : Grain, ISampleGrain
{
    private SampleModel? _model;

    public async Task<SampleModel> Layout(ClusterJob job, CancellationToken cancellationToken)
    {
        // Calls are not interleaved: the ones that arrive while the first computes wait for its result. A
        // cancelled layout throws before _model is set, so a later call computes it again.
        _model ??= await compute.Run(() => Compute(job, shared, silo.SiloAddress.ToString(), cancellationToken)).ConfigureAwait(true);
        return _model;
    }

    /// <summary>The sample of <paramref name="job"/> and its layout, or the bad input that prevents it.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    internal static SampleModel Compute(ClusterJob job, SharedFolder shared, string siloName, CancellationToken cancellationToken = default)
    {
        try
        {
            using var dataset = shared.Read(job);
            if (job.LabelColumn is { } name && !job.Columns.Any(c => c.Source == name))
            {
                var known = job.Columns.Length == 0 ? "(none)" : string.Join(", ", job.Columns.Select(c => c.Source));
                return new SampleModel { Error = $"{job.MetadataName ?? job.InputName}: no metadata column '{name}'; columns: {known}", Silo = siloName };
            }

            var groups = JobMetadata.Groups(job, shared.MetadataOf(job), dataset.Metadata, job.LabelColumn, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var rows = groups is null ? SampleSelection.Choose(job.Rows, null, job.SampleSize, job.Seed) : SampleSelection.Choose(groups, job.SampleSize, job.Seed);
            InputRows.EnsureFinite(job, dataset.Matrix, rows);
            using var sample = ClusterRecipe.Rows(dataset.Matrix, rows);
            var layout = ClusterRecipe.For(job).Compute(sample, cancellationToken: cancellationToken);
            return new SampleModel
            {
                Rows = rows,
                Positions = layout.Positions,
                Selection = rows.Length == job.Rows ? "every row" : groups is null ? "seeded uniform" : "stratified by label",
                Silo = siloName,
            };
        }
        catch (DataFormatException e)
        {
            return new SampleModel { Error = e.Message, Silo = siloName };
        }
        catch (RecipeException e)
        {
            return new SampleModel { Error = $"{job.InputName}: {e.Message}", Silo = siloName };
        }
    }
}
