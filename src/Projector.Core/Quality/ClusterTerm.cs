namespace Projector.Core.Quality;

/// <summary>What one metadata column says of a cluster.</summary>
/// <param name="Column">The metadata column.</param>
/// <param name="Text">The value or words, e.g. <c>7 (94%)</c>, <c>king, queen, prince</c> or <c>12.5 (10.1–14.0)</c>.</param>
/// <param name="Score">How much the cluster stands out by this column, 0 (not at all) to 1.</param>
public sealed record ClusterTerm(string Column, string Text, double Score);
