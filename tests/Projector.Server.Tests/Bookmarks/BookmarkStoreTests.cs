using System.Text.Json;
using Projector.Server.Bookmarks;

namespace Projector.Server.Tests.Bookmarks;

public sealed class BookmarkStoreTests
{
    [Fact]
    public void A_dataset_whose_bookmarks_would_pass_the_byte_cap_refuses_one_more_with_a_413()
    {
        using var state = new TempDir();
        var store = new BookmarkStore(state.Path, maxCount: 100, maxFileBytes: 10_000);
        using var doc = JsonDocument.Parse($$"""{"blob":"{{new string('x', 3000)}}"}""");
        for (var i = 0; i < 3; i++)
        {
            store.Add("d", $"b{i}", doc.RootElement);
        }

        var problem = Assert.Throws<ApiProblem>(() => store.Add("d", "one more", doc.RootElement));
        Assert.Equal(413, problem.Status);
        Assert.Contains("delete some", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.List("d").Count);
        Assert.True(new FileInfo(store.FileFor("d")).Length <= 10_000);

        // Another dataset has its own room; a dataset gone for good leaves no file.
        store.Add("e", "small", doc.RootElement);
        store.Forget("d");
        Assert.False(File.Exists(store.FileFor("d")));
        Assert.Empty(store.List("d"));
    }
}
