namespace Projector.Server.Contracts;

/// <summary>The body of <c>POST /api/datasets/{id}/tags</c>: put a value on some points.</summary>
/// <param name="Column">A new column, or an existing one whose values the tag overrides on these points.</param>
/// <param name="Value">The value; null or empty removes these points' tags in the column.</param>
/// <param name="Indices">The points (row indices of the dataset).</param>
public sealed record TagRequest(string Column, string? Value, IReadOnlyList<int> Indices);

/// <summary>A tag column of a dataset.</summary>
/// <param name="Name">The column.</param>
/// <param name="Tagged">Points with a tag in it.</param>
/// <param name="Overrides">True when the dataset's own metadata has a column of this name, whose values the tags override.</param>
public sealed record TagColumnInfo(string Name, int Tagged, bool Overrides);
