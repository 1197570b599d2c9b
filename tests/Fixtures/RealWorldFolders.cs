using Projector.Core.Data;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Imaging.Png;
using Projector.Core.Tests.Formats.TensorBoard;

namespace Projector.Tests.Fixtures;

/// <summary>
/// Projector folders shaped the way people publish them, one per class of real-world trouble, written by
/// code so that they stay small and can be regenerated. What each must give is checked in beside this
/// file as <c>real-world/&lt;name&gt;.json</c> (the <c>inspect --json</c> of the folder, or its one-line error).
/// </summary>
public static class RealWorldFolders
{
    /// <summary>The name of every fixture folder <see cref="Write"/> can make.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "published-project",
        "page-relative-paths",
        "partial-config",
        "leftover-configs",
        "shape-mismatch",
        "shape-mismatch-beside-good",
        "remote-urls",
        "symlinks",
        "metadata-unicode-spaces",
        "nothing-loads",
        "corrupted-checkpoint",
        "keras-callback-variable-name",
        "keras-callback-object-path",
    ];

    /// <summary>The folder of the expected results, <c>real-world/</c> beside this source file.</summary>
    /// <remarks>Found by walking up from the test binaries to the repository (source paths may be mapped in CI builds).</remarks>
    public static string ExpectedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "Fixtures", "real-world");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no tests/Fixtures/real-world above {AppContext.BaseDirectory}");
    }

    /// <summary>Writes the fixture <paramref name="name"/> into <paramref name="folder"/> (created when missing).</summary>
    public static void Write(string name, string folder)
    {
        Directory.CreateDirectory(folder);
        Action<Folder> make = name switch
        {
            "published-project" => PublishedProject,
            "page-relative-paths" => PageRelativePaths,
            "partial-config" => PartialConfig,
            "leftover-configs" => LeftoverConfigs,
            "shape-mismatch" => ShapeMismatch,
            "shape-mismatch-beside-good" => ShapeMismatchBesideGood,
            "remote-urls" => RemoteUrls,
            "symlinks" => Symlinks,
            "metadata-unicode-spaces" => MetadataUnicodeSpaces,
            "nothing-loads" => NothingLoads,
            "corrupted-checkpoint" => CorruptedCheckpoint,

            // The layout tf.keras.callbacks.TensorBoard(embeddings_freq=1) writes: config in logs/, checkpoints in logs/train/.
            "keras-callback-variable-name" => f => KerasLog.Write(f.Path("."), KerasNaming.VariableName),
            "keras-callback-object-path" => f => KerasLog.Write(f.Path("."), KerasNaming.ObjectPath),
            _ => throw new ArgumentException($"no fixture named '{name}'", nameof(name)),
        };
        make(new Folder(folder));
    }

    // The page at the root, config and data in oss_data/ under a free name, paths relative to the page;
    // decoys below node_modules and .git that must not be read.
    private static void PublishedProject(Folder f)
    {
        f.Text("index.html", "<!doctype html><title>projector</title>");
        f.Bytes("oss_data/words_10x4.bytes", 10, 4);
        f.Text("oss_data/words_meta.tsv", "word\tcount\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"w{i}\t{i * 3}\n")));
        f.Sprite("oss_data/words_sprite.png", 10, 8);
        f.Bytes("oss_data/docs_6x3.bytes", 6, 3);
        f.Text("oss_data/oss_demo_projector_config.json", """
            {
              "embeddings": [
                {
                  "tensorName": "words",
                  "tensorShape": [10, 4],
                  "tensorPath": "oss_data/words_10x4.bytes",
                  "metadataPath": "oss_data/words_meta.tsv",
                  "sprite": { "imagePath": "oss_data/words_sprite.png", "singleImageDim": [8, 8] }
                },
                { "tensorName": "docs", "tensorShape": [6, 3], "tensorPath": "oss_data/docs_6x3.bytes" }
              ],
              "modelCheckpointPath": "published demo"
            }
            """);
        f.Text("node_modules/some-lib/projector_config.json", """{"embeddings":[{"tensorName":"decoy","tensorShape":[1,1],"tensorPath":"decoy.bytes"}]}""");
        f.Text(".git/projector_config.json", """{"embeddings":[{"tensorName":"decoy","tensorShape":[1,1],"tensorPath":"decoy.bytes"}]}""");
        f.Text("package.json", """{"name":"site","version":"1.0.0"}""");
    }

    // A config two folders below the page: one path resolves against the page (an ancestor), one only by
    // its file name beside the config (a path from the author's machine), which is worth a warning.
    private static void PageRelativePaths(Folder f)
    {
        f.Text("index.html", "<!doctype html>");
        f.Bytes("data/vectors.bytes", 5, 2);
        f.Text("site/configs/labels.tsv", "a\nb\nc\nd\ne\n");
        f.Text("site/configs/projector_config.json", """
            {"embeddings":[{"tensorName":"v","tensorShape":[5,2],"tensorPath":"data/vectors.bytes",
              "metadataPath":"C:\\Users\\alice\\projector\\labels.tsv"}]}
            """);
    }

    // Several embeddings where one tensor, one sprite and one metadata file are missing: the rest loads.
    private static void PartialConfig(Folder f)
    {
        f.Bytes("a.bytes", 4, 2);
        f.Bytes("b.bytes", 4, 3);
        f.Bytes("c.bytes", 4, 5);
        f.Text("projector_config.json", """
            {"embeddings":[
              {"tensorName":"a","tensorShape":[4,2],"tensorPath":"a.bytes","sprite":{"imagePath":"gone_sprite.png","singleImageDim":[8,8]}},
              {"tensorName":"b","tensorShape":[4,3],"tensorPath":"b.bytes","metadataPath":"gone_meta.tsv"},
              {"tensorName":"gone","tensorShape":[4,2],"tensorPath":"gone.bytes"},
              {"tensorName":"c","tensorShape":[4,5],"tensorPath":"c.bytes"}]}
            """);
    }

    // A working config beside a truncated one and a TensorBoard config whose checkpoint was never published.
    private static void LeftoverConfigs(Folder f)
    {
        f.Bytes("good.bytes", 3, 2);
        f.Text("projector_config.json", """{"embeddings":[{"tensorName":"good","tensorShape":[3,2],"tensorPath":"good.bytes"}]}""");
        f.Text("old_projector_config.json", """{"embeddings":[{"tensorName":"old","tensorShape":[3,2],"tensorPath":"old.bytes"}""");
        f.Text("projector_config.pbtxt", "model_checkpoint_path: \"/home/bob/run/model.ckpt-9000\"\nembeddings {\n  tensor_name: \"embedding\"\n}\n");
    }

    // 12 rows declared as 8: the page would show a prefix that looks fine and is wrong.
    private static void ShapeMismatch(Folder f)
    {
        f.Bytes("t.bytes", 12, 4);
        f.Text("projector_config.json", """{"embeddings":[{"tensorName":"t","tensorShape":[8,4],"tensorPath":"t.bytes"}]}""");
    }

    private static void ShapeMismatchBesideGood(Folder f)
    {
        f.Bytes("good.bytes", 7, 3);
        f.Bytes("bad.bytes", 7, 3);
        f.Text("projector_config.json", """
            {"embeddings":[
              {"tensorName":"good","tensorShape":[7,3],"tensorPath":"good.bytes"},
              {"tensorName":"bad","tensorShape":[5,4],"tensorPath":"bad.bytes"},
              {"tensorName":"short","tensorShape":[9,3],"tensorPath":"good.bytes"}]}
            """);
    }

    // URLs as written by people who host the data elsewhere: a local copy stands in only with the
    // declared shape; missing metadata and sprites say where to download them.
    private static void RemoteUrls(Folder f)
    {
        f.Bytes("oss_data/vecs.bytes", 6, 2);
        f.Text("projector_config.json", """
            {"embeddings":[
              {"tensorName":"hosted","tensorShape":[6,2],
               "tensorPath":"https://raw.githubusercontent.com/someone/site/main/oss_data/vecs.bytes",
               "metadataPath":"https://raw.githubusercontent.com/someone/site/main/oss_data/meta.tsv",
               "sprite":{"imagePath":"https://example.org/sprite.png","singleImageDim":[8,8]}},
              {"tensorName":"not-downloaded","tensorShape":[100,50],"tensorPath":"https://storage.googleapis.com/bucket/big.bytes"}]}
            """);
    }

    // The config, the tensor and the metadata reached through links (a data store shared by several
    // sites); a link back up must not make the folder walk loop.
    private static void Symlinks(Folder f)
    {
        f.Bytes("store/real.bytes", 8, 3);
        f.Text("store/real.tsv", "p0\np1\np2\np3\np4\np5\np6\np7\n");
        f.Text("store/config.txt", """{"embeddings":[{"tensorName":"linked","tensorShape":[8,3],"tensorPath":"vectors.bytes","metadataPath":"labels.tsv"}]}""");
        Directory.CreateDirectory(f.Path("site"));
        File.CreateSymbolicLink(f.Path("site/vectors.bytes"), f.Path("store/real.bytes"));
        File.CreateSymbolicLink(f.Path("site/labels.tsv"), "../store/real.tsv");
        File.CreateSymbolicLink(f.Path("site/projector_config.json"), "../store/config.txt");
        Directory.CreateSymbolicLink(f.Path("site/loop"), "..");
    }

    // Lines holding only Unicode spaces (no-break space, BOM, line separator) are blank to the TF page's
    // JavaScript trim() and skipped; a cell keeps its inner and trailing spaces.
    private static void MetadataUnicodeSpaces(Folder f)
    {
        f.Bytes("t.bytes", 4, 2);
        f.Text("meta.tsv", "\uFEFFalpha\n\u00A0\nbeta \n\u2028\ngamma\u00A0delta\n\u3000\n\nepsilon\n\n");
        f.Text("projector_config.json", """{"embeddings":[{"tensorName":"t","tensorShape":[4,2],"tensorPath":"t.bytes","metadataPath":"meta.tsv"}]}""");
    }

    // Every embedding fails, each for its own reason: one error listing them all.
    private static void NothingLoads(Folder f)
    {
        f.Bytes("short.bytes", 2, 2);
        f.Text("projector_config.json", """
            {"embeddings":[
              {"tensorName":"missing","tensorShape":[4,2],"tensorPath":"missing.bytes"},
              {"tensorName":"short","tensorShape":[4,2],"tensorPath":"short.bytes"}]}
            """);
    }

    // One flipped bit in a checkpoint's data shard: the index's CRC32C refuses it instead of showing a changed value.
    private static void CorruptedCheckpoint(Folder f)
    {
        using var m = Matrix(6, 4);
        using var dataset = new Dataset("embedding", m);
        var log = new ProjectorLogWriter(f.Path("."));
        log.Add(dataset);
        log.Write(step: 3);
        var shard = f.Path(ProjectorLogWriter.CheckpointName + "-3.data-00000-of-00001");
        var bytes = File.ReadAllBytes(shard);
        bytes[13] ^= 0x04;
        File.WriteAllBytes(shard, bytes);
    }

    private static EmbeddingMatrix Matrix(int rows, int columns) =>
        EmbeddingMatrix.FromArray([.. Enumerable.Range(0, rows * columns).Select(i => (float)Math.Sin(i * 0.7))], rows, columns);

    private sealed class Folder(string root)
    {
        public string Path(string relative) => System.IO.Path.Combine(root, relative);

        public void Text(string relative, string text)
        {
            var p = Path(relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            File.WriteAllText(p, text);
        }

        public void Bytes(string relative, int rows, int columns)
        {
            var p = Path(relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            using var m = Matrix(rows, columns);
            BytesWriter.Write(p, m);
        }

        public void Sprite(string relative, int points, int tile)
        {
            var side = (int)Math.Ceiling(Math.Sqrt(points));
            var image = new RgbaImage(side * tile, side * tile);
            for (var i = 0; i < image.Pixels.Length; i += 4)
            {
                image.Pixels[i] = (byte)(i / 4 % 251);
                image.Pixels[i + 3] = 255;
            }

            var p = Path(relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            PngEncoder.Save(image, p);
        }
    }
}
