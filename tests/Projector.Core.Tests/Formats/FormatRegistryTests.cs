using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Core.Tests.Formats;

public sealed class FormatRegistryTests
{
    public static TheoryData<string> Writers() => [.. FormatRegistry.Writers.Where(f => !f.WritesMany).Select(f => f.Name)];

    [Fact]
    public void Every_format_has_a_unique_lower_case_name_and_dotted_extensions()
    {
        var names = FormatRegistry.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FormatRegistry.All, f =>
        {
            Assert.Equal(f.Name.ToLowerInvariant(), f.Name);
            Assert.NotEmpty(f.Extensions);
            Assert.All(f.Extensions, e => Assert.Matches("^\\.[a-z0-9]+$", e));
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
        });
        Assert.Contains(".npy", FormatRegistry.ReadableExtensions);
        Assert.Contains(".tsv", FormatRegistry.WritableExtensions);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void What_a_format_writes_is_detected_as_that_format_and_reads_back(string name)
    {
        using var dir = new TempDir();
        var format = FormatRegistry.ByName(name)!;
        using var matrix = EmbeddingMatrix.FromArray([0.5f, -1.25f, 3f, 1e-3f, 7f, -2f], 3, 2);
        using var dataset = new Dataset("d", matrix, new MetadataTable(3, [new MetadataColumn("word", ["alpha", "beta", "gamma"])]));
        var path = dir.File("d" + format.Extensions[0]);
        DatasetWriter.Write(path, format, [dataset]);
        Assert.Same(format, FormatRegistry.Detect(path));
        using var back = DatasetReader.Read(path, format.NeedsShape ? new ReadOptions { Shape = (0, 2) } : ReadOptions.Default);
        Assert.Equal(matrix.ToArray(), back.Matrix.ToArray());
    }

    [Fact]
    public void Content_decides_when_the_extension_is_unknown_and_the_message_lists_every_extension()
    {
        using var dir = new TempDir();
        using var matrix = EmbeddingMatrix.FromArray([1f, 2f], 1, 2);
        using var dataset = new Dataset("d", matrix);
        var npy = dir.File("vectors.npy");
        DatasetWriter.Write(npy, [dataset]);
        var renamed = dir.File("vectors.data");
        File.Copy(npy, renamed);
        Assert.Equal("npy", FormatRegistry.Detect(renamed).Name);

        var unknown = dir.File("noise.xyz");
        File.WriteAllBytes(unknown, [0, 1, 2, 3, 0, 0, 0, 0]);
        var e = Assert.Throws<DataFormatException>(() => FormatRegistry.Detect(unknown));
        Assert.All(FormatRegistry.ReadableExtensions, ext => Assert.Contains(ext, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Writing_several_embeddings_to_a_one_embedding_format_is_refused()
    {
        using var dir = new TempDir();
        using var m = EmbeddingMatrix.FromArray([1f, 2f], 1, 2);
        using var a = new Dataset("a", m);
        Assert.Throws<ArgumentException>(() => DatasetWriter.Write(dir.File("x.npy"), [a, a]));
        Assert.Throws<ArgumentException>(() => DatasetWriter.Write(dir.File("x.unknown"), [a]));
    }
}
