using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Fuzz.Targets;

/// <summary>Configs: the standalone projector's JSON, TensorBoard's projector_config.pbtxt and checkpoint file, and a whole log dir read through its config.</summary>
internal static class ConfigTargets
{
    private const string Json = "projector_config.json";
    private const string Pbtxt = "projector_config.pbtxt";
    private const string State = "checkpoint";

    public static IEnumerable<ReadTarget> All()
    {
        yield return new("projector-config", Json, true, false, p => Loaded(StandaloneConfigReader.Read(p, ReadOptions.Default)), JsonSeeds, JsonFixtures);
        yield return new("pbtxt", Pbtxt, true, false, p => Fingerprint.Of(TextFormat.Format(TextFormat.ParseFile<ProjectorConfig>(p))), () => LogSeeds(Pbtxt), root => LogFixtures(root, Pbtxt));
        yield return new("checkpoint-state", State, true, false, p => Fingerprint.Of(TextFormat.Format(TextFormat.ParseFile<CheckpointState>(p))), () => LogSeeds(State), root => LogFixtures(root, State));
        yield return new("tensorboard", Pbtxt, true, false, p => Loaded(DatasetReader.ReadAll(Path.GetDirectoryName(p)!, ReadOptions.Default)), () => LogSeeds(Pbtxt, companions: true), TensorBoardFixtures);
    }

    // The sprite is decoded only when asked for; asking is part of reading a config.
    private static string Loaded(IReadOnlyList<Dataset> datasets)
    {
        var images = new List<string>();
        try
        {
            foreach (var d in datasets)
            {
                images.Add(d.Sprite is { } s ? Fingerprint.Of(s.GetImage()) : "-");
                images.Add(Fingerprint.Of(d.Metadata));
            }
        }
        catch
        {
            foreach (var d in datasets)
            {
                d.Dispose();
            }

            throw;
        }

        return Fingerprint.Of(datasets) + string.Join(",", images);
    }

    private static List<Seed> JsonSeeds()
    {
        using var scratch = new Scratch();
        FormatRegistry.ByName("projector-config")!.Write(scratch.File(Json), [SampleData.Dataset("first", sprite: true), SampleData.Dataset("second")]);
        return [new Seed("two-embeddings", scratch.Read(Json), scratch.All(except: Json))];
    }

    private static IEnumerable<Seed> JsonFixtures(string root) =>
        FixtureFiles.Seed(root, "selfmade-tiny/tiny_projector_config.json", ("selfmade-tiny/tiny_tensors.bytes", "tiny_tensors.bytes"), ("selfmade-tiny/tiny_metadata.tsv", "tiny_metadata.tsv"), ("selfmade-tiny/tiny_sprite.png", "tiny_sprite.png"));

    private static List<Seed> LogSeeds(string file, bool companions = false)
    {
        using var scratch = new Scratch();
        new ProjectorLogWriter(scratch.Folder).Add(SampleData.Dataset("embedding", sprite: true)).Write(step: 1);
        return [new Seed("log-writer", scratch.Read(file), companions ? scratch.All(except: file) : new Dictionary<string, byte[]>())];
    }

    private static IEnumerable<Seed> LogFixtures(string root, string file) =>
        new[] { "tb-tf2-tiny-numeric-labels/logs", "tb-tf1-ckpt-history", "tb-tf1-mnist-sprite/minimalsample", "tb-pytorch-7x-duplicate-config/logs", "tb-tensorpath-tsv-multicol/logs" }
            .SelectMany(dir => FixtureFiles.Seed(root, $"{dir}/{file}"));

    private static IEnumerable<Seed> TensorBoardFixtures(string root)
    {
        const string dir = "tb-tf2-tiny-numeric-labels/logs/";
        return FixtureFiles.Seed(
            root,
            dir + Pbtxt,
            (dir + "checkpoint", "checkpoint"),
            (dir + "embedding.ckpt-1.index", "embedding.ckpt-1.index"),
            (dir + "embedding.ckpt-1.data-00000-of-00001", "embedding.ckpt-1.data-00000-of-00001"),
            (dir + "metadata.tsv", "metadata.tsv"));
    }
}
