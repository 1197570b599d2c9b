namespace Projector.Core.Projections;

/// <summary>
/// A layout at one moment of a projection: positions N x <see cref="Dimensions"/> float32, row-major
/// (a copy the receiver owns), the iteration it was taken at, and the cost when known.
/// </summary>
/// <param name="Positions">N x Dimensions coordinates.</param>
/// <param name="Points">N.</param>
/// <param name="Dimensions">2 or 3 (or more for PCA).</param>
/// <param name="Iteration">Iterations done (0 = the initial layout).</param>
/// <param name="TotalIterations">Iterations planned.</param>
/// <param name="Cost">KL divergence (t-SNE) or another cost, when computed at this iteration.</param>
/// <param name="Phase">What the algorithm is doing, e.g. "early exaggeration", "optimizing".</param>
public sealed record ProjectionFrame(float[] Positions, int Points, int Dimensions, int Iteration, int TotalIterations, double? Cost, string Phase);
