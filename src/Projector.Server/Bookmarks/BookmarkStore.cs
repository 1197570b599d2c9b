using System.Collections.Concurrent;
using System.Text.Json;
using Projector.Core;
using Projector.Server.Contracts;

namespace Projector.Server.Bookmarks;

/// <summary>
/// Bookmarks per dataset in <c>STATE/bookmarks/&lt;dataset id&gt;.json</c>, each file rewritten whole
/// and atomically, so a crash never leaves half a list. Never written beside the input. A dataset keeps
/// at most <paramref name="maxCount"/> bookmarks in at most <paramref name="maxFileBytes"/> bytes; one
/// more is a 413 until some are deleted.
/// </summary>
internal sealed class BookmarkStore(string stateFolder, int maxCount = BookmarkStore.DefaultMaxCount, long maxFileBytes = BookmarkStore.DefaultMaxFileBytes)
{
    /// <summary>Bookmarks a dataset keeps unless told otherwise.</summary>
    public const int DefaultMaxCount = 1000;

    /// <summary>What a dataset's bookmarks file may take: 64 MB, each save rewrites it whole.</summary>
    public const long DefaultMaxFileBytes = 64L << 20;

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

    /// <exception cref="ApiProblem">413 when the dataset has as many bookmarks, or as many bytes of them, as it may keep.</exception>
    public Bookmark Add(string datasetId, string name, JsonElement state, string? description = null)
    {
        lock (LockFor(datasetId))
        {
            var all = Read(datasetId);
            if (all.Count >= maxCount)
            {
                throw ApiProblem.TooLarge($"The dataset '{datasetId}' has {all.Count} bookmarks, the most it may keep; delete some before saving another.");
            }

            var bookmark = new Bookmark(Guid.NewGuid().ToString("N")[..12], name, DateTimeOffset.UtcNow, state.Clone(), Description: description);
            var file = new FileInfo(FileFor(datasetId));
            var bytes = (file.Exists ? file.Length : 0) + JsonSerializer.SerializeToUtf8Bytes(bookmark, ServerJson.Options).Length + 1;
            if (bytes > maxFileBytes)
            {
                throw ApiProblem.TooLarge($"The bookmarks of the dataset '{datasetId}' would take more than {maxFileBytes >> 20} MB; delete some before saving another.");
            }

            Write(datasetId, [.. all, bookmark]);
            return bookmark;
        }
    }

    /// <summary>Renames or re-describes a bookmark (null leaves a field as it is); null when there is none with that id.</summary>
    public Bookmark? Update(string datasetId, string bookmarkId, string? name, string? description)
    {
        lock (LockFor(datasetId))
        {
            var all = Read(datasetId);
            var at = all.FindIndex(b => b.Id == bookmarkId);
            if (at < 0)
            {
                return null;
            }

            var changed = all[at] with
            {
                Name = name ?? all[at].Name,
                Description = description is null ? all[at].Description : description.Length == 0 ? null : description,
            };
            all[at] = changed;
            Write(datasetId, all);
            return changed;
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
