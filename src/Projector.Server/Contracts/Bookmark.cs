using System.Text.Json;

namespace Projector.Server.Contracts;

/// <summary>A saved view of the page.</summary>
/// <param name="Id">Unique within the dataset.</param>
/// <param name="Name">What the user called it.</param>
/// <param name="Created">When it was saved (UTC); null for a config's own bookmarks.</param>
/// <param name="State">The page's own JSON, stored as given.</param>
/// <param name="ReadOnly">True for the bookmarks a standalone config came with: they cannot be deleted.</param>
public sealed record Bookmark(string Id, string Name, DateTimeOffset? Created, JsonElement State, bool ReadOnly = false);

/// <summary>The body of <c>POST /api/datasets/{id}/bookmarks</c>.</summary>
/// <param name="Name">What to call the bookmark.</param>
/// <param name="State">The page's JSON state.</param>
public sealed record NewBookmark(string? Name, JsonElement State);
