using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Bench.Formats;

/// <summary>The .npy and word2vec benchmark files, generated once beside the others.</summary>
internal static class ExtraReaders
{
    public static IEnumerable<(string Name, string Path, Func<string, Dataset> Read)> Prepare(string dir, int sizeMb, int rows, int dims)
    {
        var npy = Path.Combine(dir, $"bench_{sizeMb}.npy");
        if (!File.Exists(npy))
        {
            using var m = ReadBenchmarks.Generate(rows, dims);
            NpyWriter.Write(npy, m);
        }

        var w2v = Path.Combine(dir, $"bench_{sizeMb}.vec");
        if (!File.Exists(w2v))
        {
            var textRows = (int)(((long)sizeMb << 20) / (dims * 10L));
            using var m = ReadBenchmarks.Generate(textRows, dims);
            Word2VecTextWriter.Write(w2v, m, [.. Enumerable.Range(0, textRows).Select(i => (string?)$"w{i}")]);
        }

        return
        [
            ("npy (mapped, finite check)", npy, p => NpyReader.Read(p, ReadOptions.Default)),
            ("npy (mapped, no check)", npy, p => NpyReader.Read(p, new ReadOptions { AllowNonFinite = true })),
            ("word2vec text (1 thread)", w2v, p => Word2VecTextReader.Read(p, ReadOptions.Default)),
        ];
    }
}
