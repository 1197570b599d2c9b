using System.CommandLine;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Projections;
using Projector.Core.Publishing.Rendering;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector render INPUT --layout tsne|umap|pca|FILE -o map.png|map.pdf|map.svg</c>: a picture of a layout for
/// papers and slides, computed without a browser: points coloured by a metadata column (categories with a
/// legend, or a gradient with a scale bar), an optional title, or the sprite tiles as the points.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "Any readable input (see inspect)" };
        var layout = new Option<string>("--layout") { Description = "tsne, umap or pca (computed), or a layout file from `projector project` (.npy, .bytes, .csv, .tsv)", DefaultValueFactory = _ => "tsne" };
        var output = new Option<string>("--output", "-o") { Description = "The picture: .png, .pdf (vector, searchable text) or .svg", Required = true };
        var colorBy = new Option<string?>("--color-by") { Description = "Metadata column to colour by (default: label, or the first column with 2 to 1,000 values; none = one colour)" };
        var sprites = new Option<bool>("--sprites") { Description = "Draw each point as its sprite image" };
        var size = new Option<string?>("--size") { Description = "Picture size W,H in pixels (default 1600,1200)" };
        var title = new Option<string?>("--title") { Description = "A title above the map" };
        var alpha = new Option<double?>("--alpha") { Description = "Opacity of the dots, above 0 up to 1 (default: from how much they overlap, so dense regions read darker)" };
        var recipeOptions = new RecipeOptions();
        var options = new CliOptions();
        var command = new Command("render", "Render a layout as a PNG, PDF or SVG picture with a legend") { input, layout, output, colorBy, sprites, size, title, alpha };
        recipeOptions.AddTo(command);
        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var source = parsed.GetValue(input)!;
            var target = parsed.GetValue(output)!;
            if (!MapRenderer.IsSupported(target))
            {
                throw new UsageException($"cannot tell the picture format of '{target}'; use .png, .pdf or .svg");
            }

            var (w, h) = parsed.GetValue(size) is { } s ? CliOptions.ParsePair(s, "--size") : (MapOptions.DefaultWidth, MapOptions.DefaultHeight);
            if (w is < MapOptions.MinSide or > MapOptions.MaxSide || h is < MapOptions.MinSide or > MapOptions.MaxSide)
            {
                throw new UsageException($"--size must be {MapOptions.MinSide} to {MapOptions.MaxSide} pixels a side");
            }

            var opacity = parsed.GetValue(alpha);
            if (opacity is { } a && !(a > 0 && a <= 1))
            {
                throw new UsageException("--alpha must be above 0 and at most 1");
            }

            using var dataset = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, options.ToReadOptions(parsed, source, p, ct)));
            var column = Column(dataset, parsed.GetValue(colorBy));
            if (parsed.GetValue(sprites) && dataset.Sprite is null)
            {
                throw new UsageException($"--sprites: {source} has no sprite sheet");
            }

            var which = parsed.GetValue(layout)!;
            var recipe = recipeOptions.ToRecipe(parsed, ProjectionRecipe.ParseMethod(which) ?? LayoutMethod.Tsne);
            using var positions = Layout(context, dataset, which, recipe, recipeOptions, ct);
            var mapOptions = new MapOptions
            {
                Width = w,
                Height = h,
                Title = parsed.GetValue(title),
                ColorBy = column?.Name,
                Sprites = parsed.GetValue(sprites),
                Seed = recipe.Seed,
                PointAlpha = opacity,
            };
            var scene = MapRenderer.Save(target, dataset, positions.RowBlock(0, positions.Rows), positions.Dimensions, mapOptions, ct);
            var coloring = scene.Coloring;
            var how = coloring.Column is null ? "one colour"
                : coloring.Gradient is not null ? $"coloured by {coloring.Column} (gradient)"
                : string.Create(CultureInfo.InvariantCulture, $"coloured by {coloring.Column} ({coloring.Entries.Count} legend entries)");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target}: {w}x{h}, {dataset.Points:N0} points, {which}, {how}"));
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static MetadataColumn? Column(Dataset dataset, string? name)
    {
        if (name is null)
        {
            return MapColoring.DefaultColumn(dataset.Metadata);
        }

        if (name == "none")
        {
            return null;
        }

        return dataset.Metadata[name]
            ?? throw new UsageException($"--color-by: no metadata column '{name}'; columns: {(dataset.Metadata.Columns.Count == 0 ? "(none)" : string.Join(", ", dataset.Metadata.Columns.Select(c => c.Name)))}");
    }

    private static EmbeddingMatrix Layout(CliContext context, Dataset dataset, string which, ProjectionRecipe recipe, RecipeOptions recipeOptions, CancellationToken ct)
    {
        if (ProjectionRecipe.ParseMethod(which) is null)
        {
            if (!File.Exists(which))
            {
                throw new UsageException($"--layout '{which}' is not tsne, umap or pca, and no such file exists");
            }

            return LayoutFile.Read(which, dataset.Points, ct);
        }

        recipeOptions.Validate(recipe, dataset.Points, dataset.Dimensions);
        var computed = CliProgress.RunStages(context, p => recipe.Compute(dataset.Matrix, null, p, ct));
        foreach (var warning in computed.Warnings)
        {
            context.Error.WriteLine($"note: {CliText.Safe(warning)}");
        }

        return EmbeddingMatrix.FromArray(computed.Positions, computed.Points, computed.Dimensions);
    }
}
