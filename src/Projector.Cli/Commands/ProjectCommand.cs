using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Csv;
using Projector.Core.Projections;
using Projector.Core.Quality;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector project INPUT --method pca|tsne|umap -o OUT</c>: a 2-D or 3-D layout of every point,
/// written as <c>.npy</c>, <c>.bytes</c>, <c>.csv</c> or <c>.tsv</c>, with a live progress bar and
/// optional quality figures. The layout comes from the same recipe the server and the exports use.
/// <c>--steps</c> makes one aligned layout per training step instead (see <see cref="ProjectStepsCommand"/>).
/// </summary>
internal static class ProjectCommand
{
    public static Command Create(CliContext context)
    {
        var o = new ProjectOptions();
        var command = new Command("project", "Compute a PCA, t-SNE or UMAP layout of every point");
        o.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var inputs = parsed.GetValue(o.Input)!;
            if (parsed.GetValue(o.Steps) is { } steps)
            {
                if (parsed.GetValue(o.Clusters) is not null)
                {
                    throw new UsageException("--clusters applies to one layout, not to --steps");
                }

                return Task.FromResult(ProjectStepsCommand.Run(context, parsed, o, inputs, steps, ct));
            }

            if (inputs.Length > 1 || parsed.GetValue(o.LayoutFormat) is not null)
            {
                throw new UsageException(inputs.Length > 1 ? "several INPUTs are steps of the same rows: add --steps all" : "--layout-format applies to --steps");
            }

            var source = inputs[0];
            var output = parsed.GetValue(o.Output)!;
            var format = Path.GetExtension(output).ToLowerInvariant() is ".csv" ? null
                : DatasetWriter.ForPath(output) is { WritesMany: false } f ? f
                : throw new UsageException($"cannot tell the layout format of '{output}'; use .csv or {string.Join(", ", FormatRegistry.Writers.Where(w => !w.WritesMany).SelectMany(w => w.Extensions))}");
            var dims = parsed.GetValue(o.Recipe.Dims) ?? 2;
            if (dims is not (2 or 3))
            {
                throw new UsageException("--dims must be 2 or 3");
            }

            using var dataset = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, o.Read.ToReadOptions(parsed, source, p, ct)));
            var labels = Labels(dataset, parsed.GetValue(o.Labels));
            if (parsed.GetValue(o.Quality) && labels is null && parsed.GetValue(o.Labels) is null)
            {
                context.Error.WriteLine("note: --quality without --labels reports no label accuracy");
            }

            var method = parsed.GetValue(o.Method) switch
            {
                ProjectionMethod.Pca => LayoutMethod.Pca,
                ProjectionMethod.Umap => LayoutMethod.Umap,
                _ => LayoutMethod.Tsne,
            };
            var recipe = o.Recipe.ToRecipe(parsed, method);
            if (parsed.GetValue(o.Supervise) is { } weight)
            {
                recipe = method != LayoutMethod.Pca && labels is not null
                    ? recipe with { SupervisionLabels = labels, SuperviseFactor = weight }
                    : throw new UsageException(labels is null ? "--supervise needs --labels COLUMN" : "--supervise applies to t-SNE and UMAP");
            }

            o.Recipe.Validate(recipe, dataset.Points, dataset.Dimensions);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var layout = CliProgress.RunStages(context, p => recipe.Compute(dataset.Matrix, null, p, ct));
            var seconds = watch.Elapsed.TotalSeconds;
            foreach (var warning in layout.Warnings)
            {
                context.Error.WriteLine($"note: {CliText.Safe(warning)}");
            }

            if (layout.ExplainedVariance is { } variance)
            {
                context.Error.WriteLine("explained variance: " + string.Join(", ", variance.Take(dims).Select(v => v.ToString("P1", CultureInfo.InvariantCulture))));
            }

            var written = Math.Min(dims, layout.Dimensions);
            using var positions = EmbeddingMatrix.FromArray(layout.FirstColumns(written), layout.Points, written);
            if (format is { } fmt)
            {
                DatasetWriter.Write(output, fmt, [new Dataset("layout", positions)], ct);
            }
            else
            {
                CsvMatrixWriter.Write(output, positions, [.. new[] { "x", "y", "z" }.Take(written)], dataset.Metadata.Columns);
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output}: {layout.Points} x {written} ({ProjectionRecipe.NameOf(method)}, {seconds:F1} s{(layout.Cost is { } c ? $", cost {c:F4}" : string.Empty)})"));
            if (parsed.GetValue(o.Quality))
            {
                WriteQuality(context, dataset, positions, labels, ct);
            }

            if (parsed.GetValue(o.Clusters) is { } clustersFile)
            {
                WriteClusters(context, clustersFile, dataset, positions, parsed.GetValue(o.MinClusterSize), ct);
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static void WriteClusters(CliContext context, string file, Dataset dataset, EmbeddingMatrix positions, int? minClusterSize, CancellationToken ct)
    {
        if (positions.Dimensions is not (2 or 3))
        {
            throw new UsageException("--clusters needs a 2-D or 3-D layout");
        }

        if (minClusterSize is < 2)
        {
            throw new UsageException("--min-cluster-size must be at least 2");
        }

        var result = LayoutClusters.Find(positions.ToArray(), positions.Dimensions, dataset.Metadata, new ClusterOptions { MinClusterSize = minClusterSize }, null, ct);
        Core.AtomicFile.Write(file, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write("cluster\tlabel\n");
            foreach (var a in result.Assignments)
            {
                writer.Write(a.ToString(CultureInfo.InvariantCulture));
                writer.Write('\t');
                writer.Write(a < 0 ? string.Empty : result.Clusters[a].Label.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
                writer.Write('\n');
            }
        });
        var names = string.Join(", ", result.Clusters.Take(8).Select(c => c.Label.Length > 0 ? c.Label : $"#{c.Id}"));
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {file}: {result.Clusters.Count} clusters, {result.Noise} noise points (min cluster size {result.MinClusterSize}){(names.Length > 0 ? ": " + CliText.Safe(names) : string.Empty)}{(result.Clusters.Count > 8 ? ", ..." : string.Empty)}"));
    }

    private static IReadOnlyList<string?>? Labels(Dataset dataset, string? column)
    {
        if (column is null)
        {
            return null;
        }

        return dataset.Metadata[column]?.Values
            ?? throw new UsageException($"no metadata column '{column}'; columns: {string.Join(", ", dataset.Metadata.Columns.Select(c => c.Name))}");
    }

    internal static void WriteQuality(CliContext context, Dataset dataset, EmbeddingMatrix positions, IReadOnlyList<string?>? labels, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var report = LayoutQuality.Measure(dataset.Matrix, positions.ToArray(), positions.Dimensions, labels, QualityOptions.Default);
        var accuracy = report.LabelAccuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $", label accuracy {a:F3}") : string.Empty;
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"quality (k = 10, on {report.SampleSize} points): kNN preservation {report.KnnPreservation:F3}, trustworthiness {report.Trustworthiness:F3}{accuracy}"));
    }
}
