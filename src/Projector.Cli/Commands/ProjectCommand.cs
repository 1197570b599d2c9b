using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Csv;
using Projector.Core.Projections;
using Projector.Core.Projections.Pca;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector project INPUT --method pca|tsne|umap -o OUT</c>: a 2-D or 3-D layout of every point,
/// written as <c>.npy</c>, <c>.bytes</c>, <c>.csv</c> or <c>.tsv</c>, with a live progress bar and
/// optional quality figures.
/// </summary>
internal static partial class ProjectCommand
{
    public static Command Create(CliContext context)
    {
        var o = new ProjectOptions();
        var command = new Command("project", "Compute a PCA, t-SNE or UMAP layout of every point");
        o.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var source = parsed.GetValue(o.Input)!;
            var output = parsed.GetValue(o.Output)!;
            var format = Path.GetExtension(output).ToLowerInvariant() is ".csv" ? (OutputFormat?)null
                : DatasetWriter.ForPath(output) is { } f and not OutputFormat.StandaloneConfig ? f
                : throw new UsageException($"cannot tell the layout format of '{output}'; use .npy, .bytes, .csv or .tsv");
            var dims = parsed.GetValue(o.Dims);
            if (dims is not (2 or 3))
            {
                throw new UsageException("--dims must be 2 or 3");
            }

            using var dataset = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, o.Read.ToReadOptions(parsed, p, ct)));
            var labels = Labels(dataset, parsed.GetValue(o.Labels));
            if (parsed.GetValue(o.Quality) && labels is null && parsed.GetValue(o.Labels) is null)
            {
                context.Error.WriteLine("note: --quality without --labels reports no label accuracy");
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var frame = Run(context, parsed, o, dataset, dims, labels, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            using var layout = EmbeddingMatrix.FromArray(frame.Positions, frame.Points, frame.Dimensions);
            if (format is { } fmt)
            {
                DatasetWriter.Write(output, fmt, [new Dataset("layout", layout)], ct);
            }
            else
            {
                CsvMatrixWriter.Write(output, layout, [.. new[] { "x", "y", "z" }.Take(frame.Dimensions)], dataset.Metadata.Columns);
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output}: {frame.Points} x {frame.Dimensions} ({parsed.GetValue(o.Method).ToString().ToLowerInvariant()}, {seconds:F1} s{(frame.Cost is { } c ? $", cost {c:F4}" : string.Empty)})"));
            if (parsed.GetValue(o.Quality))
            {
                WriteQuality(context, dataset, frame, labels, ct);
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static ProjectionFrame Run(CliContext context, System.CommandLine.ParseResult parsed, ProjectOptions o, Dataset dataset, int dims, IReadOnlyList<string?>? labels, CancellationToken ct)
    {
        var method = parsed.GetValue(o.Method);
        var input = dataset.Matrix;
        EmbeddingMatrix? reduced = null;
        try
        {
            var pcaDims = parsed.GetValue(o.Pca) ?? 50;
            if (method != ProjectionMethod.Pca && pcaDims > 0 && pcaDims < input.Dimensions)
            {
                var pre = CliProgress.RunProjection(context, "PCA", p => PrincipalComponents.Fit(input, new PcaOptions { Components = pcaDims, Seed = parsed.GetValue(o.Seed) }, p, ct));
                reduced = pre.Transform(input, ct);
                input = reduced;
            }

            return method switch
            {
                ProjectionMethod.Pca => RunPca(context, input, dims, parsed.GetValue(o.Seed), ct),
                _ => RunIterative(context, parsed, o, method, input, dims, labels, ct),
            };
        }
        finally
        {
            reduced?.Dispose();
        }
    }

    private static ProjectionFrame RunPca(CliContext context, EmbeddingMatrix input, int dims, int seed, CancellationToken ct)
    {
        var pca = CliProgress.RunProjection(context, "PCA", p => PrincipalComponents.Fit(input, new PcaOptions { Components = Math.Min(dims, input.Dimensions), Seed = seed }, p, ct));
        using var y = pca.Transform(input, ct);
        context.Error.WriteLine("explained variance: " + string.Join(", ", pca.ExplainedVarianceRatio.Select(v => v.ToString("P1", CultureInfo.InvariantCulture))));
        var positions = new float[input.Rows * dims];
        for (var i = 0; i < input.Rows; i++)
        {
            y.Row(i).CopyTo(positions.AsSpan(i * dims));
        }

        return new ProjectionFrame(positions, input.Rows, dims, 0, 0, null, "pca");
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
}
