using Projector.Core.Data;

namespace Projector.Bench.Formats;

/// <summary>MERGE: npy and word2vec benchmark files.</summary>
internal static class ExtraReaders
{
    public static IEnumerable<(string Name, string Path, Func<string, Dataset> Read)> Prepare(string dir, int sizeMb, int rows, int dims)
    {
        _ = (dir, sizeMb, rows, dims);
        return [];
    }
}
