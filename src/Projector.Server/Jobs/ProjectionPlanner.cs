using System.Globalization;
using System.Text.Json;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Custom;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Jobs;

/// <summary>
/// Turns a <see cref="ProjectionRequest"/> into Core options, filling what is missing with the
/// defaults of the algorithms, and refuses what cannot run with a 400 naming the field.
/// </summary>
internal static class ProjectionPlanner
{
    /// <summary>PCA components when the request does not say (the TF projector's 10).</summary>
    public const int DefaultComponents = 10;

    public static ProjectionPlan Plan(ProjectionRequest request, DatasetCatalog catalog)
    {
        if (string.IsNullOrEmpty(request.Dataset))
        {
            throw ApiProblem.BadRequest("Give the dataset to project.");
        }

        var entry = catalog.Get(request.Dataset);
        var dataset = entry.Dataset;
        var method = request.Method?.ToLowerInvariant() ?? string.Empty;
        if (method is not ("pca" or "tsne" or "umap" or "custom"))
        {
            throw ApiProblem.BadRequest($"The method '{request.Method}' is not one of pca, tsne, umap or custom.");
        }

        var indices = CheckIndices(request.Indices, dataset.Points);
        var n = indices?.Length ?? dataset.Points;
        if (n < 2)
        {
            throw ApiProblem.BadRequest("A projection needs at least 2 points.");
        }

        var seed = request.Seed ?? 42;
        var dims = request.Dims ?? 2;
        if (method is "tsne" or "umap" && dims is not (2 or 3))
        {
            throw ApiProblem.BadRequest($"dims must be 2 or 3, not {dims}.");
        }

        var metric = request.Metric?.ToLowerInvariant() switch
        {
            null or "cosine" => Metric.Cosine,
            "euclidean" => Metric.Euclidean,
            _ => throw ApiProblem.BadRequest($"The metric '{request.Metric}' is not cosine or euclidean."),
        };
        var pcaDims = request.PcaDims ?? 50;
        if (pcaDims < 0)
        {
            throw ApiProblem.BadRequest("pcaDims must be 0 (off) or more.");
        }

        var components = Math.Min(request.Pca?.Components ?? DefaultComponents, Math.Min(dataset.Dimensions, PrincipalComponents.MaxComponents));
        if (method == "pca" && request.Pca?.Components is < 1)
        {
            throw ApiProblem.BadRequest("pca.components must be at least 1.");
        }

        TsneOptions? tsne = null;
        UmapOptions? umap = null;
        (AxisQuery, AxisQuery, AxisQuery?, AxisQuery?)? axes = null;
        object options;
        switch (method)
        {
            case "tsne":
                tsne = Tsne(request.Tsne ?? new TsneBlock(), dims, seed, metric, entry, indices);
                options = new { dims, tsne.Perplexity, tsne.LearningRate, tsne.Iterations, supervise = request.Tsne?.Supervise, metric = metric.ToString(), pcaDims };
                break;
            case "umap":
                umap = Umap(request.Umap ?? new UmapBlock(), dims, seed, metric, entry, indices, n);
                options = new { dims, umap.Neighbors, umap.MinDist, umap.Epochs, supervise = request.Umap?.Supervise, metric = metric.ToString(), pcaDims };
                break;
            case "custom":
                axes = Axes(request.Custom);
                options = new { request.Custom };
                break;
            default:
                options = new { components };
                break;
        }

        var key = string.Join('|', entry.Id, method, JsonSerializer.Serialize(options, ServerJson.Options), seed.ToString(CultureInfo.InvariantCulture), indices is null ? "all" : ProjectionPlan.IndicesHash(indices));
        return new ProjectionPlan(entry, method, seed, indices, metric, pcaDims, components, tsne, umap, axes, key);
    }

    private static int[]? CheckIndices(int[]? indices, int points)
    {
        if (indices is null)
        {
            return null;
        }

        var seen = new HashSet<int>();
        foreach (var i in indices)
        {
            if (i < 0 || i >= points)
            {
                throw ApiProblem.BadRequest($"The index {i} is outside 0..{points - 1}.");
            }

            if (!seen.Add(i))
            {
                throw ApiProblem.BadRequest($"The index {i} is given twice.");
            }
        }

        return indices;
    }

    private const double MaxPerplexity = 333;

    private static TsneOptions Tsne(TsneBlock block, int dims, int seed, Metric metric, CatalogEntry entry, int[]? indices)
    {
        var options = new TsneOptions { Dimensions = dims, Seed = seed, Metric = metric, LearningRate = LearningRate(block.LearningRate) };
        if (block.Perplexity is { } perplexity)
        {
            // t-SNE keeps 3 x perplexity neighbours per point: above 333 that is over 1,000 per point,
            // gigabytes for a large set and hours of affinities, never what a user meant.
            options = perplexity is > 0 and <= MaxPerplexity
                ? options with { Perplexity = perplexity }
                : throw ApiProblem.BadRequest($"tsne.perplexity must be above 0 and at most {MaxPerplexity} (it was {perplexity}); 5 to 50 is usual.");
        }

        if (block.Iterations is { } iterations)
        {
            if (iterations is < 1 or > 100_000)
            {
                throw ApiProblem.BadRequest("tsne.iterations must be between 1 and 100000.");
            }

            // Early exaggeration keeps a third of the run at most, as the default 250 of 750.
            options = options with { Iterations = iterations, EarlyExaggerationIterations = Math.Min(options.EarlyExaggerationIterations, iterations / 3) };
        }

        if (block.Supervise is { } supervise)
        {
            var factor = supervise.Factor ?? 0.5;
            if (factor is < 0 or > 1)
            {
                throw ApiProblem.BadRequest("tsne.supervise.factor must be between 0 and 1.");
            }

            options = options with { SupervisionLabels = Labels(entry, supervise.Column, indices), SuperviseFactor = factor };
        }

        return options;
    }

    private static UmapOptions Umap(UmapBlock block, int dims, int seed, Metric metric, CatalogEntry entry, int[]? indices, int n)
    {
        var options = new UmapOptions { Dimensions = dims, Seed = seed, Metric = metric, Epochs = block.Epochs };
        if (block.Neighbors is { } k)
        {
            options = k >= 2 && k < n ? options with { Neighbors = k } : throw ApiProblem.BadRequest($"umap.neighbors must be between 2 and {n - 1}.");
        }
        else if (options.Neighbors >= n)
        {
            options = options with { Neighbors = Math.Max(1, n - 1) };
        }

        if (block.MinDist is { } minDist)
        {
            options = minDist >= 0 ? options with { MinDist = minDist } : throw ApiProblem.BadRequest("umap.minDist must be 0 or more.");
        }

        if (block.Epochs is < 1 or > 100_000)
        {
            throw ApiProblem.BadRequest("umap.epochs must be between 1 and 100000.");
        }

        if (block.Supervise is { } supervise)
        {
            var factor = supervise.Factor ?? 0.5;
            if (factor is < 0 or > 1)
            {
                throw ApiProblem.BadRequest("umap.supervise.factor must be between 0 and 1.");
            }

            options = options with { Supervision = new UmapSupervision(Labels(entry, supervise.Column, indices)) { TargetWeight = factor } };
        }

        return options;
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

    private static string?[] Labels(CatalogEntry entry, string? column, int[]? indices)
    {
        var metadata = entry.Dataset.Metadata;
        var c = column is null ? null : metadata[column];
        if (c is null)
        {
            throw ApiProblem.BadRequest($"There is no metadata column '{column}' to supervise by.");
        }

        return indices is null ? [.. c.Values] : [.. indices.Select(i => c[i])];
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
