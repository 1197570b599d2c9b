using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Core.Tests.Formats.Standalone;

/// <summary>
/// Standalone projector folders as people publish them, made here by code: the page at the root, the config
/// and data in a subfolder, free config names, page-relative paths, partial configs, leftovers and links.
/// </summary>
public sealed class PublishedFolderTests
{
    [Fact]
    public void A_published_project_opens_from_its_root_with_page_relative_paths()
    {
        using var dir = new TempDir();
        dir.Write("index.html", "<!doctype html>");
        WriteBytes(dir.File("oss_data/words.bytes"), 6, 3);
        WriteBytes(dir.File("oss_data/docs.bytes"), 4, 2);
        dir.Write("oss_data/words.tsv", "a\nb\nc\nd\ne\nf\n");
        dir.Write("oss_data/oss_demo.json", """
            {"embeddings":[
              {"tensorName":"words","tensorShape":[6,3],"tensorPath":"oss_data/words.bytes","metadataPath":"oss_data/words.tsv"},
              {"tensorName":"docs","tensorShape":[4,2],"tensorPath":"oss_data/docs.bytes"}]}
            """);
        dir.Write("node_modules/pkg/projector_config.json", """{"embeddings":[{"tensorName":"junk","tensorShape":[1,1],"tensorPath":"x.bytes"}]}""");
        dir.Write("package.json", """{"name":"site","embeddings":"not a list"}""");

        var all = DatasetReader.ReadAll(dir.Path, ReadOptions.Default);
        try
        {
            Assert.Equal(["words", "docs"], all.Select(d => d.Name));
            Assert.Equal((6, 3), (all[0].Points, all[0].Dimensions));
            Assert.Equal("f", all[0].Metadata.Columns[0][5]);
            Assert.All(all, d => Assert.Empty(d.Warnings));
        }
        finally
        {
            foreach (var d in all)
            {
                d.Dispose();
            }
        }
    }

    [Fact]
    public void One_missing_tensor_leaves_that_embedding_out_with_a_warning_and_all_missing_is_one_error()
    {
        using var dir = new TempDir();
        WriteBytes(dir.File("a.bytes"), 5, 2);
        dir.Write("projector_config.json", """
            {"embeddings":[
              {"tensorName":"a","tensorShape":[5,2],"tensorPath":"a.bytes"},
              {"tensorName":"gone","tensorShape":[5,2],"tensorPath":"gone.bytes"}]}
            """);
        var all = DatasetReader.ReadAll(dir.Path, ReadOptions.Default);
        using (var only = Assert.Single(all))
        {
            Assert.Equal("a", only.Name);
            Assert.Contains(only.Warnings, w => w.Contains("'gone' left out", StringComparison.Ordinal) && w.Contains("gone.bytes", StringComparison.Ordinal));
        }

        File.Delete(dir.File("a.bytes"));
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Contains("none of its 2 embeddings", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("gone.bytes", e.Message, StringComparison.Ordinal);
        Assert.Single(ConfigPath.Candidates(dir.Path, "gone.bytes"));
    }

    [Fact]
    public void A_broken_config_beside_a_working_one_is_a_warning_naming_it()
    {
        using var dir = new TempDir();
        WriteBytes(dir.File("a.bytes"), 3, 2);
        dir.Write("good_projector_config.json", """{"embeddings":[{"tensorName":"a","tensorShape":[3,2],"tensorPath":"a.bytes"}]}""");
        dir.Write("old_projector_config.json", """{"embeddings":[{"tensorName":"b","tensorShape":[3,2],"tensorPath":"b.bytes"},]""");
        var all = DatasetReader.ReadAll(dir.Path, ReadOptions.Default);
        using var only = Assert.Single(all);
        Assert.Contains(only.Warnings, w => w.StartsWith("config left out", StringComparison.Ordinal) && w.Contains("old_projector_config.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_leftover_tensorboard_config_naming_an_absent_checkpoint_is_a_warning_beside_a_working_json_config()
    {
        using var dir = new TempDir();
        WriteBytes(dir.File("a.bytes"), 3, 2);
        dir.Write("projector_config.json", """{"embeddings":[{"tensorName":"a","tensorShape":[3,2],"tensorPath":"a.bytes"}]}""");
        dir.Write("projector_config.pbtxt", "model_checkpoint_path: \"/home/someone/train/model.ckpt-9000\"\nembeddings { tensor_name: \"embedding\" }\n");
        using (var only = Assert.Single(DatasetReader.ReadAll(dir.Path, ReadOptions.Default)))
        {
            Assert.Equal("a", only.Name);
            Assert.Contains(only.Warnings, w => w.StartsWith("config left out", StringComparison.Ordinal) && w.Contains("projector_config.pbtxt", StringComparison.Ordinal));
        }

        // With its checkpoint gone and no JSON config to fall back on, the folder is one error naming both.
        File.Delete(dir.File("a.bytes"));
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Contains("holds 2 projector configs and none could be read", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_is_read_through_and_a_link_loop_ends_the_walk()
    {
        using var dir = new TempDir();
        WriteBytes(dir.File("data/real.bytes"), 10, 4);
        File.CreateSymbolicLink(dir.File("link.bytes"), dir.File("data/real.bytes"));
        using (var d = DatasetReader.Read(dir.File("link.bytes"), new ReadOptions { Shape = (0, 4) }))
        {
            Assert.Equal(10, d.Points);
        }

        Directory.CreateSymbolicLink(dir.File("data/loop"), dir.Path);
        dir.Write("data/projector_config.json", """{"embeddings":[{"tensorName":"t","tensorShape":[10,4],"tensorPath":"real.bytes"}]}""");
        Assert.Single(DatasetReader.FindConfigs(dir.Path));
        using var viaFolder = Assert.Single(DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Equal(10, viaFolder.Points);
    }

    [Fact]
    public void A_folder_with_nothing_says_how_deep_it_looked()
    {
        using var dir = new TempDir();
        dir.Write("a/b/c/d/e/f/projector_config.json", """{"embeddings":[]}""");
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadAll(dir.Path, ReadOptions.Default));
        Assert.Contains("folders down", e.Message, StringComparison.Ordinal);
    }

    private static void WriteBytes(string path, int rows, int dims)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var values = Enumerable.Range(0, rows * dims).Select(i => (float)i).ToArray();
        using var m = EmbeddingMatrix.FromArray(values, rows, dims);
        using var d = new Dataset("t", m);
        DatasetWriter.Write(path, [d]);
    }
}
