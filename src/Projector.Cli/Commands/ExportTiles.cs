using System.CommandLine;
using System.Globalization;
using Projector.Core.Formats;
using Projector.Core.Projections;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector export INPUT --format tiles --out DIR</c>: the layout (computed by the recipe, or a file)
/// cut into a level-of-detail tile set the page opens with <c>projector serve --tiles DIR</c> or from any
/// static host.
/// </summary>
internal sealed class ExportTiles
{
    public Option<string?> Layout { get; } = new("--layout") { Description = "tiles: tsne (default), umap or pca (computed), or a layout file from `projector project`" };

    public Option<int?> TilePoints { get; } = new("--tile-points") { Description = $"tiles: the most points one tile holds (default {TileSetOptions.DefaultTilePoints:N0})" };

    public Option<string?> Columns { get; } = new("--columns") { Description = "tiles: metadata columns to carry, comma-separated (default all)" };

    public IEnumerable<Option> All => [Layout, TilePoints, Columns];

    public int Run(CliContext context, ParseResult parsed, string source, string target, bool force, CliOptions options, RecipeOptions recipeOptions, CancellationToken ct)
    {
        var tilePoints = parsed.GetValue(TilePoints) ?? TileSetOptions.DefaultTilePoints;
        if (tilePoints < TileSetOptions.MinTilePoints)
        {
            throw new UsageException($"--tile-points must be at least {TileSetOptions.MinTilePoints}");
        }

        var which = parsed.GetValue(Layout) ?? "tsne";
        if (ProjectionRecipe.ParseMethod(which) is null && !File.Exists(which))
        {
            throw new UsageException($"--layout '{which}' is not tsne, umap or pca, and no such file exists");
        }

        using var dataset = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, options.ToReadOptions(parsed, source, p, ct)));
        var columns = parsed.GetValue(Columns) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var missing = columns?.FirstOrDefault(c => dataset.Metadata[c] is null);
        if (missing is not null)
        {
            throw new UsageException($"--columns: no metadata column '{missing}'; columns: {(dataset.Metadata.Columns.Count == 0 ? "(none)" : string.Join(", ", dataset.Metadata.Columns.Select(c => c.Name)))}");
        }

        var recipe = recipeOptions.ToRecipe(parsed, ProjectionRecipe.ParseMethod(which) ?? LayoutMethod.Tsne);
        using var layout = LayoutChoice.Get(context, dataset, which, recipe, recipeOptions, ct);
        var tileOptions = new TileSetOptions
        {
            TilePoints = tilePoints,
            Seed = recipe.Seed,
            Columns = columns,
            LayoutName = ProjectionRecipe.ParseMethod(which) is { } method ? method.ToString().ToLowerInvariant() : Path.GetFileName(which),
        };
        var (manifest, summary) = CliProgress.RunStages(context, p => TileExport.Write(target, dataset, layout, tileOptions, force, p, ct));
        foreach (var warning in dataset.Warnings)
        {
            context.Error.WriteLine($"warning: {CliText.Safe(warning)}");
        }

        var carried = manifest.Columns.Skip(manifest.Dimensions + 1).Select(c => c.Name).ToList();
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {target} (tiles): {manifest.Points:N0} points in {manifest.Tiles.Count:N0} tiles over {manifest.Levels} levels, at most {manifest.TilePoints:N0} a tile; columns: {(carried.Count == 0 ? "(none)" : string.Join(", ", carried))}; {summary.Files.Count} files, {summary.TotalBytes / (1024.0 * 1024):F1} MB"));
        return CliApp.Ok;
    }
}
