using System.CommandLine;
using System.Globalization;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Publishing.Export;
using Projector.Core.Publishing.StaticSite;
using Spectre.Console;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector export INPUT --out DIR [--format site|standalone|tensorboard]</c>: publishes every
/// embedding of the input as a static web site (page and precomputed data), the standalone TF
/// projector's layout, a TensorBoard log folder or a level-of-detail tile set (<see cref="ExportTiles"/>),
/// then prints the files and their sizes.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Where the built web page is expected: <c>wwwroot</c> beside the <c>projector</c> assembly.</summary>
    public static string DefaultPageFolder => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "Any readable input (see inspect); every embedding it holds is exported" };
        var output = new Option<string>("--out", "-o") { Description = "The folder to write (new or empty; see --force)", Required = true };
        var format = new Option<ExportFormat>("--format") { Description = "site (web page and data), standalone (TF projector files), tensorboard (log folder) or tiles (level-of-detail tiles)", DefaultValueFactory = _ => ExportFormat.Site };
        var force = new Option<bool>("--force") { Description = "Replace an earlier export in --out (only when every file there is one it wrote)" };
        var layouts = new Option<string?>("--layouts") { Description = "site: layouts to precompute, comma-separated (default tsne,umap,pca)" };
        var neighbors = new Option<int?>("--neighbors") { Description = "site: neighbours per point to precompute (default 100; 0 = none)" };
        var neighborMetric = new Option<Metric?>("--neighbor-metric") { Description = "site: cosine (default) or euclidean, for the precomputed neighbours" };
        var recipe = new RecipeOptions("--umap-neighbors");
        var page = new Option<string?>("--page") { Description = "site: the built web page to copy (default: wwwroot beside projector)" };
        var tiles = new ExportTiles();
        var options = new CliOptions();
        var command = new Command("export", "Publish as a static web site, a standalone TF projector folder, a TensorBoard log or map tiles") { input, output, format, force, layouts, neighbors, neighborMetric, page };
        recipe.AddTo(command);
        foreach (var option in tiles.All)
        {
            command.Options.Add(option);
        }

        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var source = parsed.GetValue(input)!;
            var target = parsed.GetValue(output)!;
            var chosen = parsed.GetValue(format);
            var tilesOnly = tiles.All.FirstOrDefault(o => parsed.GetResult(o) is not null);
            if (chosen != ExportFormat.Tiles && tilesOnly is not null)
            {
                throw new UsageException($"{tilesOnly.Name} applies to --format tiles only");
            }

            var recipeGiven = new Option[] { recipe.Dims, recipe.Perplexity, recipe.Affinity, recipe.LearningRate, recipe.Iterations, recipe.Neighbors, recipe.MinDist, recipe.Metric, recipe.Pca, recipe.Seed, recipe.Threads }.FirstOrDefault(o => parsed.GetResult(o) is not null);
            var siteOnly = new Option[] { layouts, neighbors, neighborMetric, page }.FirstOrDefault(o => parsed.GetResult(o) is not null) ?? (chosen == ExportFormat.Tiles ? null : recipeGiven);
            if (chosen != ExportFormat.Site && siteOnly is not null)
            {
                throw new UsageException($"{siteOnly.Name} applies to --format site only");
            }

            if (chosen == ExportFormat.Tiles)
            {
                return Task.FromResult(tiles.Run(context, parsed, source, target, parsed.GetValue(force), options, recipe, ct));
            }

            var site = chosen == ExportFormat.Site ? SiteOptions(parsed, layouts, neighbors, neighborMetric, recipe, page) : new StaticSiteOptions();
            // --tensor picks one embedding; otherwise every embedding of the input is published.
            var datasets = CliProgress.Run(context, $"Reading {source}", p => parsed.GetValue(options.Tensor) is null
                ? DatasetReader.ReadAll(source, options.ToReadOptions(parsed, source, p, ct))
                : [DatasetReader.Read(source, options.ToReadOptions(parsed, source, p, ct))]);
            if (datasets.Count == 0)
            {
                throw new DataFormatException(source, "holds no embedding", "Give an input with vectors in it (a log dir needs a checkpoint or a projector_config.pbtxt that names a tensor)");
            }

            try
            {
                var summary = CliProgress.RunStages(context, p => DatasetExport.Write(target, chosen, datasets, new ExportOptions { Force = parsed.GetValue(force), Site = site }, p, ct));
                foreach (var note in summary.Notes)
                {
                    context.Error.WriteLine($"note: {CliText.Safe(note)}");
                }

                foreach (var warning in datasets.SelectMany(x => x.Warnings))
                {
                    context.Error.WriteLine($"warning: {CliText.Safe(warning)}");
                }

                Report(context, target, chosen, datasets, summary);
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

    private static StaticSiteOptions SiteOptions(ParseResult parsed, Option<string?> layouts, Option<int?> neighbors, Option<Metric?> neighborMetric, RecipeOptions recipe, Option<string?> page)
    {
        var defaults = new StaticSiteOptions();
        var pageFolder = parsed.GetValue(page) ?? DefaultPageFolder;
        if (!Directory.Exists(pageFolder))
        {
            // Checked before reading: the page comes from the build, and a site without it is no use.
            throw new UsageException($"the web page is not built ({pageFolder} is missing); run `dotnet build` first");
        }

        var k = parsed.GetValue(neighbors) ?? defaults.Neighbors;
        if (k < 0)
        {
            throw new UsageException("--neighbors must be 0 or more");
        }

        return defaults with
        {
            Layouts = parsed.GetValue(layouts) is { } list ? ParseLayouts(list) : defaults.Layouts,
            Neighbors = k,
            Recipe = recipe.ToRecipe(parsed, LayoutMethod.Tsne),
            NeighborMetric = parsed.GetValue(neighborMetric) ?? defaults.NeighborMetric,
            PageFolder = pageFolder,
        };
    }

    private static List<LayoutMethod> ParseLayouts(string list)
    {
        var methods = new List<LayoutMethod>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var method = ProjectionRecipe.ParseMethod(part) is { } parsed ? parsed
                : part.Equals("none", StringComparison.OrdinalIgnoreCase) ? (LayoutMethod?)null
                : throw new UsageException($"--layouts: '{part}' is not tsne, umap, pca or none");
            if (method is { } m && !methods.Contains(m))
            {
                methods.Add(m);
            }
        }

        return methods;
    }

    private static void Report(CliContext context, string target, ExportFormat format, IReadOnlyList<Dataset> datasets, ExportSummary summary)
    {
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var f in summary.Files)
        {
            table.AddRow(Markup.Escape(CliText.Safe(f.Path)), f.Bytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", $"[bold]{summary.TotalBytes.ToString("N0", CultureInfo.InvariantCulture)}[/]");
        context.Console.Write(table);
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {target} ({format.ToString().ToLowerInvariant()}): {string.Join(", ", datasets.Select(x => $"{x.Name} {x.Points} x {x.Dimensions}"))}; {summary.Files.Count} files, {Size(summary.TotalBytes)}"));
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MB"),
    };
}
