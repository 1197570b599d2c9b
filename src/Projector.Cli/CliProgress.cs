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

        T result = default!;
        context.ErrorConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: 1);
                result = work(new SynchronousProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
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
}
