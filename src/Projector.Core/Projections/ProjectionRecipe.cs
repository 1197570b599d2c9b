using System.Globalization;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Projections;

/// <summary>
/// The one description of how a layout is made: the method, every choice a user can make, and the
/// product's defaults for the rest. The command line, the server, the static site and the pictures all
/// build their layouts from a recipe, so the same input, recipe and seed give the same bytes everywhere.
/// </summary>
/// <remarks>
/// Defaults, and why: the metric of t-SNE's and UMAP's neighbours is euclidean, as openTSNE, FIt-SNE and
/// umap-learn use and as our benchmarks measure; cosine (the TensorFlow projector's choice, which centres
/// the data first) is one option away, and it can merge clusters of raw, uncentred features that lie
/// along one direction. t-SNE and UMAP first reduce inputs wider than 50 dimensions to 50 with PCA
/// (openTSNE's and FIt-SNE's advice, Kobak &amp; Berens 2019); a PCA layout computes 10 components, as the
/// TensorFlow projector does, and callers that want fewer take the first ones; t-SNE is openTSNE's
/// (perplexity 30, k = 3 · perplexity, 750 iterations of which 250 are early exaggeration 12, learning
/// rate N / 12); UMAP is umap-learn's (15 neighbours, min_dist 0.1, 500 epochs up to 10,000 points and
/// 200 above); the seed is 42. Looking up one point's neighbours (a separate question) stays cosine.
/// A t-SNE continued from a given layout (<see cref="InitialLayout"/>, as <see cref="ComputeSteps"/> does from
/// one training step to the next) skips early exaggeration and runs a third of the iterations.
/// </remarks>
public sealed partial record ProjectionRecipe
{
    /// <summary>The seed when none is given.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Components a PCA layout computes when none are asked for (the TensorFlow projector's 10).</summary>
    public const int DefaultPcaComponents = 10;

    /// <summary>Dimensions t-SNE and UMAP reduce wider inputs to first.</summary>
    public const int DefaultPcaDims = 50;

    /// <summary>The largest perplexity accepted: 3 x perplexity neighbours per point above 333 is over 1,000, never what a user meant.</summary>
    public const double MaxPerplexity = 333;

    /// <summary>The largest number of t-SNE iterations or UMAP epochs accepted.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>The smallest number of t-SNE iterations or UMAP epochs accepted.</summary>
    public const int MinIterations = 1;

    /// <summary>The fewest UMAP neighbours per point accepted (there must also be fewer than the points).</summary>
    public const int MinNeighbors = 2;

    /// <summary>The projection.</summary>
    public LayoutMethod Method { get; init; } = LayoutMethod.Tsne;

    /// <summary>Output dimensions of t-SNE and UMAP (2 or 3).</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>Components a PCA layout computes (clamped to the data's dimensions, the rows and 100).</summary>
    public int PcaComponents { get; init; } = DefaultPcaComponents;

    /// <summary>t-SNE and UMAP first reduce wider inputs to this many dimensions with PCA; 0 turns it off.</summary>
    public int PcaDims { get; init; } = DefaultPcaDims;

    /// <summary>The input-space metric of the neighbour search.</summary>
    public Metric Metric { get; init; } = Metric.Euclidean;

    /// <summary>Seed of every random choice; the same seed and threads give the same layout.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Worker threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>t-SNE's perplexity; null is 30 (reduced to (N − 1) / 3 for tiny inputs).</summary>
    public double? Perplexity { get; init; }

    /// <summary>
    /// t-SNE's input affinities: Gaussian, calibrated to <see cref="Perplexity"/> over 3 x perplexity neighbours
    /// (the default), or uniform over 15 neighbours, several times cheaper for millions of points at some
    /// cost in kept neighbours (docs/benchmarks.md, "Uniform affinities").
    /// </summary>
    public TsneAffinityKernel TsneAffinity { get; init; } = TsneAffinityKernel.Gaussian;

    /// <summary>t-SNE's learning rate; null is "auto", N / exaggeration.</summary>
    public double? LearningRate { get; init; }

    /// <summary>t-SNE iterations (default 750; a third at most is early exaggeration) or UMAP epochs (default by size).</summary>
    public int? Iterations { get; init; }

