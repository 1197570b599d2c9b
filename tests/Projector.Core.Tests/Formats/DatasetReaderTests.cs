using Projector.Core.Formats;

namespace Projector.Core.Tests.Formats;

public sealed class DatasetReaderTests
{
    [Fact]
    public void Detect_tells_word2vec_text_GloVe_and_TSV_apart_in_txt_files()
    {
        using var dir = new TempDir();
        Assert.Equal("word2vec", DatasetReader.Detect(dir.Write("a.txt", "2 3\nthe 1 2 3\nof 4 5 6\n")).Name);
        Assert.Equal("glove", DatasetReader.Detect(dir.Write("b.txt", "the 1 2 3\nof 4 5 6\n")).Name);
        Assert.Equal("tsv", DatasetReader.Detect(dir.Write("c.txt", "1\t2\t3\n")).Name);
    }

    [Fact]
    public void Detect_reports_an_extension_that_contradicts_the_content()
    {
        using var dir = new TempDir();
        var npy = dir.Write("x.npy", "1\t2\n");
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.Detect(npy));
        Assert.Contains("the extension .npy says a NumPy .npy array, but the file is text starting with '1", e.Message, StringComparison.Ordinal);
        var bytes = dir.Write("x.bytes", "hello world\n");
        Assert.Contains("raw float32", Assert.Throws<DataFormatException>(() => DatasetReader.Detect(bytes)).Message, StringComparison.Ordinal);
        var png = dir.Write("x.tsv", [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0]);
        Assert.Contains("a PNG image", Assert.Throws<DataFormatException>(() => DatasetReader.Detect(png)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_sniffs_files_without_a_known_extension()
    {
        using var dir = new TempDir();
        Assert.Equal("tsv", DatasetReader.Detect(dir.Write("data", "1\t2\n3\t4\n")).Name);
        var random = new byte[2000];
        new Random(3).NextBytes(random);
        Assert.Throws<DataFormatException>(() => DatasetReader.Detect(dir.Write("noise", random)));
    }

    [Fact]
    public void ReadAll_attaches_a_metadata_file_and_keeps_derived_columns()
    {
        using var dir = new TempDir();
        var vectors = dir.Write("w.txt", "2 2\nthe 1 2\nof 3 4\n");
        var meta = dir.Write("m.tsv", "pos\tfreq\nDET\t10\nADP\t7\n");
        using var d = DatasetReader.Read(vectors, new ReadOptions { MetadataPath = meta });
        Assert.Equal(["word", "pos", "freq"], d.Metadata.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Read_of_a_folder_without_a_config_says_what_to_give()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.Read(dir.Path, ReadOptions.Default));
        Assert.Contains("projector_config.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_name_reads_its_source_and_an_unknown_one_lists_the_known()
    {
        NamedSources.Register(new TinySource());
        using var d = DatasetReader.Read(TinySource.TheName, ReadOptions.Default);
        Assert.Equal(3, d.Points);
        Assert.Contains(TinySource.TheName, Assert.Throws<DataFormatException>(() => DatasetReader.Read("demo:nope", ReadOptions.Default)).Message, StringComparison.Ordinal);
    }

    private sealed class TinySource : INamedSource
    {
        public const string TheName = "demo:tiny-test";

        public string Name => TheName;

        public string Title => "Tiny";

        public Core.Data.Dataset Load(ReadOptions options) => new(TheName, Core.Data.EmbeddingMatrix.FromArray([1f, 2f, 3f], 3, 1));
    }
}
