using Projector.Core.Neighbors;

namespace Projector.Core.Projections;

/// <summary>New rows placed into a finished layout (see <see cref="ProjectionRecipe.Place"/>).</summary>
/// <param name="Positions">M x <paramref name="Dimensions"/> float32, row-major.</param>
/// <param name="Points">M.</param>
/// <param name="Dimensions">Columns per point, as the layout's.</param>
/// <param name="Neighbors">Per new row, its nearest rows of the data in the input space, nearest first.</param>
public sealed record PlacedRows(float[] Positions, int Points, int Dimensions, IReadOnlyList<Neighbor[]> Neighbors);
