using Projector.Cluster.Grains;
using Projector.Cluster.Tiles;
using Projector.Core;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Jobs;

/// <summary>
/// Writes a job's result: the tile set of every row, merged from the tile pieces the silos wrote per shard
/// (<see cref="TileMerge"/>), and the positions as <c>positions.npy</c>, streamed from the same files; built
/// in a hidden folder beside the target and renamed into place once complete, so a failed or cancelled job
/// leaves nothing half written.
/// </summary>
/// <remarks>
/// The client holds one tile's points at a time (and the tile index of each shard file), not every
/// position nor any metadata: the columns the tiles carry come with the pieces, planned in the job.
/// </remarks>
public static class ClusterOutput
{
    /// <summary>The file the positions are written to inside the output folder.</summary>
    public const string PositionsFile = TileSetWriter.PositionsFile;

    /// <summary>
    /// Merges the pieces in <paramref name="folder"/> of the finished <paramref name="job"/> into the new or
    /// empty folder <paramref name="target"/>, a tile set named <paramref name="name"/>.
    /// </summary>
    /// <exception cref="ClusterInputException">The target is a file or a folder that is not empty, or a piece is damaged or missing.</exception>
    public static TileSetManifest Write(string target, string name, ClusterJob job, ClusterJobResult result, JobFolder folder, IProgress<Projector.Core.StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        CheckTarget(target, full);
        var parent = Path.GetDirectoryName(full) ?? throw new ClusterInputException($"--out {target} is a root folder: write into a folder below it");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var plan = TilePlan.Build(result.Sample.Positions, job.Rows, job.TilePoints, job.Seed);
            var options = OptionsOf(job);
            var files = result.Shards.Select(s => Path.Combine(folder.Path, ShardPieces.FileName(s.Index))).ToList();
            var missing = files.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null)
            {
                throw new ClusterInputException($"{missing}: a finished shard's tiles are not in the job's folder; the client and the silos must see the same shared folder");
            }

            TileSetManifest manifest;
            try
            {
                manifest = TileMerge.Write(temp, files, job.Rows, plan, name, [.. job.Columns.Select(c => c.ToTile())], options, PositionsFile, progress, cancellationToken);
            }
            catch (DataFormatException e)
            {
                throw new ClusterInputException(e.Message);
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

    /// <summary>The tile options of <paramref name="job"/>: its tile size and seed (the silos cut with the same), the method as the layout's name.</summary>
    public static TileSetOptions OptionsOf(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new TileSetOptions { TilePoints = job.TilePoints, Seed = job.Seed, LayoutName = job.Method };
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
