using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Projector.Core.Projections;

namespace Projector.Server.Contracts;

/// <summary>The body of <c>POST /api/projections</c>; only the block of the chosen method is read.</summary>
/// <param name="Dataset">Catalog id.</param>
/// <param name="Method"><c>pca</c>, <c>tsne</c>, <c>umap</c> or <c>custom</c>.</param>
/// <param name="Dims">2 or 3 (t-SNE, UMAP).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="Indices">Rows to project (isolate selection); null for every row.</param>
/// <param name="Pca">PCA options.</param>
/// <param name="Tsne">t-SNE options.</param>
/// <param name="Umap">UMAP options.</param>
/// <param name="Custom">Custom axes.</param>
/// <param name="Metric"><c>cosine</c> or <c>euclidean</c>, for the neighbours of t-SNE and UMAP.</param>
/// <param name="PcaDims">Reduce to this many PCA dimensions before t-SNE or UMAP; 0 keeps the input.</param>
/// <param name="AlignTo">The id of a finished job of the same method over the same rows of another dataset (the previous training step): a t-SNE or UMAP starts from its layout, and the result is turned onto it by orthogonal Procrustes, so what moves between the two is the embedding, not the picture.</param>
public sealed record ProjectionRequest(
    string? Dataset,
    string? Method,
    int? Dims = null,
    int? Seed = null,
    int[]? Indices = null,
    PcaBlock? Pca = null,
    TsneBlock? Tsne = null,
    UmapBlock? Umap = null,
    CustomBlock? Custom = null,
    string? Metric = null,
    int? PcaDims = null,
    string? AlignTo = null);

/// <summary>PCA options.</summary>
/// <param name="Components">Components to compute (the page picks which go to x, y, z).</param>
public sealed record PcaBlock(int? Components = null);

/// <summary>t-SNE options.</summary>
/// <param name="Perplexity">Effective number of neighbours.</param>
/// <param name="LearningRate">A number, or <c>"auto"</c> (N / 12).</param>
/// <param name="Iterations">Iterations in all.</param>
/// <param name="Supervise">Pull points of the same label together.</param>
/// <param name="Perturb">Start from another t-SNE job's latest layout of the same points, nudged at random (no early exaggeration, a third of the iterations).</param>
/// <param name="Affinity"><c>gaussian</c> (default: calibrated to the perplexity over 3 x perplexity neighbours) or <c>uniform</c> (15 neighbours each weighted alike: several times faster for millions of points, keeps fewer neighbours).</param>
/// <remarks>The ranges are <see cref="ProjectionRecipe"/>'s own checks, so the OpenAPI document, and the page's fields read from it, take exactly what the server takes.</remarks>
public sealed record TsneBlock(
    [property: Range(0d, ProjectionRecipe.MaxPerplexity, MinimumIsExclusive = true)] double? Perplexity = null,
    JsonElement? LearningRate = null,
    [property: Range(ProjectionRecipe.MinIterations, ProjectionRecipe.MaxIterations)] int? Iterations = null,
    SuperviseBlock? Supervise = null,
    PerturbBlock? Perturb = null,
    string? Affinity = null);

/// <summary>Where a perturbed t-SNE starts.</summary>
/// <param name="From">The id of a t-SNE job of the same dataset, rows and dims; its latest layout is nudged.</param>
/// <param name="Seed">Seed of the nudge; the same layout and seed nudge the same way.</param>
public sealed record PerturbBlock(string? From, int? Seed = null);

/// <summary>UMAP options.</summary>
/// <param name="Neighbors">Neighbours per point.</param>
/// <param name="MinDist">Minimum distance in the layout.</param>
/// <param name="Epochs">Epochs; null picks by size.</param>
/// <param name="Supervise">Use a label column as the target.</param>
/// <remarks>The neighbours are also fewer than the points; the ranges are <see cref="ProjectionRecipe"/>'s own checks.</remarks>
public sealed record UmapBlock(
    [property: Range(ProjectionRecipe.MinNeighbors, int.MaxValue)] int? Neighbors = null,
    [property: Range(0d, double.MaxValue)] double? MinDist = null,
    [property: Range(ProjectionRecipe.MinIterations, ProjectionRecipe.MaxIterations)] int? Epochs = null,
    SuperviseBlock? Supervise = null);

/// <summary>Supervision by a metadata column.</summary>
/// <param name="Column">The label column.</param>
/// <param name="Factor">How much the labels count, 0 to 1.</param>
public sealed record SuperviseBlock(string? Column, [property: Range(0d, 1d)] double? Factor = null);

/// <summary>Custom axes: each from the centroid of one query's points to another's.</summary>
/// <param name="Left">x runs from here...</param>
/// <param name="Right">...to here.</param>
/// <param name="Down">y runs from here (optional)...</param>
/// <param name="Up">...to here.</param>
public sealed record CustomBlock(AxisBlock? Left, AxisBlock? Right, AxisBlock? Down = null, AxisBlock? Up = null);

/// <summary>A metadata query: rows whose column matches the pattern (case-insensitive regex).</summary>
/// <param name="Column">Column name.</param>
/// <param name="Pattern">Regular expression.</param>
public sealed record AxisBlock(string? Column, string? Pattern);
