using Projector.Core.Data;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Projections.Layouts;

/// <summary>
/// Computes a finished PCA, t-SNE or UMAP layout of every point the way <c>projector project</c> does:
/// t-SNE and UMAP work on a PCA reduction to <see cref="LayoutSettings.PcaDims"/> dimensions of wider inputs.
/// </summary>
public static class LayoutComputation
{
    /// <summary>The short lower-case name of a method as the HTTP API and file names use it (pca, tsne, umap).</summary>
    public static string NameOf(LayoutMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The display name of a method (PCA, t-SNE, UMAP).</summary>
    public static string DisplayName(LayoutMethod method) => method switch
    {
        LayoutMethod.Pca => "PCA",
        LayoutMethod.Tsne => "t-SNE",
        _ => "UMAP",
    };

    /// <summary>Runs <paramref name="method"/> on <paramref name="data"/> to the end, reporting each stage under <paramref name="stagePrefix"/>.</summary>
    public static ComputedLayout Compute(EmbeddingMatrix data, LayoutMethod method, LayoutSettings? settings = null, IProgress<StageProgress>? progress = null, string stagePrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        settings ??= new LayoutSettings();
        if (data.Rows < 2)
        {
            throw new ArgumentException("A layout needs at least 2 points.", nameof(data));
        }

        return method == LayoutMethod.Pca
            ? ComputePca(data, settings, progress, stagePrefix, cancellationToken)
            : ComputeIterative(data, method, settings, progress, stagePrefix, cancellationToken);
    }

    private static ComputedLayout ComputePca(EmbeddingMatrix data, LayoutSettings settings, IProgress<StageProgress>? progress, string prefix, CancellationToken ct)
    {
        var components = Math.Clamp(settings.PcaComponents, 1, Math.Min(data.Dimensions, PrincipalComponents.MaxComponents));
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = components, Seed = settings.Seed }, Stage(progress, prefix + "PCA"), ct);
        using var y = pca.Transform(data, ct);
        return new ComputedLayout(LayoutMethod.Pca, y.ToArray(), data.Rows, components, [new("components", components)], pca.ExplainedVarianceRatio);
    }

    private static ComputedLayout ComputeIterative(EmbeddingMatrix data, LayoutMethod method, LayoutSettings settings, IProgress<StageProgress>? progress, string prefix, CancellationToken ct)
    {
        var input = data;
        EmbeddingMatrix? reduced = null;
        var pcaDims = settings.PcaDims > 0 && settings.PcaDims < data.Dimensions ? Math.Min(settings.PcaDims, PrincipalComponents.MaxComponents) : 0;
        try
        {
            if (pcaDims > 0)
            {
                var pre = PrincipalComponents.Fit(data, new PcaOptions { Components = pcaDims, Seed = settings.Seed }, Stage(progress, $"{prefix}PCA to {pcaDims} dimensions"), ct);
                reduced = pre.Transform(data, ct);
                input = reduced;
            }

            var name = DisplayName(method);
            var bar = Stage(progress, prefix + name);
            IIterativeProjection run;
            List<KeyValuePair<string, object?>> options;
            if (method == LayoutMethod.Tsne)
            {
                var o = new TsneOptions { Dimensions = settings.Dimensions, Metric = settings.Metric, Seed = settings.Seed, Threads = settings.Threads };
                run = Tsne.Tsne.Create(input, o, null, bar, ct);
                options = [new("perplexity", o.Perplexity), new("learningRate", "auto"), new("iterations", o.Iterations)];
            }
            else
            {
                var o = new UmapOptions { Dimensions = settings.Dimensions, Metric = settings.Metric, Seed = settings.Seed, Threads = settings.Threads };
                run = Umap.Umap.Create(input, o, null, bar, ct);
                options = [new("neighbors", o.Neighbors), new("minDist", o.MinDist), new("epochs", o.EpochsFor(data.Rows))];
            }

            var frame = ProjectionRunner.RunToEnd(run, bar, ct);
            options.Add(new("metric", settings.Metric.ToString().ToLowerInvariant()));
            options.Add(new("pcaDims", pcaDims));
            return new ComputedLayout(method, frame.Positions, frame.Points, frame.Dimensions, options, null);
        }
        finally
        {
            reduced?.Dispose();
        }
    }

    private static Progress? Stage(IProgress<StageProgress>? progress, string stage) => progress is null ? null : new Progress(progress, stage);

    /// <summary>Forwards on the reporting thread, so a caller's bar sees every step in order.</summary>
    private sealed class Progress(IProgress<StageProgress> target, string stage) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => target.Report(new StageProgress(stage, value));
    }
}
