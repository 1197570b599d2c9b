using Projector.Core.Data;
using Projector.Core.Formats.Bytes;

namespace Projector.Server.Tests.Catalog;

/// <summary>A served folder's config cannot make the server publish a file outside the folders the user gave.</summary>
public sealed class ConfinementTests
{
    [Theory]
    [InlineData("../../secret.tsv")]
    [InlineData("{root}/secret.tsv")]
    [InlineData("link.tsv")]
    public async Task A_config_naming_a_file_outside_the_served_folder_is_refused_and_its_lines_never_served(string metadataPath)
    {
        using var dir = new TempDir();
        var site = Site(dir, metadataPath);
        await using var server = await RunningServer.StartAsync(site);
        var item = Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
        Assert.Equal(0, item.GetProperty("points").GetInt32());
        var reason = item.GetProperty("warnings")[0].GetString()!;
        Assert.Contains("outside the folder given", reason, StringComparison.Ordinal);
        Assert.Contains("projector_config.json", reason, StringComparison.Ordinal);

        var id = item.GetProperty("id").GetString()!;
        using var metadata = await server.Client.GetAsync($"/api/datasets/{id}/metadata", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("root:x:0", await metadata.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_outside_folder_is_served()
    {
        using var dir = new TempDir();
        var site = Site(dir, "../../secret.tsv");
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [site], AllowOutside = [dir.Path] });
        var item = Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
        Assert.Equal(3, item.GetProperty("points").GetInt32());
    }

    private static string Site(TempDir dir, string metadataPath)
    {
        File.WriteAllText(dir.File("secret.tsv"), "root:x:0\nb\nc\n");
        var site = Directory.CreateDirectory(dir.File("a/site")).FullName;
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2))
        {
            BytesWriter.Write(Path.Combine(site, "t.bytes"), m);
        }

        File.CreateSymbolicLink(Path.Combine(site, "link.tsv"), dir.File("secret.tsv"));
        var path = metadataPath.Replace("{root}", dir.Path, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(site, "projector_config.json"), $$"""{"embeddings":[{"tensorName":"t","tensorShape":[3,2],"tensorPath":"t.bytes","metadataPath":"{{path}}"}]}""");
        return site;
    }
}
