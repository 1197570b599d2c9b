using Projector.Cluster.Grains;
using Projector.Cluster.Hosting;

namespace Projector.Cluster.Jobs;

/// <summary>
/// The models of the jobs a silo works on, each built once however many of its shards land here (the
/// sample's layout fetched once, the input opened once). The two most recent jobs are kept.
/// </summary>
internal sealed class SiloJobModels(SharedFolder shared, SiloCompute compute) : IDisposable
{
    private const int Kept = 2;
    private readonly Lock _gate = new();
    private readonly List<(string JobId, Lazy<Task<JobModel>> Model)> _jobs = [];

    /// <summary>The model of <paramref name="job"/>, built from the sample <paramref name="fetchSample"/> returns on first use.</summary>
    /// <exception cref="ClusterInputException">The sample could not be laid out (bad input).</exception>
    public async Task<JobModel> Get(ClusterJob job, Func<Task<SampleModel>> fetchSample)
    {
        Lazy<Task<JobModel>> entry;
        lock (_gate)
        {
            var found = _jobs.FindIndex(j => j.JobId == job.JobId);
            if (found >= 0)
            {
                entry = _jobs[found].Model;
            }
            else
            {
                entry = new Lazy<Task<JobModel>>(() => Build(job, fetchSample));
                _jobs.Add((job.JobId, entry));
                while (_jobs.Count > Kept)
                {
                    var old = _jobs[0].Model;
                    _jobs.RemoveAt(0);
                    _ = DisposeWhenBuilt(old);
                }
            }
        }

        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed build is not kept: the next shard of the job tries again (the sample's silo may have died).
            lock (_gate)
            {
                _jobs.RemoveAll(j => ReferenceEquals(j.Model, entry));
            }

            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, model) in _jobs)
            {
                _ = DisposeWhenBuilt(model);
            }

            _jobs.Clear();
        }
    }

    private async Task<JobModel> Build(ClusterJob job, Func<Task<SampleModel>> fetchSample)
    {
        var sample = await fetchSample().ConfigureAwait(false);
        if (sample.Error is { } error)
        {
            throw new ClusterInputException(error);
        }

        return await compute.Run(() => JobModel.Build(job, sample, shared, CancellationToken.None)).ConfigureAwait(false);
    }

    private static async Task DisposeWhenBuilt(Lazy<Task<JobModel>> model)
    {
        if (!model.IsValueCreated)
        {
            return;
        }

        try
        {
            (await model.Value.ConfigureAwait(false)).Dispose();
        }
#pragma warning disable CA1031 // A model whose build failed has nothing to free.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
