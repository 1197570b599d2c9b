using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Jobs;

/// <summary>
/// Writes a job's result: the tile set of every row (the Core tile writer, the one <c>projector export
/// --format tiles</c> uses) and the positions as <c>positions.npy</c>, built in a hidden folder beside the
/// target and renamed into place once complete, so a failed or cancelled job leaves nothing half written.
/// </summary>
/// <remarks>
/// The tile set is cut from the gathered positions on the client, not merged from per-shard tiles: a
/// tile's level of detail chooses points over the whole map (the quadtree's top levels hold a sample of
/// every shard), so per-shard tiles would have to be re-cut at every level above the shards anyway; the
/// positions are 8 bytes a point (800 MB for 100 million), which one machine gathers without trouble.
/// </remarks>
public static class ClusterOutput
{
    /// <summary>The file the positions are written to inside the output folder.</summary>
    public const string PositionsFile = "positions.npy";

    /// <summary>Writes <paramref name="positions"/> (rows x 2) of <paramref name="dataset"/> into the new or empty folder <paramref name="target"/>.</summary>
    /// <exception cref="ClusterInputException">The target is a file or a folder that is not empty.</exception>
    public static TileSetManifest Write(string target, Dataset dataset, float[] positions, TileSetOptions options, IProgress<Projector.Core.StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(positions);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        CheckTarget(target, full);
        var parent = Path.GetDirectoryName(full) ?? throw new ClusterInputException($"--out {target} is a root folder: write into a folder below it");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            using var layout = EmbeddingMatrix.FromArray(positions, dataset.Points, 2);
            var manifest = TileSetWriter.Write(temp, dataset, layout, options, progress, cancellationToken);
            using (var written = new Dataset("layout", EmbeddingMatrix.FromArray(positions, dataset.Points, 2)))
            {
                DatasetWriter.Write(Path.Combine(temp, PositionsFile), [written], cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            CheckTarget(target, full);
            if (Directory.Exists(full))
            {
                Directory.Delete(full);
            }

            Directory.Move(temp, full);
            return manifest;
        }
        catch
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // Left for the user to remove; the target itself is untouched.
            }

            throw;
        }
    }

    /// <summary>Refuses a target that <see cref="Write"/> would refuse, before a job spends its time.</summary>
    /// <exception cref="ClusterInputException">The target is a file or a folder that is not empty.</exception>
    public static void EnsureWritable(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckTarget(target, Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)));
    }

    private static void CheckTarget(string target, string full)
    {
        if (File.Exists(full))
        {
            throw new ClusterInputException($"--out {target} is a file: give a new or empty folder");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new ClusterInputException($"--out {target} is not empty: give a new or empty folder");
        }
    }
}
