using System.Globalization;
using Projector.Core;
using Projector.Core.Formats;
using Spectre.Console;

namespace Projector.Cli;

/// <summary>Runs work with a progress bar on stderr when a terminal is there, silently otherwise.</summary>
internal static class CliProgress
{
    public static T Run<T>(CliContext context, string description, Func<IProgress<ReadProgress>?, T> work)
    {
        if (!context.Interactive)
        {
            return work(null);
        }

        return Show(context, Justify.Right, ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(description), maxValue: 1);
            var result = work(new SynchronousProgress(task));
            task.Value = task.MaxValue;
            return result;
        });
    }

    /// <summary>Updates the bar on the reporting thread; Spectre redraws from its own timer.</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    /// <summary>Runs a projection step with a bar showing phase, units done, cost and time left.</summary>
    public static T RunProjection<T>(CliContext context, string title, Func<IProgress<ProjectionProgress>?, T> work)
    {
        if (!context.Interactive)
        {
            return work(null);
        }

        return Show(context, Justify.Left, ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
            var result = work(new ProjectionBar(task, title));
            task.Value = task.MaxValue;
            return result;
        });
    }

    private sealed class ProjectionBar(ProgressTask task, string title) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value)
        {
            var cost = value.Cost is { } c ? string.Create(CultureInfo.InvariantCulture, $", cost {c:F3}") : string.Empty;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{title}: {value.Phase} {value.Done}/{value.Total}{cost}"));
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    /// <summary>Runs work over rows with one bar per phase showing rows done, rows per second and time left.</summary>
    public static T RunRows<T>(CliContext context, string title, Func<IProgress<ProjectionProgress>?, T> work)
    {
        if (!context.Interactive)
        {
            return work(null);
        }

        return Show(context, Justify.Left, ctx =>
        {
            var bars = new RowsBars(ctx, title);
            var result = work(bars);
            bars.Finish();
            return result;
        });
    }

    private sealed class RowsBars(ProgressContext context, string title) : IProgress<ProjectionProgress>
    {
        private readonly Lock _lock = new();
        private readonly System.Diagnostics.Stopwatch _clock = new();
        private string? _phase;
        private ProgressTask? _task;

        public void Report(ProjectionProgress value)
        {
            lock (_lock)
            {
                if (_task is null || _phase != value.Phase)
                {
                    // Each phase (rows, then sprite tiles) has its own bar, rate and time left.
                    Finish();
                    _phase = value.Phase;
                    _task = context.AddTask(Markup.Escape(title), maxValue: 1);
                    _clock.Restart();
                }

                var seconds = _clock.Elapsed.TotalSeconds;
                var rate = seconds > 0.2 && value.Done > 0 ? string.Create(CultureInfo.InvariantCulture, $", {value.Done / seconds:N0}/s") : string.Empty;
                _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{title}: {value.Phase} {value.Done:N0}/{value.Total:N0}{rate}"));
                _task.MaxValue = Math.Max(1, value.Total);
                _task.Value = value.Done;
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_task is not null)
                {
                    _task.Value = _task.MaxValue;
                }
            }
        }
    }

    /// <summary>
    /// Runs a job of several stages (reading, PCA, t-SNE, neighbours, ...) with one bar per stage, each
    /// showing the stage's phase, units done and cost.
    /// </summary>
    public static T RunStages<T>(CliContext context, Func<IProgress<StageProgress>?, T> work)
    {
        if (!context.Interactive)
        {
            return work(null);
        }

        return Show(context, Justify.Left, ctx =>
        {
            var stages = new StageBars(ctx);
            var result = work(stages);
            stages.Finish();
            return result;
        });
    }

    private sealed class StageBars(ProgressContext context) : IProgress<StageProgress>
    {
        private readonly Lock _lock = new();
        private string? _stage;
        private ProgressTask? _task;

        public void Report(StageProgress value)
        {
            lock (_lock)
            {
                if (_task is null || _stage != value.Stage)
                {
                    Finish();
                    _stage = value.Stage;
                    _task = context.AddTask(Markup.Escape(value.Stage), maxValue: 1);
                }

                var p = value.Progress;
                var cost = p.Cost is { } c ? string.Create(CultureInfo.InvariantCulture, $", cost {c:F3}") : string.Empty;
                _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{value.Stage}: {p.Phase} {p.Done}/{p.Total}{cost}"));
                _task.MaxValue = Math.Max(1, p.Total);
                _task.Value = p.Done;
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_task is not null)
                {
                    _task.Value = _task.MaxValue;
                }
            }
        }
    }

    /// <summary>The one bar layout every command uses: description, bar, percentage, time left; cleared when done.</summary>
    private static T Show<T>(CliContext context, Justify description, Func<ProgressContext, T> work) =>
        context.ErrorConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = description }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(work);
}
