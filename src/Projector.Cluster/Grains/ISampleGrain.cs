namespace Projector.Cluster.Grains;

/// <summary>The sample of one job (keyed by the job's id), laid out once by the usual projection recipe.</summary>
public interface ISampleGrain : IGrainWithStringKey
{
    /// <summary>
    /// The sample and its layout, computed on the first call and kept while the job runs. Cancelling
    /// <paramref name="cancellationToken"/> stops the layout on the silo (Orleans carries the cancellation to
    /// the running call) and keeps nothing: the next call starts it again.
    /// </summary>
    [ResponseTimeout("1.00:00:00")]
    Task<SampleModel> Layout(ClusterJob job, CancellationToken cancellationToken = default);
}
