using System.Text.Json;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Custom;
using Projector.Core.Projections.Tsne;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Jobs;

/// <summary>
/// Turns a <see cref="ProjectionRequest"/> into a <see cref="ProjectionRecipe"/> (or custom axes). What the
/// request leaves out takes the recipe's defaults; nothing is defaulted here. What cannot run is a 400
/// naming the request field.
/// </summary>
internal static class ProjectionPlanner
{
    // The request field of each recipe property, so the recipe's own checks read in the API's words.
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [nameof(ProjectionRecipe.Dimensions)] = "dims",
        [nameof(ProjectionRecipe.PcaComponents)] = "pca.components",
        [nameof(ProjectionRecipe.PcaDims)] = "pcaDims",
        [nameof(ProjectionRecipe.Perplexity)] = "tsne.perplexity",
        [nameof(ProjectionRecipe.LearningRate)] = "tsne.learningRate",
        [nameof(ProjectionRecipe.Neighbors)] = "umap.neighbors",
        [nameof(ProjectionRecipe.MinDist)] = "umap.minDist",
        [nameof(ProjectionRecipe.Rows)] = "indices",
    };

    /// <param name="request">The request.</param>
    /// <param name="catalog">The datasets.</param>
    /// <param name="job">Finds a job by id (for <c>tsne.perturb.from</c>); null refuses perturbing.</param>
    public static ProjectionPlan Plan(ProjectionRequest request, DatasetCatalog catalog, Func<string, ProjectionJob>? job = null)
    {
        if (string.IsNullOrEmpty(request.Dataset))
        {
            throw ApiProblem.BadRequest("Give the dataset to project.");
        }

        var entry = catalog.Get(request.Dataset);
        var dataset = entry.Dataset;
        var name = request.Method?.ToLowerInvariant() ?? string.Empty;
        if (name == "custom")
        {
            if (request.AlignTo is not null)
            {
                throw ApiProblem.BadRequest("alignTo applies to PCA, t-SNE and UMAP layouts, not custom axes.");
            }

            var axes = Axes(request.Custom);
            var rowsKey = request.Indices is { } idx ? string.Join(',', idx) : "all";
            CheckRows(request.Indices, dataset.Points);
            return new ProjectionPlan(entry, name, null, axes, request.Indices, $"{entry.Id}|custom|{JsonSerializer.Serialize(request.Custom, ServerJson.Options)}|{rowsKey}");
        }

        var method = ProjectionRecipe.ParseMethod(name) is { } m && name != "t-sne"
            ? m
            : throw ApiProblem.BadRequest($"The method '{request.Method}' is not one of pca, tsne, umap or custom.");
        var recipe = new ProjectionRecipe { Method = method, Rows = request.Indices };
        recipe = request.Seed is { } seed ? recipe with { Seed = seed } : recipe;
        recipe = request.Dims is { } dims ? recipe with { Dimensions = dims } : recipe;
        recipe = request.PcaDims is { } pcaDims ? recipe with { PcaDims = pcaDims } : recipe;
        recipe = request.Pca?.Components is { } components ? recipe with { PcaComponents = components } : recipe;
        if (request.Metric is { } metric)
        {
            recipe = recipe with
            {
                Metric = metric.ToLowerInvariant() switch
                {
                    "cosine" => Metric.Cosine,
                    "euclidean" => Metric.Euclidean,
                    _ => throw ApiProblem.BadRequest($"The metric '{request.Metric}' is not cosine or euclidean."),
                },
            };
        }

        recipe = method switch
        {
            LayoutMethod.Tsne => Tsne(recipe, request, entry, job),
            LayoutMethod.Umap => Umap(recipe, request.Umap, entry),
            _ => recipe,
        };
        var aligned = request.AlignTo is { } alignTo ? Aligned(alignTo, name, recipe, request, dataset.Points, job) : null;
        if (aligned is not null && method != LayoutMethod.Pca)
        {
            // As ProjectionRecipe.ComputeSteps does: the next step continues from the one before.
            recipe = recipe with { InitialLayout = aligned.Reference };
        }

        try
        {
            recipe.Validate(dataset.Points, dataset.Dimensions);
        }
        catch (RecipeException e)
        {
            var field = e.Property is null ? null : Fields.GetValueOrDefault(e.Property, e.Property == nameof(ProjectionRecipe.Iterations) ? $"{name}.{(method == LayoutMethod.Umap ? "epochs" : "iterations")}" : e.Property);
            throw ApiProblem.BadRequest(field is null ? e.Problem : $"{field} {e.Problem}");
        }

        var key = $"{entry.Id}|{recipe.CacheKey(dataset.Points, dataset.Dimensions)}";
        return new ProjectionPlan(entry, name, recipe, null, request.Indices, aligned is null ? key : $"{key}|{aligned.Key}") { Aligned = aligned };
    }

    // The finished layout of the previous step: a job of the same method over as many rows (in the same
    // order: the rows of a run's steps are the same items), of as many dimensions for t-SNE and UMAP.
    private static AlignedStep Aligned(string alignTo, string method, ProjectionRecipe recipe, ProjectionRequest request, int datasetPoints, Func<string, ProjectionJob>? job)
    {
        if (job is null)
        {
            throw ApiProblem.BadRequest("alignTo is not taken here.");
        }

        if (request.Tsne?.Perturb is not null)
        {
            throw ApiProblem.BadRequest("Give tsne.perturb or alignTo, not both.");
        }

        var source = job(alignTo);
        var points = request.Indices?.Length ?? datasetPoints;
        var sameRows = (source.Plan.Indices ?? []).SequenceEqual(request.Indices ?? []);
        if (source.Plan.Method != method || source.Plan.Points != points || !sameRows)
        {
            throw ApiProblem.BadRequest($"The job '{alignTo}' is not a {method} layout of {points} rows; align to the previous step's layout of the same method and rows.");
        }

        if (!source.IsFinished || source.LatestFrame is not { } frame)
        {
            throw ApiProblem.Conflict($"The job '{alignTo}' has not finished; align to it once its layout is done.");
        }

        if (method != "pca" && frame.Dimensions != recipe.Dimensions)
        {
            throw ApiProblem.BadRequest($"The job '{alignTo}' is a {frame.Dimensions}-D layout; this one is {recipe.Dimensions}-D. Align layouts of the same dimensions.");
        }

        var reference = frame.Positions.AsSpan(0, frame.Points * frame.Dimensions).ToArray();
        return new AlignedStep(reference, frame.Dimensions, Math.Min(recipe.Dimensions, frame.Dimensions));
    }

    private static ProjectionRecipe Tsne(ProjectionRecipe recipe, ProjectionRequest request, CatalogEntry entry, Func<string, ProjectionJob>? job)
    {
        if (request.Tsne is not { } block)
        {
            return recipe;
        }

        recipe = recipe with { Perplexity = block.Perplexity, LearningRate = LearningRate(block.LearningRate), Iterations = block.Iterations };
        if (block.Affinity is { } affinity)
        {
            recipe = recipe with
            {
                TsneAffinity = affinity.ToLowerInvariant() switch
                {
                    "gaussian" => TsneAffinityKernel.Gaussian,
                    "uniform" => TsneAffinityKernel.Uniform,
                    _ => throw ApiProblem.BadRequest($"The t-SNE affinity '{affinity}' is not gaussian or uniform."),
                },
            };
        }

        if (block.Perturb is { } perturb)
        {
            recipe = recipe with { InitialLayout = Perturbed(perturb, recipe, request, entry, job) };
        }

        return block.Supervise is { } supervise ? Supervise(recipe, supervise, entry, "tsne") : recipe;
    }

    // The latest layout of the job named, nudged: it must be a t-SNE of the same points in as many dimensions.
    private static float[] Perturbed(PerturbBlock perturb, ProjectionRecipe recipe, ProjectionRequest request, CatalogEntry entry, Func<string, ProjectionJob>? job)
    {
        if (string.IsNullOrEmpty(perturb.From) || job is null)
        {
            throw ApiProblem.BadRequest("tsne.perturb.from must name the t-SNE job whose layout to perturb.");
        }

        var source = job(perturb.From);
        var sameRows = (source.Plan.Indices ?? []).SequenceEqual(request.Indices ?? []);
        if (source.Plan.Entry.Id != entry.Id || source.Plan.Method != "tsne" || !sameRows || source.Dims != recipe.Dimensions)
        {
            throw ApiProblem.BadRequest($"The job '{perturb.From}' is not a {recipe.Dimensions}-D t-SNE of the same points of '{entry.Id}'; perturb the t-SNE on screen.");
        }

        var frame = source.LatestFrame ?? throw ApiProblem.BadRequest($"The job '{perturb.From}' has no layout yet to perturb.");
        return LayoutPerturbation.Perturb(frame.Positions.AsSpan(0, frame.Points * frame.Dimensions), frame.Dimensions, perturb.Seed ?? recipe.Seed);
    }

    private static ProjectionRecipe Umap(ProjectionRecipe recipe, UmapBlock? block, CatalogEntry entry)
    {
        if (block is null)
        {
            return recipe;
        }

        recipe = recipe with { Neighbors = block.Neighbors, MinDist = block.MinDist, Iterations = block.Epochs };
        return block.Supervise is { } supervise ? Supervise(recipe, supervise, entry, "umap") : recipe;
    }

    private static ProjectionRecipe Supervise(ProjectionRecipe recipe, SuperviseBlock supervise, CatalogEntry entry, string block)
    {
        var column = supervise.Column is null ? null : entry.Dataset.Metadata[supervise.Column];
        if (column is null)
        {
            throw ApiProblem.BadRequest($"There is no metadata column '{supervise.Column}' to supervise by.");
        }

        if (supervise.Factor is < 0 or > 1)
        {
            throw ApiProblem.BadRequest($"{block}.supervise.factor must be between 0 and 1.");
        }

        recipe = recipe with { SupervisionLabels = column.Values };
        return supervise.Factor is { } factor ? recipe with { SuperviseFactor = factor } : recipe;
    }

    private static double? LearningRate(JsonElement? value)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null || (v.ValueKind == JsonValueKind.String && v.GetString() == "auto"))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0
            ? v.GetDouble()
            : throw ApiProblem.BadRequest("tsne.learningRate must be a positive number or \"auto\".");
    }

    private static void CheckRows(int[]? indices, int points)
    {
        try
        {
            new ProjectionRecipe { Method = LayoutMethod.Pca, Rows = indices }.Validate(points, 1);
        }
        catch (RecipeException e)
        {
            throw ApiProblem.BadRequest(e.Property is null ? e.Problem : $"indices {e.Problem}");
        }
    }

    private static (AxisQuery, AxisQuery, AxisQuery?, AxisQuery?) Axes(CustomBlock? custom)
    {
        if (custom?.Left is null || custom.Right is null)
        {
            throw ApiProblem.BadRequest("Custom axes need custom.left and custom.right.");
        }

        if ((custom.Down is null) != (custom.Up is null))
        {
            throw ApiProblem.BadRequest("Give both custom.down and custom.up, or neither.");
        }

        return (Axis(custom.Left, "left"), Axis(custom.Right, "right"), custom.Down is null ? null : Axis(custom.Down, "down"), custom.Up is null ? null : Axis(custom.Up, "up"));
    }

    private static AxisQuery Axis(AxisBlock block, string name) =>
        string.IsNullOrEmpty(block.Column) || block.Pattern is null
            ? throw ApiProblem.BadRequest($"custom.{name} needs a column and a pattern.")
            : new AxisQuery(block.Column, block.Pattern);
}
