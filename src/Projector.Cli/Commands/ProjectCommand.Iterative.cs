using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;
using Projector.Core.Quality;

namespace Projector.Cli.Commands;

/// <summary>The t-SNE and UMAP runs of <c>projector project</c>, and the quality report.</summary>
internal static partial class ProjectCommand
{
    private static ProjectionFrame RunIterative(CliContext context, ParseResult parsed, ProjectOptions o, ProjectionMethod method, EmbeddingMatrix input, int dims, IReadOnlyList<string?>? labels, CancellationToken ct)
    {
        var supervise = parsed.GetValue(o.Supervise);
        if (supervise is not null && labels is null)
        {
            throw new UsageException("--supervise needs --labels COLUMN");
        }

        IIterativeProjection run = method == ProjectionMethod.Tsne
            ? CliProgress.RunProjection(context, "t-SNE", p => Tsne.Create(input, TsneOptionsFrom(parsed, o, dims, labels, supervise), null, p, ct))
            : CliProgress.RunProjection(context, "UMAP", p => Umap.Create(input, UmapOptionsFrom(parsed, o, dims, labels, supervise), null, p, ct));
        if (run is TsneRun tsne)
        {
            foreach (var warning in tsne.Warnings)
            {
                context.Error.WriteLine($"note: {warning}");
            }
        }

        return CliProgress.RunProjection(context, method == ProjectionMethod.Tsne ? "t-SNE" : "UMAP", p => ProjectionRunner.RunToEnd(run, p, ct));
    }

    private static TsneOptions TsneOptionsFrom(ParseResult parsed, ProjectOptions o, int dims, IReadOnlyList<string?>? labels, double? supervise)
    {
        var options = new TsneOptions
        {
            Dimensions = dims,
            Metric = parsed.GetValue(o.Metric),
            Seed = parsed.GetValue(o.Seed),
            Threads = parsed.GetValue(o.Threads),
            LearningRate = parsed.GetValue(o.LearningRate),
            SupervisionLabels = supervise is null ? null : labels,
            SuperviseFactor = supervise ?? 0,
        };
        if (parsed.GetValue(o.Perplexity) is { } perplexity)
        {
            options = options with { Perplexity = perplexity };
        }

        if (parsed.GetValue(o.Iterations) is { } iterations)
        {
            // Keep early exaggeration to a third of the run, as in the default 250 of 750.
            options = options with { Iterations = iterations, EarlyExaggerationIterations = Math.Min(options.EarlyExaggerationIterations, iterations / 3) };
        }

        return options;
    }

    private static UmapOptions UmapOptionsFrom(ParseResult parsed, ProjectOptions o, int dims, IReadOnlyList<string?>? labels, double? supervise)
    {
        var options = new UmapOptions
        {
            Dimensions = dims,
            Metric = parsed.GetValue(o.Metric),
            Seed = parsed.GetValue(o.Seed),
            Threads = parsed.GetValue(o.Threads),
            Epochs = parsed.GetValue(o.Iterations),
            Supervision = supervise is { } weight ? new UmapSupervision(labels!) { TargetWeight = weight } : null,
        };
        if (parsed.GetValue(o.Neighbors) is { } k)
        {
            options = options with { Neighbors = k };
        }

        if (parsed.GetValue(o.MinDist) is { } minDist)
        {
            options = options with { MinDist = minDist };
        }

        if (parsed.GetValue(o.LearningRate) is { } rate)
        {
            options = options with { LearningRate = rate };
        }

        return options;
    }

    private static void WriteQuality(CliContext context, Dataset dataset, ProjectionFrame frame, IReadOnlyList<string?>? labels, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var report = LayoutQuality.Measure(dataset.Matrix, frame.Positions, frame.Dimensions, labels, QualityOptions.Default);
        var accuracy = report.LabelAccuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $", label accuracy {a:F3}") : string.Empty;
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"quality (k = 10, on {report.SampleSize} points): kNN preservation {report.KnnPreservation:F3}, trustworthiness {report.Trustworthiness:F3}{accuracy}"));
    }
}
