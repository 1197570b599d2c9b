using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Csv;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Projections;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector project LOG --steps all -o DIR</c> (or several INPUT files of the same rows): one layout per
/// training step, each t-SNE or UMAP layout started from the step before and turned onto it, written to DIR
/// as <c>step-N.csv</c> (or <c>--layout-format npy|tsv|bytes</c>), the same files <c>project</c> writes for one.
/// </summary>
internal static class ProjectStepsCommand
{
    public static int Run(CliContext context, ParseResult parsed, ProjectOptions o, IReadOnlyList<string> inputs, string steps, CancellationToken ct)
    {
        var folder = parsed.GetValue(o.Output)!;
        if (File.Exists(folder) || Path.GetExtension(folder).Equals(".csv", StringComparison.OrdinalIgnoreCase) || (Path.GetExtension(folder).Length > 1 && DatasetWriter.ForPath(folder) is not null))
        {
            throw new UsageException($"--steps writes one layout per step into a folder; -o '{folder}' is a file name");
        }

        foreach (var option in new Option[] { o.Quality, o.Supervise, o.Read.Step })
        {
            if (parsed.GetResult(option) is { Implicit: false })
            {
                throw new UsageException($"{option.Name} applies to one layout, not to --steps");
            }
        }

        var (extension, format) = LayoutFormat(parsed.GetValue(o.LayoutFormat));
        var dims = parsed.GetValue(o.Recipe.Dims) ?? 2;
        if (dims is not (2 or 3))
        {
            throw new UsageException("--dims must be 2 or 3");
        }

        var method = parsed.GetValue(o.Method) switch
        {
            ProjectionMethod.Pca => LayoutMethod.Pca,
            ProjectionMethod.Umap => LayoutMethod.Umap,
            _ => LayoutMethod.Tsne,
        };
        var recipe = o.Recipe.ToRecipe(parsed, method) with { Dimensions = dims };
        var datasets = Read(context, parsed, o, inputs, steps, ct);
        try
        {
            var rows = datasets.Select(d => d.Data.Points).Distinct().ToList();
            if (rows.Count > 1)
            {
                throw new UsageException($"the steps hold different rows ({string.Join(", ", datasets.Select(d => $"{d.Label}: {d.Data.Points}"))}); --steps lays out the same items at every step");
            }

            foreach (var d in datasets)
            {
                o.Recipe.Validate(recipe, d.Data.Points, d.Data.Dimensions);
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var layouts = CliProgress.RunStages(context, p => recipe.ComputeSteps([.. datasets.Select(d => d.Data.Matrix)], p, ct));
            var seconds = watch.Elapsed.TotalSeconds;
            Directory.CreateDirectory(folder);
            var metadata = datasets[0].Data.Metadata;
            for (var k = 0; k < layouts.Count; k++)
            {
                var layout = layouts[k];
                var path = Path.Combine(folder, datasets[k].Label + extension);
                using var positions = EmbeddingMatrix.FromArray(layout.Positions, layout.Points, dims);
                if (format is { } f)
                {
                    DatasetWriter.Write(path, f, [new Dataset("layout", positions)], ct);
                }
                else
                {
                    CsvMatrixWriter.Write(path, positions, [.. new[] { "x", "y", "z" }.Take(dims)], metadata.Columns);
                }

                var moved = k == 0 ? string.Empty : string.Create(
                    CultureInfo.InvariantCulture,
                    $" (points moved {100 * StepAlignment.MeanDisplacement(layouts[k - 1].Positions, layout.Positions, layout.Points, dims) / Math.Max(StepAlignment.Spread(layouts[k - 1].Positions, layout.Points, dims), 1e-12):F1}% of the layout's spread from {datasets[k - 1].Label})");
                context.Out.WriteLine($"wrote {path}{moved}");
            }

            foreach (var warning in layouts.SelectMany(l => l.Warnings).Distinct())
            {
                context.Error.WriteLine($"note: {CliText.Safe(warning)}");
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layouts.Count} aligned layouts of {layouts[0].Points} points ({ProjectionRecipe.NameOf(method)}, {seconds:F1} s) in {folder}"));
            return CliApp.Ok;
        }
        finally
        {
            datasets.ForEach(d => d.Data.Dispose());
        }
    }

    private static (string Extension, DataFormat? Format) LayoutFormat(string? name)
    {
        var extension = "." + (name ?? "csv").TrimStart('.').ToLowerInvariant();
        if (extension == ".csv")
        {
            return (extension, null);
        }

        return DatasetWriter.ForPath("layout" + extension) is { WritesMany: false } format
            ? (extension, format)
            : throw new UsageException($"--layout-format '{name}' is not csv or {string.Join(", ", FormatRegistry.Writers.Where(w => !w.WritesMany).SelectMany(w => w.Extensions).Select(e => e.TrimStart('.')))}");
    }

    private static List<(string Label, Dataset Data)> Read(CliContext context, ParseResult parsed, ProjectOptions o, IReadOnlyList<string> inputs, string steps, CancellationToken ct)
    {
        var result = new List<(string Label, Dataset Data)>();
        try
        {
            if (inputs.Count > 1)
            {
                if (!steps.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UsageException("with several INPUT files, every file is a step: give --steps all");
                }

                var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var input in inputs)
                {
                    var data = CliProgress.Run(context, $"Reading {input}", p => DatasetReader.Read(input, o.Read.ToReadOptions(parsed, input, p, ct)));
                    var stem = Path.GetFileNameWithoutExtension(input.TrimEnd('/', '\\'));
                    var label = stem;
                    for (var n = 2; !used.Add(label); n++)
                    {
                        label = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
                    }

                    result.Add((label, data));
                }

                return result;
            }

            var log = inputs[0];
            if (!Directory.Exists(log) || !LogDirScanner.LooksLikeLogDir(log))
            {
                throw new UsageException($"--steps needs a TensorBoard log dir with checkpoints, or several INPUT files of the same rows; '{log}' is neither");
            }

            var run = ChooseRun(log, parsed.GetValue(o.Read.Run));
            foreach (var step in ChooseSteps(run, steps))
            {
                var options = o.Read.ToReadOptions(parsed, log, null, ct) with { Run = run.Name, Step = step };
                var data = CliProgress.Run(context, $"Reading step {step}", p => DatasetReader.Read(log, options with { Progress = p }));
                result.Add((string.Create(CultureInfo.InvariantCulture, $"step-{step}"), data));
            }

            return result;
        }
        catch
        {
            result.ForEach(d => d.Data.Dispose());
            throw;
        }
    }

