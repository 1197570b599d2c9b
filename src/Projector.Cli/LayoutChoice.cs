using Projector.Core.Data;
using Projector.Core.Projections;
using Projector.Core.Publishing.Rendering;

namespace Projector.Cli;

/// <summary>
/// The positions a command draws or tiles (<c>--layout tsne|umap|pca|FILE</c>): computed by the projection
/// recipe, with its progress bar, or read from a layout file written by <c>projector project</c>.
/// </summary>
internal static class LayoutChoice
{
    public static EmbeddingMatrix Get(CliContext context, Dataset dataset, string which, ProjectionRecipe recipe, RecipeOptions recipeOptions, CancellationToken ct)
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
