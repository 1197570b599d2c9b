namespace Projector.Fuzz.Targets;

/// <summary>A temporary folder the writers make seeds in, deleted on dispose.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "projector-fuzz-seeds", Guid.NewGuid().ToString("N"));

    public string File(string name) => Path.Combine(Folder, name);

    public byte[] Read(string name) => System.IO.File.ReadAllBytes(File(name));

    /// <summary>Every file under the folder but <paramref name="except"/>, by relative path.</summary>
    public Dictionary<string, byte[]> All(string except) =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f))
            .Where(f => f != except)
            .ToDictionary(f => f, Read);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
