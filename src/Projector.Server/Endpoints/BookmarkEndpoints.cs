using System.Text.Json;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>Bookmarks of a dataset: saved ones in the state folder, and a standalone config's own, read-only.</summary>
internal static class BookmarkEndpoints
{
    /// <summary>The largest bookmark body accepted.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The longest name or description kept, in characters.</summary>
    public const int MaxTextLength = 10_000;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/datasets/{id}/bookmarks").WithTags("Bookmarks");
        api.MapGet("/", (string id, ServerState s) => List(s, s.Catalog.Get(id)))
            .WithSummary("The bookmarks of a dataset");
        api.MapPost("/", Add)
            .WithSummary("Saves a bookmark")
            .Accepts<NewBookmark>("application/json")
            .Produces<Bookmark>(StatusCodes.Status201Created);
        api.MapPatch("/{bookmarkId}", Update)
            .WithSummary("Renames or re-describes a saved bookmark")
            .Accepts<BookmarkChange>("application/json")
            .Produces<Bookmark>();
        api.MapDelete("/{bookmarkId}", Delete)
            .WithSummary("Deletes a saved bookmark")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static List<Bookmark> List(ServerState s, CatalogEntry entry) => [.. FromConfig(entry), .. s.Bookmarks.List(entry.Id)];

    private static async Task<IResult> Add(string id, HttpContext context, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        var body = await ReadBody<NewBookmark>(context, "A bookmark needs a name and a state object.").ConfigureAwait(false);
        if (body.State.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.BadRequest("A bookmark needs a name and a state object.");
        }

        CheckLength(body.Name, "name");
        CheckLength(body.Description, "description");
        var name = string.IsNullOrWhiteSpace(body.Name) ? $"Bookmark {s.Bookmarks.List(entry.Id).Count + 1}" : body.Name.Trim();
        var description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
        var saved = s.Bookmarks.Add(entry.Id, name, body.State, description);
        return Results.Json(saved, ServerJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Update(string id, string bookmarkId, HttpContext context, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        if (FromConfig(entry).Any(b => b.Id == bookmarkId))
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden, "This bookmark came with the dataset's config and cannot be changed.");
        }

        var change = await ReadBody<BookmarkChange>(context, "Send the new name or description as a JSON object.").ConfigureAwait(false);
        if (change.Name is { } n && string.IsNullOrWhiteSpace(n))
        {
            throw ApiProblem.BadRequest("A bookmark's name cannot be blank.");
        }

        CheckLength(change.Name, "name");
        CheckLength(change.Description, "description");
        return s.Bookmarks.Update(entry.Id, bookmarkId, change.Name?.Trim(), change.Description?.Trim()) is { } updated
            ? Results.Json(updated, ServerJson.Options)
            : throw ApiProblem.NotFound($"The dataset '{id}' has no bookmark '{bookmarkId}'.");
    }

    private static void CheckLength(string? text, string field)
    {
        if (text is { Length: > MaxTextLength })
        {
            throw ApiProblem.BadRequest($"A bookmark's {field} may be at most {MaxTextLength:N0} characters (it has {text.Length:N0}).");
        }
    }

    private static async Task<T> ReadBody<T>(HttpContext context, string malformed)
        where T : class =>
        await JsonBody.ReadAsync<T>(context, MaxBytes, "A bookmark").ConfigureAwait(false) ?? throw ApiProblem.BadRequest(malformed);

    private static IResult Delete(string id, string bookmarkId, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        if (FromConfig(entry).Any(b => b.Id == bookmarkId))
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden, "This bookmark came with the dataset's config and cannot be deleted.");
        }

        return s.Bookmarks.Remove(entry.Id, bookmarkId)
            ? Results.NoContent()
            : throw ApiProblem.NotFound($"The dataset '{id}' has no bookmark '{bookmarkId}'.");
    }

    /// <summary>The TF projector's bookmarks file of a standalone config: an array of states, each with a <c>label</c>.</summary>
    private static List<Bookmark> FromConfig(CatalogEntry entry)
    {
        if (entry.Dataset.BookmarksPath is not { } path || !File.Exists(path))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. doc.RootElement.EnumerateArray().Select((state, i) => new Bookmark(
                $"config-{i + 1}",
                state.ValueKind == JsonValueKind.Object && state.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString()! : $"Bookmark {i + 1}",
                null,
                state.Clone(),
                ReadOnly: true))];
        }
        catch (JsonException)
        {
            // A broken bookmarks file beside someone's data is theirs to fix; the page just shows none.
            return [];
        }
    }
}
