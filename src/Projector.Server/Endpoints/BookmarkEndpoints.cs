using System.Text.Json;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>Bookmarks of a dataset: saved ones in the state folder, and a standalone config's own, read-only.</summary>
internal static class BookmarkEndpoints
{
    /// <summary>The largest bookmark body accepted.</summary>
    public const int MaxBytes = 1 << 20;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/datasets/{id}/bookmarks").WithTags("Bookmarks");
        api.MapGet("/", (string id, ServerState s) => List(s, s.Catalog.Get(id)))
            .WithSummary("The bookmarks of a dataset");
        api.MapPost("/", Add)
            .WithSummary("Saves a bookmark")
            .Accepts<NewBookmark>("application/json")
            .Produces<Bookmark>(StatusCodes.Status201Created);
        api.MapDelete("/{bookmarkId}", Delete)
            .WithSummary("Deletes a saved bookmark")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static List<Bookmark> List(ServerState s, CatalogEntry entry) => [.. FromConfig(entry), .. s.Bookmarks.List(entry.Id)];

    private static async Task<IResult> Add(string id, HttpContext context, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        var body = await JsonBody.ReadAsync<NewBookmark>(context, MaxBytes, "A bookmark").ConfigureAwait(false);
        if (body is null || body.State.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.BadRequest("A bookmark needs a name and a state object.");
        }

        var name = string.IsNullOrWhiteSpace(body.Name) ? $"Bookmark {s.Bookmarks.List(entry.Id).Count + 1}" : body.Name.Trim();
        var saved = s.Bookmarks.Add(entry.Id, name, body.State);
        return Results.Json(saved, ServerJson.Options, statusCode: StatusCodes.Status201Created);
    }

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