    private static TensorBoardRun ChooseRun(string log, string? wanted)
    {
        var runs = LogDirScanner.Scan(log).Where(r => r.Checkpoints.Count > 0).ToList();
        if (wanted is not null)
        {
            return runs.FirstOrDefault(r => r.Name == wanted.Replace('\\', '/').TrimEnd('/'))
                ?? throw new UsageException($"--run '{wanted}' has no checkpoints in {log}; runs with checkpoints: {string.Join(", ", runs.Select(r => r.Name))}");
        }

        return runs.Count switch
        {
            0 => throw new UsageException($"{log} holds no checkpoint; --steps lays out the embeddings of a run's checkpoints"),
            1 => runs[0],
            _ => throw new UsageException($"{log} has {runs.Count} runs with checkpoints ({string.Join(", ", runs.Select(r => r.Name))}); choose one with --run"),
        };
    }

    private static List<long> ChooseSteps(TensorBoardRun run, string steps)
    {
        var numbered = run.Checkpoints.Where(c => c.Step is not null).Select(c => c.Step!.Value).Distinct().Order().ToList();
        if (numbered.Count == 0)
        {
            throw new UsageException($"run '{run.Name}' has no checkpoint with a step number (model.ckpt-STEP)");
        }

        if (steps.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return numbered;
        }

        var chosen = new List<long>();
        foreach (var part in steps.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                throw new UsageException($"--steps '{steps}' is not 'all' or a list of steps like 100,200,300");
            }

            if (!numbered.Contains(step))
            {
                throw new UsageException($"run '{run.Name}' has no checkpoint at step {step}; steps: {string.Join(", ", numbered)}");
            }

            if (!chosen.Contains(step))
            {
                chosen.Add(step);
            }
        }

        return chosen.Count > 0 ? [.. chosen.Order()] : throw new UsageException("--steps names no step");
    }
}
