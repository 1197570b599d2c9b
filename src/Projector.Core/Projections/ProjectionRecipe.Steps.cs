using Projector.Core.Data;

namespace Projector.Core.Projections;

/// <summary>Layouts of the same items at several training steps that hold still from one step to the next.</summary>
public sealed partial record ProjectionRecipe
{
    /// <summary>
    /// One layout per step of the same items (checkpoints of a run, or files of the same rows): the first as
    /// <see cref="Compute"/> makes it, each later t-SNE or UMAP layout started from the one before
    /// (<see cref="InitialLayout"/>), and every layout turned onto the one before by <see cref="StepAlignment"/>
    /// over all rows, so what moves between steps is the data rather than the picture. PCA layouts are only
    /// turned (their axes can flip sign or swap from step to step). Every layout has <see cref="Dimensions"/>
    /// columns; every step uses <see cref="Seed"/>. Stages are reported as "step 2/5: t-SNE" and so on.
    /// </summary>
    /// <exception cref="ArgumentException">No steps, steps of different row counts, or a recipe that does not fit a step.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<ComputedLayout> ComputeSteps(IReadOnlyList<EmbeddingMatrix> steps, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new ArgumentException("At least one step is needed.", nameof(steps));
        }

        if (steps.Select(s => s.Rows).Distinct().Count() > 1)
        {
            throw new ArgumentException($"Every step must hold the same rows; they hold {string.Join(", ", steps.Select(s => s.Rows).Distinct())}.", nameof(steps));
        }

        if (InitialLayout is not null)
        {
            throw new ArgumentException("The steps make their own starts; leave InitialLayout unset.", nameof(steps));
        }

        var dimensions = Dimensions;
        var layouts = new List<ComputedLayout>(steps.Count);
        float[]? previous = null;
        for (var k = 0; k < steps.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recipe = previous is not null && Method != LayoutMethod.Pca ? this with { InitialLayout = previous } : this;
            var stage = progress is null ? null : new StepProgress(progress, $"step {k + 1}/{steps.Count}: ");
            var layout = recipe.Compute(steps[k], null, stage, cancellationToken);
            if (layout.Dimensions < dimensions)
            {
                throw new ArgumentException($"Step {k + 1} gives {layout.Dimensions} columns; {dimensions} were asked for.", nameof(steps));
            }

            var positions = layout.FirstColumns(dimensions);

            if (previous is not null)
            {
                positions = StepAlignment.Align(previous, positions, layout.Points, dimensions);
            }
            else if (ReferenceEquals(positions, layout.Positions))
            {
                positions = (float[])positions.Clone();
            }

            layouts.Add(layout with { Positions = positions, Dimensions = dimensions });
            previous = positions;
        }

        return layouts;
    }

    private sealed class StepProgress(IProgress<StageProgress> inner, string prefix) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => inner.Report(value with { Stage = prefix + value.Stage });
    }
}
