namespace Projector.Core;

/// <summary>Progress of one stage of a longer job made of several computations (e.g. an export).</summary>
/// <param name="Stage">What the stage does, for display (e.g. "mnist: t-SNE").</param>
/// <param name="Progress">Progress within the stage.</param>
public readonly record struct StageProgress(string Stage, ProjectionProgress Progress);
