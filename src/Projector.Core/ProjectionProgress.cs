namespace Projector.Core;

/// <summary>Progress of a long computation: phase, units done out of total, and the latest cost if any.</summary>
/// <param name="Phase">"neighbors", "affinities", "optimizing", ...</param>
/// <param name="Done">Units done (rows, iterations).</param>
/// <param name="Total">Units in all.</param>
/// <param name="Cost">Latest cost, when the phase computes one.</param>
public readonly record struct ProjectionProgress(string Phase, long Done, long Total, double? Cost = null);
