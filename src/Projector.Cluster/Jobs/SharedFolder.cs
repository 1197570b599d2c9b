using Projector.Cluster.Grains;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Cluster.Jobs;

/// <summary>
/// The folder every silo reads job inputs from: the same files on every machine (a network share here;
/// in production an object store, read with its own client). A job names its files by name only, so a
/// silo reads nothing outside this folder.
/// </summary>
/// <param name="Root">The folder.</param>
public sealed record SharedFolder(string Root)
{
    /// <summary>
    /// The input of <paramref name="job"/> (with the columns the file itself carries, not the TSV's: those are
    /// read row range by row range, <see cref="JobMetadata"/>); checked against the rows and width the client saw.
    /// </summary>
    /// <remarks>
    /// Values are not scanned for NaN here: a .npy input is memory-mapped and each shard checks only its own
    /// rows (<see cref="ShardPlacer"/>), so no silo and not the client reads the whole input.
    /// </remarks>
    /// <exception cref="DataFormatException">The file is missing, unreadable, or not the one the client saw.</exception>
    public Dataset Read(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var path = PathOf(job.InputName);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, $"not found in the shared folder {Root} of this silo", "Copy the input there, or start the silo with --shared naming the folder that holds it");
        }

        var dataset = DatasetReader.Read(path, new ReadOptions { AllowNonFinite = true });
        if (dataset.Points != job.Rows || dataset.Dimensions != job.Dimensions)
        {
            var (rows, dims) = (dataset.Points, dataset.Dimensions);
            dataset.Dispose();
            throw new DataFormatException(path, $"holds {rows} rows of {dims} values on this silo, but {job.Rows} of {job.Dimensions} where the job was submitted", "Give every silo the same copy of the input");
        }

        return dataset;
    }

    /// <summary>The metadata TSV of <paramref name="job"/> in this folder, or null when it has none.</summary>
    /// <exception cref="DataFormatException">The job names a TSV this folder does not have.</exception>
    public string? MetadataOf(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.MetadataName is not { } name)
        {
            return null;
        }

        var path = PathOf(name);
        return File.Exists(path) ? path : throw new DataFormatException(path, $"not found in the shared folder {Root} of this silo", "Copy the metadata beside the input there");
    }

    /// <summary>The job's folder in this silo's shared folder, where its shards' tile pieces go.</summary>
    /// <exception cref="DataFormatException">The job names no folder, or one this silo does not have (the job is over, or the folder is not shared).</exception>
    public string WorkFolder(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var path = PathOf(job.WorkFolder ?? throw new DataFormatException(job.InputName, "comes with no job folder for the tiles", "Run the job with a client of this version"));
        if (!Directory.Exists(path))
        {
            throw new DataFormatException(path, $"not found in the shared folder {Root} of this silo (the job is over, or this folder is not the client's)", "Give every silo and the client the same shared folder, writable by the silos");
        }

        return path;
    }

    private string PathOf(string name)
    {
        if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or "..")
        {
            throw new DataFormatException(name, "is not a plain file name", "Name a file inside the shared folder");
        }

        return Path.Combine(Root, name);
    }
}
