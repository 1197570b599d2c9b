using Projector.Core.Projections;

namespace Projector.Server.Jobs;

/// <summary>A finished layout and what PCA reports with it.</summary>
internal sealed record FinalLayout(ProjectionFrame Frame, IReadOnlyList<double>? ExplainedVariance);
