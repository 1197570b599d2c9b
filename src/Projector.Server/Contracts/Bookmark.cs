using System.Text.Json;

namespace Projector.Server.Contracts;

/// <summary>A saved view of the page.</summary>
/// <param name="Id">Unique within the dataset.</param>
/// <param name="Name">What the user called it.</param>
/// <param name="Created">When it was saved (UTC); null for a config's own bookmarks.</param>
/// <param name="State">The page's own JSON, stored as given.</param>
/// <param name="ReadOnly">True for the bookmarks a standalone config came with: they cannot be changed or deleted.</param>
/// <param name="Description">What the view shows, in the user's words; null when none was given.</param>
public sealed record Bookmark(string Id, string Name, DateTimeOffset? Created, JsonElement State, bool ReadOnly = false, string? Description = null);

/// <summary>The body of <c>POST /api/datasets/{id}/bookmarks</c>.</summary>
/// <param name="Name">What to call the bookmark.</param>
/// <param name="State">The page's JSON state.</param>
/// <param name="Description">What the view shows (optional).</param>
public sealed record NewBookmark(string? Name, JsonElement State, string? Description = null);

/// <summary>The body of <c>PATCH /api/datasets/{id}/bookmarks/{bookmarkId}</c>: what to change; a field left out stays as it is.</summary>
/// <param name="Name">The new name; blank is refused.</param>
/// <param name="Description">The new description; an empty one removes it.</param>
public sealed record BookmarkChange(string? Name = null, string? Description = null);
