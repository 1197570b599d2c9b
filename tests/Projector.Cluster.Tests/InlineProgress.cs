using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests;

/// <summary>Hears each progress report on the reporting thread, as it is made (System.Progress would post it to the thread pool).</summary>
internal sealed class InlineProgress(Action<ClusterProgress> report) : IProgress<ClusterProgress>
{
    public void Report(ClusterProgress value) => report(value);
}
