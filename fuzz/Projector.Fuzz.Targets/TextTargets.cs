using System.Buffers.Binary;
using System.Text;
using Projector.Core.Formats.Csv;
using Projector.Core.Formats.Metadata;

namespace Projector.Fuzz.Targets;

/// <summary>Text vectors (TSV, CSV, word2vec, GloVe), word2vec binary and metadata TSV.</summary>
internal static class TextTargets
{
    public static IEnumerable<ReadTarget> All()
    {
        yield return new("tsv", "input.tsv", true, false, p => FormatRead.Read("tsv", p), () => [Seed.Alone("vectors", FormatRead.Write("tsv", "a.tsv", SampleData.Dataset()))], TsvFixtures);
        yield return new("csv", "input.csv", true, false, p => FormatRead.Read("csv", p), CsvSeeds);
        yield return new("word2vec", "input.vec", true, false, p => FormatRead.Read("word2vec", p), () => [Seed.Alone("vectors", Word2VecText())]);
        yield return new("glove", "input.txt", true, false, p => FormatRead.Read("glove", p), () => [Seed.Alone("vectors", GloveText())]);
        yield return new("word2vec-binary", "input.bin", false, false, p => FormatRead.Read("word2vec-binary", p), () => [Seed.Alone("vectors", Word2VecBinary())]);
        yield return new("metadata", "metadata.tsv", true, false, p => Fingerprint.Of(MetadataTsvReader.Read(p)), MetadataSeeds, MetadataFixtures);
    }

    private static IEnumerable<Seed> TsvFixtures(string root) => FixtureFiles.Seed(root, "tb-pytorch-7x-duplicate-config/logs/00001/default/tensors.tsv");

    private static List<Seed> CsvSeeds()
    {
        using var scratch = new Scratch();
        using var m = SampleData.Matrix();
        CsvMatrixWriter.Write(scratch.File("a.csv"), m, [.. Enumerable.Range(0, SampleData.Dimensions).Select(i => $"e{i}")], SampleData.Metadata().Columns);
        return [Seed.Alone("vectors+metadata", scratch.Read("a.csv"))];
    }

    private static byte[] Word2VecText() => FormatRead.Write("word2vec", "a.vec", SampleData.Dataset());

    // GloVe is word2vec text without the count line.
    private static byte[] GloveText()
    {
        var text = Word2VecText();
        return text[(Array.IndexOf(text, (byte)'\n') + 1)..];
    }

    // No writer makes word2vec binary; this is the layout word2vec.c writes.
    private static byte[] Word2VecBinary()
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"{SampleData.Rows} {SampleData.Dimensions}\n"));
        var labels = SampleData.Metadata().Columns[0];
        Span<byte> value = stackalloc byte[4];
        for (var r = 0; r < SampleData.Rows; r++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(labels[r] + " "));
            for (var c = 0; c < SampleData.Dimensions; c++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, SampleData.Values[(r * SampleData.Dimensions) + c]);
                bytes.AddRange(value);
            }

            bytes.Add((byte)'\n');
        }

        return [.. bytes];
    }

    private static List<Seed> MetadataSeeds()
    {
        using var scratch = new Scratch();
        MetadataTsvWriter.Write(scratch.File("multi.tsv"), SampleData.Metadata());
        MetadataTsvWriter.Write(scratch.File("single.tsv"), new(SampleData.Rows, [SampleData.Metadata().Columns[0]]));
        return [Seed.Alone("columns", scratch.Read("multi.tsv")), Seed.Alone("labels", scratch.Read("single.tsv"))];
    }

    private static IEnumerable<Seed> MetadataFixtures(string root) =>
        FixtureFiles.Seed(root, "selfmade-tiny/tiny_metadata.tsv")
            .Concat(FixtureFiles.Seed(root, "tb-tf2-tiny-numeric-labels/logs/metadata.tsv"))
            .Concat(FixtureFiles.Seed(root, "tb-tf1-mnist-sprite/minimalsample/metadata.tsv"));
}
