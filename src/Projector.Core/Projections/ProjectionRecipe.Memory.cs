using Projector.Core.Neighbors;

namespace Projector.Core.Projections;

// What a layout holds at once, checked before it starts: a t-SNE of 10M points with Gaussian affinities
// needs about 25 GB in its affinity stage and would otherwise fail after half an hour of neighbour search.
public sealed partial record ProjectionRecipe
{
    private const double GigaByte = 1e9;

    /// <summary>
    /// Where <see cref="Validate(int, int)"/> draws the line: the memory a layout may hold at once, in bytes;
    /// null (the default) is the memory available to this process (physical memory, or the container's or the
    /// .NET heap's limit when lower). Not part of the layout: it never changes a result, only whether one is tried.
    /// </summary>
    public long? MemoryLimit { get; init; }

    /// <summary>
    /// The memory, in bytes, that the largest stage of this recipe holds at once for
    /// <paramref name="inputRows"/> x <paramref name="inputDimensions"/> float32 input: the input the stage
    /// works on (after PCA), plus that stage's own arrays (the neighbour search's heaps and candidate lists,
    /// t-SNE's affinities or UMAP's fuzzy set), as sized by the code that allocates them. The process's own
    /// footprint (about 100 MB) and the collector's slack come on top.
    /// </summary>
    /// <remarks>
    /// Against the measured peaks of docs/benchmarks.md (working sets, so with the collector's slack): 1M x 50
    /// t-SNE with Gaussian affinities 2.73 GB estimated against 2.99 GB measured; UMAP 1.03 GB against 1.92 GB.
    /// </remarks>
    public long EstimatedMemoryBytes(int inputRows, int inputDimensions)
    {
        var n = (long)PointsFor(inputRows);
        var reduced = ReductionFor(inputDimensions);
        var d = reduced > 0 ? reduced : inputDimensions;
        // The rows laid out: the input itself, or a new matrix when PCA reduces it or Rows picks a subset.
        var input = 4 * n * d;
        if (Method == LayoutMethod.Pca)
        {
            // The covariance route keeps d x d doubles; the output is N x components.
            return (4L * n * inputDimensions) + (8L * inputDimensions * inputDimensions) + (4 * n * ComponentsFor((int)n, inputDimensions));
        }

        var k = (long)GraphNeighborsFor((int)n);
        var search = NeighborSearch.WorkingBytes((int)n, d, (int)k, NeighborOptions.Default);
        var graph = 8 * n * k;
        long layout;
        if (Method == LayoutMethod.Tsne)
        {
            // JointAffinities: the graph (indices and distances), P(j|i) in float32, the transpose (an int per
            // edge) and P + Pᵀ in CSR (an int and a float per entry; between N·k and 2·N·k entries, about 1.5 N·k
            // on 50-d data). The iterations hold P and a few N x dims arrays of doubles, less.
            layout = graph + (4 * n * k) + (4 * n * k) + (8 * n * k * 3 / 2) + (8 * n);
        }
        else
        {
            // The fuzzy union (docs/benchmarks.md, "Where the memory goes"): the graph, the directed memberships
            // (8·N·k), the transposed pairs (16·N·k) and the union's exact copy (about 1.4·N·k edges of 8 bytes).
            layout = graph + (8 * n * k) + (16 * n * k) + (8 * n * k * 7 / 5);
        }

        return input + Math.Max(search, layout);
    }

    /// <summary>
    /// Refuses a recipe whose arrays cannot exist (more entries than an array holds) or whose
    /// <see cref="EstimatedMemoryBytes"/> exceeds <paramref name="available"/> bytes, saying what would fit.
    /// </summary>
    private void CheckMemory(int inputRows, int inputDimensions, long available)
    {
        if (Method == LayoutMethod.Pca)
        {
            return;
        }

        var n = (long)PointsFor(inputRows);
        var k = (long)GraphNeighborsFor((int)n);
        var heap = (long)NNDescentIndex.HeapFor((int)n, (int)k, NeighborOptions.Default);
        var name = DisplayName(Method);
        // The widest arrays: the search's heaps (N·h), and the symmetric affinities or fuzzy set (up to 2·N·k
        // entries, with int offsets).
        if (n * heap > Array.MaxLength || 2 * n * k > int.MaxValue)
        {
            throw new RecipeException(null, $"A {name} layout of {n:N0} points with {k} neighbours each has more graph entries than one array holds ({int.MaxValue:N0}); lay out a sample of the rows, use fewer neighbours, or lay the points out on a cluster.");
        }

        var needed = EstimatedMemoryBytes(inputRows, inputDimensions);
        if (available <= 0 || needed <= available)
        {
            return;
        }

        var what = Method == LayoutMethod.Tsne
            ? $"t-SNE with {(TsneAffinity == Tsne.TsneAffinityKernel.Uniform ? "uniform" : "Gaussian")} affinities over {k} neighbours"
            : $"UMAP over {k} neighbours";
        var advice = Method == LayoutMethod.Tsne && TsneAffinity == Tsne.TsneAffinityKernel.Gaussian
            ? $"choose uniform affinities (about {(this with { TsneAffinity = Tsne.TsneAffinityKernel.Uniform }).EstimatedMemoryBytes(inputRows, inputDimensions) / GigaByte:F1} GB), lay out a sample of the rows, or use a machine with more memory."
            : "lay out a sample of the rows, or use a machine with more memory.";
        throw new RecipeException(null, FormattableString.Invariant($"{what} of {n:N0} points needs about {needed / GigaByte:F1} GB at once, and {available / GigaByte:F1} GB are available: {advice}"));
    }

    /// <summary>The memory this process may use: the collector's view of physical memory and of any limit set on it.</summary>
    private long AvailableMemory() => MemoryLimit ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
