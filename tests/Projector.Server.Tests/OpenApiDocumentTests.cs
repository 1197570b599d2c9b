using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Projector.Server.Tests;

/// <summary>
/// The page's API types are generated from <c>web/openapi.json</c>; this keeps that committed copy equal
/// to what the server serves at <c>/openapi/v1.json</c>, so a changed contract cannot go unnoticed by the page.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string UpdateVariable = "PROJECTOR_UPDATE_OPENAPI";

    [Fact]
    public async Task The_committed_openapi_document_matches_the_one_the_server_serves()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteNpy(data.Path, 30, 3));
        var served = JsonNode.Parse(await server.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var path = Path.Combine(RepositoryRoot(), "web", "openapi.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            served.AsObject().Remove("servers");
            served["info"]!["title"] = "projector | v1";
            await File.WriteAllTextAsync(path, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path), $"{path} is missing. {HowToRegenerate}");
        var committed = Meaningful(JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!);
        var difference = FirstDifference(committed, Meaningful(served), "$");
        Assert.True(difference is null, $"web/openapi.json differs from the server's /openapi/v1.json at {difference}. {HowToRegenerate}");
    }

    [Fact]
    public void A_changed_value_deep_in_the_document_is_reported_with_its_path()
    {
        var committed = JsonNode.Parse("""{"servers":[{"url":"a"}],"info":{"title":"projector | v1"},"components":{"schemas":{"Job":{"required":["id","cost"]}}}}""")!;
        var served = JsonNode.Parse("""{"servers":[{"url":"b"}],"info":{"title":"tests | v1"},"components":{"schemas":{"Job":{"required":["id"]}}}}""")!;

        Assert.Null(FirstDifference(Meaningful(committed.DeepClone()), Meaningful(JsonNode.Parse("""{"info":{},"components":{"schemas":{"Job":{"required":["id","cost"]}}}}""")!), "$"));
        Assert.Equal("$.components.schemas.Job.required (2 items, served 1)", FirstDifference(Meaningful(committed), Meaningful(served), "$"));
    }

    private static string HowToRegenerate =>
        $"If the change is intended, regenerate it with `{UpdateVariable}=1 dotnet test tests/Projector.Server.Tests -c Release --filter FullyQualifiedName~{nameof(OpenApiDocumentTests)}` " +
        "(it writes the served document there), then `npm run build` in web/ to regenerate the page's types and fix what no longer compiles.";

    /// <summary>
    /// The document without what depends on how the server was started rather than on the contract:
    /// <c>servers</c> names the address it happened to get, <c>info.title</c> the entry assembly
    /// (<c>projector</c> from the CLI, the test project here).
    /// </summary>
    private static JsonNode Meaningful(JsonNode document)
    {
        document.AsObject().Remove("servers");
        (document["info"] as JsonObject)?.Remove("title");
        return document;
    }

    /// <summary>The JSON path of the first difference, or null; formatting and property order do not count.</summary>
    private static string? FirstDifference(JsonNode? committed, JsonNode? served, string path)
    {
        switch (committed, served)
        {
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!a.ContainsKey(name) || !b.ContainsKey(name))
                    {
                        return $"{path}.{name} ({(a.ContainsKey(name) ? "not served" : "not committed")})";
                    }

                    if (FirstDifference(a[name], b[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    return $"{path} ({a.Count} items, served {b.Count})";
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (FirstDifference(a[i], b[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(committed, served) ? null : $"{path} ({committed?.ToJsonString() ?? "null"}, served {served?.ToJsonString() ?? "null"})";
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Projector.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Projector.slnx above {AppContext.BaseDirectory}.");
    }
}
