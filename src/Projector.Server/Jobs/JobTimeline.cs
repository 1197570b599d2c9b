using System.Diagnostics;
using System.Globalization;
using System.Text;
using Projector.Core;

namespace Projector.Server.Jobs;

/// <summary>
/// When each step of a projection job (or of a dataset's preparation ahead) began, for the log line that
/// says where the time went between a request and its first moving frame: waiting for a slot, for the
/// preparation ahead, PCA, neighbours, affinities, the start and the first iteration.
/// </summary>
internal sealed class JobTimeline
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Step, TimeSpan At)> _steps = [];

    /// <summary>Time since the timeline began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Marks the start of <paramref name="step"/> (the previous step ends here); a repeat of the current step is ignored.</summary>
    public void Begin(string step)
    {
        lock (_lock)
        {
            if (_steps.Count == 0 || _steps[^1].Step != step)
            {
                _steps.Add((step, _clock.Elapsed));
            }
        }
    }

    /// <summary>Passes a recipe's progress on to <paramref name="inner"/> (if any), marking each new stage as a step.</summary>
    public IProgress<StageProgress> Watch(IProgress<StageProgress>? inner) => new Watcher(this, inner);

    /// <summary>"queued 0.00 s, neighbours 1.20 s, ...": each step's time, the last one up to now.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            var now = _clock.Elapsed;
            var text = new StringBuilder();
            for (var i = 0; i < _steps.Count; i++)
            {
                var end = i + 1 < _steps.Count ? _steps[i + 1].At : now;
                text.Append(text.Length > 0 ? ", " : string.Empty)
                    .Append(CultureInfo.InvariantCulture, $"{_steps[i].Step} {(end - _steps[i].At).TotalSeconds:0.00} s");
            }

            return text.ToString();
        }
    }

    // Steps by what is computed, without the counts the phase line shows.
    private static string StepOf(StageProgress value) =>
        value.Stage == "neighbours" || value.Stage.StartsWith("PCA", StringComparison.Ordinal) ? value.Stage : value.Progress.Phase;

    private sealed class Watcher(JobTimeline timeline, IProgress<StageProgress>? inner) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            timeline.Begin(StepOf(value));
            inner?.Report(value);
        }
    }
}