    /// <summary>UMAP's neighbours per point; null is 15 (clamped to N − 1).</summary>
    public int? Neighbors { get; init; }

    /// <summary>UMAP's min_dist; null is 0.1.</summary>
    public double? MinDist { get; init; }

    /// <summary>One label per row of the whole input (not of <see cref="Rows"/>) to supervise t-SNE or UMAP by; null for none.</summary>
    public IReadOnlyList<string?>? SupervisionLabels { get; init; }

    /// <summary>How much the labels count, 0 to 1 (t-SNE: the TF projector's factor; UMAP: the target weight).</summary>
    public double SuperviseFactor { get; init; } = 0.5;

    /// <summary>The rows to lay out (the page's "isolate"), in this order; null for every row.</summary>
    public IReadOnlyList<int>? Rows { get; init; }

    /// <summary>
    /// Where t-SNE or UMAP starts: one row per laid-out row (see <see cref="Rows"/>) of <see cref="Dimensions"/>
    /// coordinates, row-major; null starts as the method does by itself (t-SNE from PCA, UMAP spectral).
    /// <see cref="ComputeSteps"/> sets it to carry each training step's layout into the next.
    /// </summary>
    public IReadOnlyList<float>? InitialLayout { get; init; }

    /// <summary>The short lower-case name of a method (pca, tsne, umap), as file names and the HTTP API use it.</summary>
    public static string NameOf(LayoutMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The display name of a method (PCA, t-SNE, UMAP).</summary>
    public static string DisplayName(LayoutMethod method) => method switch
    {
        LayoutMethod.Pca => "PCA",
        LayoutMethod.Tsne => "t-SNE",
        _ => "UMAP",
    };

    /// <summary>The method named <paramref name="name"/> (pca, tsne, t-sne, umap; any case), or null.</summary>
    public static LayoutMethod? ParseMethod(string? name) => name?.ToLowerInvariant() switch
    {
        "pca" => LayoutMethod.Pca,
        "tsne" or "t-sne" => LayoutMethod.Tsne,
        "umap" => LayoutMethod.Umap,
        _ => null,
    };

    /// <summary>Rows the layout has for an input of <paramref name="inputRows"/> rows.</summary>
    public int PointsFor(int inputRows) => Rows?.Count ?? inputRows;

    /// <summary>Checks every choice against <paramref name="inputRows"/> rows of <paramref name="inputDimensions"/> dimensions.</summary>
    /// <exception cref="RecipeException">A choice is out of range, or the layout would not fit in memory (see <see cref="EstimatedMemoryBytes"/> and <see cref="MemoryLimit"/>).</exception>
    public void Validate(int inputRows, int inputDimensions)
    {
        var n = PointsFor(inputRows);
        Check(n >= 2, null, "A layout needs at least 2 points.");
        Check(inputDimensions >= 1, null, "The input has no dimensions.");
        Check(Method is LayoutMethod.Pca || Dimensions is 2 or 3, nameof(Dimensions), $"must be 2 or 3, not {Dimensions}.");
        Check(PcaComponents >= 1, nameof(PcaComponents), "must be at least 1.");
        Check(PcaDims >= 0, nameof(PcaDims), "must be 0 (off) or more.");
        Check(Threads is null or >= 1, nameof(Threads), "must be at least 1.");
        Check(Perplexity is null || (Perplexity > 0 && Perplexity <= MaxPerplexity), nameof(Perplexity), $"must be above 0 and at most {MaxPerplexity} (it was {Perplexity}); 5 to 50 is usual.");
        Check(LearningRate is null || (LearningRate > 0 && double.IsFinite(LearningRate.Value)), nameof(LearningRate), "must be a positive number (or auto).");
        Check(Iterations is null || Iterations is >= MinIterations and <= MaxIterations, nameof(Iterations), $"must be between {MinIterations} and {MaxIterations}.");
        Check(Neighbors is null || (Neighbors >= MinNeighbors && Neighbors < n), nameof(Neighbors), $"must be between {MinNeighbors} and {n - 1}.");
        Check(MinDist is null || (MinDist >= 0 && double.IsFinite(MinDist.Value)), nameof(MinDist), "must be 0 or more.");
        Check(SuperviseFactor is >= 0 and <= 1, nameof(SuperviseFactor), "must be between 0 and 1.");
        Check(SupervisionLabels is null || SupervisionLabels.Count == inputRows, nameof(SupervisionLabels), $"must hold one label per input row ({inputRows}).");
        if (InitialLayout is { } start)
        {
            Check(Method != LayoutMethod.Pca, nameof(InitialLayout), "applies to t-SNE and UMAP only.");
            Check(start.Count == (long)n * Dimensions, nameof(InitialLayout), $"must hold {n} x {Dimensions} values (it holds {start.Count}).");
            Check(start.All(float.IsFinite), nameof(InitialLayout), "must hold finite numbers.");
        }

        if (Rows is { } rows)
        {
            var seen = new HashSet<int>();
            foreach (var i in rows)
            {
                Check(i >= 0 && i < inputRows, nameof(Rows), $"hold {i}, outside 0..{inputRows - 1}.");
                Check(seen.Add(i), nameof(Rows), $"hold {i} twice.");
            }
        }

        CheckMemory(inputRows, inputDimensions, AvailableMemory());
    }

    /// <summary>The t-SNE options this recipe resolves to (t-SNE itself reduces the perplexity for tiny inputs).</summary>
    public TsneOptions ToTsneOptions()
    {
        var options = new TsneOptions { Dimensions = Dimensions, Metric = Metric, Seed = Seed, Threads = Threads, LearningRate = LearningRate, InitialLayout = InitialLayout, Affinity = TsneAffinity };
        if (Perplexity is { } perplexity)
        {
            options = options with { Perplexity = perplexity };
        }

        if (Iterations is { } iterations)
        {
            // Early exaggeration keeps a third of the run at most, as in the default 250 of 750.
            options = options with { Iterations = iterations, EarlyExaggerationIterations = Math.Min(options.EarlyExaggerationIterations, iterations / 3) };
        }

        if (InitialLayout is not null)
        {
            // Continuing from a finished layout: no early exaggeration (it would tear the layout apart again) and a
            // third of the iterations, the least movement at the same quality (docs/benchmarks.md, "Training steps").
            options = options with { EarlyExaggerationIterations = 0, Iterations = Math.Max(1, options.Iterations / 3) };
        }

        if (SupervisedLabels() is { } labels)
        {
            options = options with { SupervisionLabels = labels, SuperviseFactor = SuperviseFactor };
        }

        return options;
    }

    /// <summary>The UMAP options this recipe resolves to for <paramref name="points"/> points (after <see cref="Rows"/>).</summary>
    public UmapOptions ToUmapOptions(int points)
    {
        var options = new UmapOptions { Dimensions = Dimensions, Metric = Metric, Seed = Seed, Threads = Threads, Epochs = Iterations, InitialLayout = InitialLayout };
        options = options with { Neighbors = Math.Clamp(Neighbors ?? options.Neighbors, 1, Math.Max(1, points - 1)) };
        if (MinDist is { } minDist)
        {
            options = options with { MinDist = minDist };
        }

        if (SupervisedLabels() is { } labels)
        {
            options = options with { Supervision = new UmapSupervision(labels) { TargetWeight = SuperviseFactor } };
        }

        return options;
    }

    /// <summary>Neighbours per point of the kNN graph t-SNE or UMAP needs for <paramref name="points"/> points; 0 for PCA.</summary>
    public int GraphNeighborsFor(int points)
    {
        if (points < 2)
        {
            return 0;
        }

        switch (Method)
        {
            case LayoutMethod.Tsne:
                if (TsneAffinity == TsneAffinityKernel.Uniform)
                {
                    return Math.Clamp(TsneOptions.UniformNeighbors, 1, points - 1);
                }

                // As t-SNE itself: k = 3 x perplexity, the perplexity capped at (N - 1) / 3.
                var perplexity = Math.Min(Perplexity ?? new TsneOptions().Perplexity, Math.Max(1.0, (points - 1) / 3.0));
                return Math.Clamp((int)Math.Floor(3 * perplexity), 1, points - 1);
            case LayoutMethod.Umap:
                return Math.Clamp(Neighbors ?? new UmapOptions().Neighbors, 1, points - 1);
            default:
                return 0;
        }
    }

    /// <summary>The dimensions t-SNE and UMAP reduce an input of <paramref name="inputDimensions"/> to; 0 when they use it as it is.</summary>
    public int ReductionFor(int inputDimensions) =>
        Method != LayoutMethod.Pca && PcaDims > 0 && PcaDims < inputDimensions ? Math.Min(PcaDims, PrincipalComponents.MaxComponents) : 0;

    /// <summary>Components a PCA layout of <paramref name="points"/> x <paramref name="inputDimensions"/> computes.</summary>
    public int ComponentsFor(int points, int inputDimensions) =>
        Math.Max(1, Math.Min(PcaComponents, Math.Min(Math.Min(inputDimensions, points), PrincipalComponents.MaxComponents)));

    /// <summary>
    /// The resolved choices by the HTTP API's names (perplexity, minDist, ...), for display, file headers and
    /// cache keys: two recipes that describe alike give the same layout.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Describe(int inputRows, int inputDimensions)
    {
        var n = PointsFor(inputRows);
        var list = new List<KeyValuePair<string, object?>> { new("method", NameOf(Method)) };
        switch (Method)
        {
            case LayoutMethod.Pca:
                list.Add(new("components", ComponentsFor(n, inputDimensions)));
                break;
            case LayoutMethod.Tsne:
                var t = ToTsneOptions();
                list.AddRange([new("dims", t.Dimensions), new("perplexity", t.Perplexity), new("learningRate", t.LearningRate is { } lr ? lr : "auto"), new("iterations", t.Iterations)]);
                if (t.Affinity == TsneAffinityKernel.Uniform)
                {
                    // Only when not the default, so every earlier description (and cache key) stays as it was.
                    list.Add(new("affinity", "uniform"));
                }

                break;
            default:
                var u = ToUmapOptions(n);
                list.AddRange([new("dims", u.Dimensions), new("neighbors", u.Neighbors), new("minDist", u.MinDist), new("epochs", u.EpochsFor(n))]);
                break;
        }

        if (Method != LayoutMethod.Pca)
        {
            list.Add(new("metric", NameOf(Metric)));
            list.Add(new("pcaDims", ReductionFor(inputDimensions)));
            if (SupervisionLabels is not null)
            {
                list.Add(new("superviseFactor", SuperviseFactor));
            }

            if (InitialLayout is not null)
            {
                list.Add(new("initialization", "given"));
            }
        }

        list.Add(new("seed", Seed));
        return list;
    }

    /// <summary>A key that is equal for two recipes that give the same layout of the same input (labels and rows hashed).</summary>
    public string CacheKey(int inputRows, int inputDimensions)
    {
        var parts = Describe(inputRows, inputDimensions).Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}").ToList();
        parts.Add("rows=" + RowsKey());
        if (SupervisionLabels is { } labels)
        {
            parts.Add("labels=" + Hash(string.Join('\u001f', labels.Select(l => l ?? "\u0000"))));
        }

        if (Threads is { } threads)
        {
            parts.Add(FormattableString.Invariant($"threads={threads}"));
        }

        if (InitialLayout is { } start)
        {
            parts.Add("init=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(start.ToArray().AsSpan())))[..32]);
        }

        return string.Join('|', parts);
    }

    /// <summary>Identifies the rows: all of them, or a hash of the chosen indices.</summary>
    internal string RowsKey() => Rows is null ? "all" : Hash(string.Join(',', Rows));

    private static string NameOf(Metric metric) => metric.ToString().ToLowerInvariant();

    private static string Hash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];

    // The labels of the rows laid out: the caller's list itself for every row (no copy of a million labels per call).
    private IReadOnlyList<string?>? SupervisedLabels()
    {
        if (SupervisionLabels is not { } labels)
        {
            return null;
        }

        return Rows is { } rows ? rows.Select(i => labels[i]).ToArray() : labels;
    }

    private static void Check(bool ok, string? property, string problem)
    {
        if (!ok)
        {
            throw new RecipeException(property, problem);
        }
    }
}
