using Projector.Core.Projections;
using Projector.Core.Publishing.Export;

namespace Projector.Core.Tests;

public sealed class EmbeddingsTests
{
    [Fact]
    public void The_facade_reads_lays_out_finds_neighbours_writes_exports_and_draws()
    {
        using var dir = new TempDir();
        var tsv = dir.Write("v.tsv", string.Concat(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"1\t{i * 0.001}\t{(i * 0.37) % 0.1}\n" : $"{i * 0.001}\t1\t{(i * 0.37) % 0.1}\n")));
        using var data = Embeddings.Read(tsv);
        var recipe = new ProjectionRecipe { Method = LayoutMethod.Umap, Iterations = 30, Seed = 3 };
        var layout = Embeddings.Layout(data, recipe);
        Assert.Equal(recipe.Compute(data.Matrix).Positions, layout.Positions);

        var near = Embeddings.Neighbors(data, 0, k: 5);
        Assert.Equal(5, near.Length);
        Assert.All(near, n => Assert.Equal(0, n.Index % 2));

        var npy = dir.File("v.npy");
        Embeddings.Write(npy, data);
        using var back = Embeddings.Read(npy);
        Assert.Equal(data.Matrix.ToArray(), back.Matrix.ToArray());

        var summary = Embeddings.Export(dir.File("standalone"), ExportFormat.Standalone, [data]);
        Assert.Contains(summary.Files, f => f.Path.EndsWith(".json", StringComparison.Ordinal));

        var svg = dir.File("map.svg");
        Embeddings.Render(svg, data, layout);
        Assert.StartsWith("<", File.ReadAllText(svg).TrimStart(), StringComparison.Ordinal);
    }
}
