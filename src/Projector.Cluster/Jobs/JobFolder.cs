namespace Projector.Cluster.Jobs;

/// <summary>
/// The folder a job's shards write their tile pieces to, made by the client inside the shared folder
/// (beside the input) before the job starts and removed, with every piece, once the tile set is merged or
/// the job has ended otherwise. A silo writes only into a job folder that exists, so a shard still
/// running when the job is over leaves nothing behind.
/// </summary>
public sealed class JobFolder : IDisposable
{
    private JobFolder(string path) => Path = path;

    /// <summary>The folder as the client sees it.</summary>
    public string Path { get; }

    /// <summary>Its name inside the shared folder, as the job carries it to the silos.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Makes the folder of job <paramref name="jobId"/> in <paramref name="shared"/> (the client's view of the silos' shared folder).</summary>
    /// <exception cref="ClusterInputException">The folder cannot be made there.</exception>
    public static JobFolder Create(string shared, string jobId)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(jobId);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(shared), ".projector-job-" + jobId);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterInputException($"{path}: cannot make the job's folder in the shared folder ({e.Message}); the silos write the tiles there, so it must be writable");
        }

        return new JobFolder(path);
    }

    /// <summary>Removes the folder and every piece in it.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            // A piece renamed into place as the folder was removed: try once more.
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
