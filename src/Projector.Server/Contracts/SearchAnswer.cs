namespace Projector.Server.Contracts;

/// <summary>The answer of <c>GET /api/datasets/{id}/search</c>.</summary>
/// <param name="Column">The column searched.</param>
/// <param name="Count">How many rows matched.</param>
/// <param name="Indices">The rows that matched, in order (the first `limit` of them when the request gave one).</param>
public sealed record SearchAnswer(string Column, int Count, IReadOnlyList<int> Indices);
