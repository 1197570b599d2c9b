using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npz;
using Projector.Core.Formats.TensorBoard;
using Spectre.Console;

namespace Projector.Cli.Commands;

/// <summary><c>projector inspect PATH [--json]</c>: every embedding an input holds, with its metadata, sprite and warnings.</summary>
internal static class InspectCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "A data file, a folder with projector_config.json, a config, or demo:mnist / demo:words" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var options = new CliOptions();
        var command = new Command("inspect", "Show every embedding in a file, folder or config") { path, json };
        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var input = parsed.GetValue(path)!;
            var headerOnly = HeadersTell(input, options.ToReadOptions(parsed, input, null, ct));
            var datasets = headerOnly is not null
                ? []
                : CliProgress.Run(context, $"Reading {input}", p => DatasetReader.ReadAll(input, options.ToReadOptions(parsed, input, p, ct)));
            try
            {
                var summaries = headerOnly ?? datasets.Select(DatasetSummary.From).ToList();
                var runs = Directory.Exists(input) && LogDirScanner.LooksLikeLogDir(input) && DatasetReader.FindConfigs(input).Count == 0
                    ? LogDirScanner.Scan(input)
                    : [];
                if (parsed.GetValue(json))
                {
                    WriteJson(context.Out, summaries, runs);
                }
                else
                {
                    WriteTable(context, input, summaries, runs);
                }
            }
            finally
            {
                foreach (var d in datasets)
                {
                    d.Dispose();
                }
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    /// <summary>
    /// The summary of an .npz from its members' .npy headers, so inspecting an archive whose member inflates
    /// to gigabytes takes kilobytes; null for every other input, which is read.
    /// </summary>
    private static List<DatasetSummary>? HeadersTell(string input, ReadOptions options) =>
        options.MetadataPath is null && Path.GetExtension(input).Equals(".npz", StringComparison.OrdinalIgnoreCase) && File.Exists(input) && FormatRegistry.Detect(input).Name == "npz"
            ? [NpzReader.Summarize(input, options)]
            : null;

    private static void WriteJson(TextWriter output, List<DatasetSummary> summaries, IReadOnlyList<TensorBoardRun> runs)
    {
        var report = new
        {
            runs = runs.Select(r => new { name = r.Name, steps = r.Checkpoints.Select(c => c.Step), latest = r.Latest?.Step, checkpoint = r.Latest?.Prefix, note = r.CheckpointNote }),
            embeddings = summaries.Select(s => new
            {
                run = s.Run,
                step = s.Step,
                name = s.Name,
                checkpointKey = s.CheckpointKey,
                points = s.Points,
                dimensions = s.Dimensions,
                dtype = s.DType,
                metadata = s.Metadata.Select(c => new { name = c.Name, kind = c.Kind, distinct = c.Distinct, missing = c.Missing }),
                sprite = s.Sprite,
                warnings = s.Warnings,
                source = s.Source,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(report, Json));
    }

    private static void WriteTable(CliContext context, string input, List<DatasetSummary> summaries, IReadOnlyList<TensorBoardRun> runs)
    {
        var console = context.Console;
        console.MarkupLine($"[bold]{Shown(input)}[/]: {summaries.Count} embedding{(summaries.Count == 1 ? string.Empty : "s")}");
        foreach (var r in runs)
        {
            var steps = r.Checkpoints.Count == 0 ? "no checkpoint" : "steps " + string.Join(", ", r.Checkpoints.Select(c => c.Step?.ToString(CultureInfo.InvariantCulture) ?? Path.GetFileName(c.Prefix)));
            console.MarkupLine($"run [bold]{Shown(r.Name)}[/]: {Shown(steps)}{(r.Latest?.Step is { } l ? $" (showing {l})" : string.Empty)}");
            if (r.CheckpointNote is { } note)
            {
                console.MarkupLine($"[blue]note[/] (run {Shown(r.Name)}): {Shown(note)}");
            }
        }

        var withRuns = summaries.Any(s => s.Run is not null);
        var table = withRuns
            ? new Table().AddColumns("run", "step", "embedding", "points", "dims", "dtype", "metadata", "sprite")
            : new Table().AddColumns("embedding", "points", "dims", "dtype", "metadata", "sprite");
        foreach (var s in summaries)
        {
            var meta = s.Metadata.Count == 0
                ? "-"
                : string.Join("\n", s.Metadata.Select(c => $"{Shown(c.Name)} ({c.Kind}, {c.Distinct.ToString("N0", CultureInfo.InvariantCulture)} distinct{(c.Missing > 0 ? $", {c.Missing} missing" : string.Empty)})"));
            var sprite = s.Sprite is { } sp ? $"{sp.Width}x{sp.Height}, tiles {sp.TileWidth}x{sp.TileHeight}" : "-";
            string[] runCells = withRuns ? [Shown(s.Run ?? "-"), s.Step?.ToString(CultureInfo.InvariantCulture) ?? "-"] : [];
            table.AddRow(
            [
                .. runCells,
                s.CheckpointKey is { } key && key != s.Name ? $"{Shown(s.Name)}\n({Shown(key)})" : Shown(s.Name),
                s.Points.ToString("N0", CultureInfo.InvariantCulture),
                s.Dimensions.ToString(CultureInfo.InvariantCulture),
                s.DType,
                meta,
                sprite,
            ]);
        }

        console.Write(table);
        foreach (var s in summaries)
        {
            foreach (var w in s.Warnings)
            {
                console.MarkupLine($"[yellow]warning[/] ({Shown(s.Name)}): {Shown(w)}");
            }
        }
    }

    private static string Shown(string text) => Markup.Escape(CliText.Safe(text));
}
