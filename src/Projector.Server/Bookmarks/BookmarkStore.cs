using System.Collections.Concurrent;
using System.Text.Json;
using Projector.Core;
using Projector.Server.Contracts;

namespace Projector.Server.Bookmarks;

/// <summary>
/// Bookmarks per dataset in <c>STATE/bookmarks/&lt;dataset id&gt;.json</c>, each file rewritten whole
/// and atomically, so a crash never leaves half a list. Never written beside the input.
/// </summary>
internal sealed class BookmarkStore(string stateFolder)
{
    private readonly ConcurrentDictionary<string, Lock> _locks = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.Combine(stateFolder, "bookmarks");

    public string FileFor(string datasetId) => Path.Combine(Folder, datasetId + ".json");

    public IReadOnlyList<Bookmark> List(string datasetId)
    {
        lock (LockFor(datasetId))
        {
            return Read(datasetId);
        }
    }

    public Bookmark Add(string datasetId, string name, JsonElement state)
    {
        lock (LockFor(datasetId))
        {
            var all = Read(datasetId);
            var bookmark = new Bookmark(Guid.NewGuid().ToString("N")[..12], name, DateTimeOffset.UtcNow, state.Clone());
            Write(datasetId, [.. all, bookmark]);
            return bookmark;
        }
    }

    /// <summary>Removes a bookmark; false when there was none with that id.</summary>
    public bool Remove(string datasetId, string bookmarkId)
    {
        lock (LockFor(datasetId))
        {
            var all = Read(datasetId);
            var kept = all.Where(b => b.Id != bookmarkId).ToList();
            if (kept.Count == all.Count)
            {
                return false;
            }

            Write(datasetId, kept);
            return true;
        }
    }

    /// <summary>Removes every bookmark of a dataset that is gone for good (a removed upload, whose id is never used again).</summary>
    public void Forget(string datasetId)
    {
        lock (LockFor(datasetId))
        {
            try
            {
                File.Delete(FileFor(datasetId));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing offers these bookmarks any more; a leftover file only takes room.
            }
        }

        _locks.TryRemove(datasetId, out _);
    }

    private Lock LockFor(string datasetId) => _locks.GetOrAdd(datasetId, _ => new Lock());

    private List<Bookmark> Read(string datasetId)
    {
        var file = FileFor(datasetId);
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = File.OpenRead(file);
        return JsonSerializer.Deserialize<List<Bookmark>>(stream, ServerJson.Options) ?? [];
    }

    private void Write(string datasetId, List<Bookmark> bookmarks) =>
        AtomicFile.Write(FileFor(datasetId), s => JsonSerializer.Serialize(s, bookmarks, ServerJson.Options));
}
