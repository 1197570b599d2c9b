using System.Diagnostics;
using System.Globalization;
using Projector.Core;

namespace Projector.Server.Jobs;

/// <summary>
/// Turns a recipe's stage progress into the phase line a job shows while it prepares: "PCA to 50
/// dimensions", "neighbours 3,200/10,000", "affinities". A new count is passed on at most every
/// <see cref="Interval"/> so a fast search does not flood the WebSocket with status messages; a new stage
/// is passed on at once.
/// </summary>
internal sealed class PreparationPhase(Action<string> show) : IProgress<StageProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _stage = string.Empty;

    /// <summary>The phase text of <paramref name="value"/>.</summary>
    public static string Describe(StageProgress value)
    {
        var p = value.Progress;
        if (value.Stage == "neighbours")
        {
            return p.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $"neighbours {p.Done:N0}/{p.Total:N0}") : "neighbours";
        }

        // The projection's own stage ("t-SNE", "UMAP") reports its set-up phases by name.
        return value.Stage.StartsWith("PCA", StringComparison.Ordinal) ? value.Stage : p.Phase;
    }

    public void Report(StageProgress value)
    {
        lock (_lock)
        {
            var newStage = value.Stage != _stage;
            var last = value.Progress.Total > 0 && value.Progress.Done >= value.Progress.Total;
            if (!newStage && !last && _clock.Elapsed < Interval)
            {
                return;
            }

            _stage = value.Stage;
            _clock.Restart();
        }

        show(Describe(value));
    }
}
