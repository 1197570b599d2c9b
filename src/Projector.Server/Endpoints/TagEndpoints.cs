using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>
/// Tags: values the user puts on points, kept per dataset in the state folder. They show in the
/// dataset's metadata (so colouring, search and filters see them) and download as TSV aligned with
/// the dataset's rows.
/// </summary>
internal static class TagEndpoints
{
    /// <summary>The largest tag body accepted: a million indices fit.</summary>
    public const int MaxBytes = 16 << 20;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/datasets/{id}/tags").WithTags("Tags");
        api.MapGet("/", (string id, ServerState s) => s.Tags.List(s.Catalog.Get(id).Id, s.Catalog.Get(id).Dataset.Metadata))
            .WithSummary("The dataset's tag columns");
        api.MapPost("/", Put)
            .WithSummary("Puts a value (or none) on some points in a new or existing column")
            .Accepts<TagRequest>("application/json")
            .Produces<TagColumnInfo>();
        api.MapDelete("/{column}", (string id, string column, ServerState s) =>
                s.Tags.Remove(s.Catalog.Get(id).Id, column) ? Results.NoContent() : throw ApiProblem.NotFound($"The dataset '{id}' has no tag column '{column}'."))
            .WithSummary("Deletes a tag column")
            .Produces(StatusCodes.Status204NoContent);
        api.MapGet("/tsv", Tsv)
            .WithSummary("The tag columns as TSV: a header, then one line per point in the dataset's order")
            .Produces(StatusCodes.Status200OK, contentType: "text/tab-separated-values");
    }

    private static async Task<TagColumnInfo> Put(string id, HttpContext context, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        var body = await JsonBody.ReadAsync<TagRequest>(context, MaxBytes, "A tag request").ConfigureAwait(false);
        if (body is null || body.Column is null || body.Indices is null)
        {
            throw ApiProblem.BadRequest("A tag request needs a column, a value (null removes) and the indices of the points.");
        }

        var metadata = entry.Dataset.Metadata;
        var tagged = s.Tags.Put(entry.Id, entry.Dataset.Points, body.Column, body.Value, body.Indices);
        return new TagColumnInfo(body.Column.Trim(), tagged, metadata[body.Column.Trim()] is not null);
    }

    // Built in memory (a few MB for a million points) so the response is written asynchronously.
    private static IResult Tsv(string id, ServerState s)
    {
        var entry = s.Catalog.Get(id);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            s.Tags.WriteTsv(entry.Id, entry.Dataset.Points, writer);
        }

        return Results.File(buffer.ToArray(), "text/tab-separated-values; charset=utf-8", $"{entry.Id}-tags.tsv");
    }
}
