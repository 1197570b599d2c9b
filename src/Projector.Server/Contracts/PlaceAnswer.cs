namespace Projector.Server.Contracts;

/// <summary>The answer of <c>POST /api/projections/{id}/place</c>: new rows placed into a finished layout.</summary>
/// <param name="Points">New rows placed.</param>
/// <param name="Dimensions">Columns per position, as the layout's.</param>
/// <param name="Positions">Points x Dimensions float32, little-endian, row-major, base64 (the exact bytes, not decimal text).</param>
/// <param name="Embedded">True when the rows went through the server's model first (images, or rows of the model's input size).</param>
/// <param name="Neighbors">Per new row, its nearest dataset rows in the input space, nearest first.</param>
public sealed record PlaceAnswer(int Points, int Dimensions, string Positions, bool Embedded, IReadOnlyList<IReadOnlyList<NeighborItem>> Neighbors);
