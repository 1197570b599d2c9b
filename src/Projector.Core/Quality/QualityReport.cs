namespace Projector.Core.Quality;

/// <summary>How faithfully a layout keeps the structure of its input; every figure is in [0, 1], higher is better.</summary>
/// <param name="KnnPreservation">Mean fraction of each point's k nearest input-space neighbours that are also among its k nearest in the layout.</param>
/// <param name="Trustworthiness">Venna and Kaski's trustworthiness: 1 when no layout neighbour was far in the input.</param>
/// <param name="LabelAccuracy">Leave-one-out k-NN label classification accuracy in the layout; null without labels.</param>
/// <param name="SampleSize">Points scored: all of them, or the seeded sample for large inputs.</param>
public sealed record QualityReport(double KnnPreservation, double Trustworthiness, double? LabelAccuracy, int SampleSize);
