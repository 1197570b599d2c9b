namespace Projector.Core;

/// <summary>
/// Adapters between a job's stage progress and one computation's progress. They forward on the reporting
/// thread, so a caller's bar sees every step in order.
/// </summary>
internal static class StageReporting
{
    /// <summary>Reports a computation's progress as the stage <paramref name="stage"/> of <paramref name="target"/>; null when nobody listens.</summary>
    public static IProgress<ProjectionProgress>? For(IProgress<StageProgress>? target, string stage) =>
        target is null ? null : new Forwarder(target, stage);

    /// <summary>Puts <paramref name="prefix"/> in front of every stage name reported to <paramref name="target"/>.</summary>
    public static IProgress<StageProgress>? Prefixed(IProgress<StageProgress>? target, string prefix) =>
        target is null ? null : new Prefixer(target, prefix);

    private sealed class Forwarder(IProgress<StageProgress> target, string stage) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => target.Report(new StageProgress(stage, value));
    }

    private sealed class Prefixer(IProgress<StageProgress> target, string prefix) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => target.Report(value with { Stage = prefix + value.Stage });
    }
}
