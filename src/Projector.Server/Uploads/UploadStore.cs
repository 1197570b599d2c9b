using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Server.Bookmarks;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Uploads;

/// <summary>
/// The uploads kept in <c>STATE/uploads/</c>, one folder each with an <c>upload.json</c> manifest, and
/// their place in the catalog. Bodies are received into <c>uploads/.incoming/</c> and a folder moves
/// into place complete; the manifest is written last, so a folder without one is an upload that never
/// finished and is removed at the next start, while the others come back under their ids.
/// </summary>
/// <remarks>
/// Uploads are capped in number and bytes. One more upload that would pass a cap removes the oldest
/// uploads no running projection or open request uses (the answer's warnings and the log name them); when
/// those cannot make room, it is refused with 507. A removed upload leaves the catalog at once (404 from
/// then on, and its id is never given to another), and its memory and files are freed once the requests
/// that began before its removal and the projections of it have ended.
/// </remarks>
internal sealed class UploadStore : IDisposable
{
    // Staging folders are uploads/.incoming/.upload.stage-PID-GUID.tmp, removed at start when their process is gone.
    private const string StagingName = "upload";

    private readonly ServerOptions _options;
    private readonly DatasetCatalog _catalog;
    private readonly BookmarkStore _bookmarks;
    private readonly Func<string, bool> _usedByJob;
    private readonly Action<string>? _forgetAlso;
    private readonly Lock _lock = new();
    private readonly List<Upload> _kept = [];
    private readonly List<Retired> _retired = [];
    private readonly ConcurrentDictionary<long, string?> _requests = new();
    private long _lastRequest;
    private int _retiredCount;
    private ILogger _logger = NullLogger.Instance;

    /// <param name="options">The server's limits and state folder.</param>
    /// <param name="catalog">The catalog uploads are offered in.</param>
    /// <param name="bookmarks">Bookmarks, removed with their upload.</param>
    /// <param name="usedByJob">True when a projection that has not finished uses the dataset of this id.</param>
    /// <param name="forgetAlso">Removes what else the state folder keeps of a removed upload (its tags).</param>
    public UploadStore(ServerOptions options, DatasetCatalog catalog, BookmarkStore bookmarks, Func<string, bool> usedByJob, Action<string>? forgetAlso = null)
    {
        _options = options;
        _catalog = catalog;
        _bookmarks = bookmarks;
        _usedByJob = usedByJob;
        _forgetAlso = forgetAlso;
        Folder = Path.Combine(options.ResolvedStateFolder, "uploads");
    }

    /// <summary><c>STATE/uploads</c>.</summary>
    public string Folder { get; }

    /// <summary>Where bodies are received: <c>STATE/uploads/.incoming</c>.</summary>
    public string Incoming => Path.Combine(Folder, ".incoming");

    /// <summary>Uploads kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>
    /// At start: removes upload folders without a valid manifest (killed uploads), offers the others
    /// again under their ids, oldest first, and applies the caps (which may have been lowered).
    /// </summary>
    public void Restore(ILogger logger)
    {
        _logger = logger;
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var found = new List<(UploadManifest Manifest, string Folder)>();
        foreach (var dir in Directory.GetDirectories(Folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            if (UploadManifest.TryRead(dir) is { } manifest)
            {
                found.Add((manifest, dir));
            }
            else
            {
                Delete(dir);
                logger.LogWarning("Removed the upload folder {Folder}: it has no complete manifest, so its upload never finished", Path.GetFileName(dir));
            }
        }

        lock (_lock)
        {
            foreach (var (manifest, dir) in found.OrderBy(f => f.Manifest.Created).ThenBy(f => f.Folder, StringComparer.Ordinal))
            {
                if (_kept.Any(u => u.Id == manifest.Id))
                {
                    Delete(dir);
                    logger.LogWarning("Removed the upload folder {Folder}: it is a copy of the upload {Id}", Path.GetFileName(dir), manifest.Id);
                    continue;
                }

                var kept = manifest;
                if (_catalog.Contains(manifest.Id))
                {
                    // An input served this time took the id first; the upload stays, under a new id.
                    var id = NewId(manifest.Name);
                    kept = manifest with { Id = id, Item = manifest.Item with { Id = id } };
                    kept.Write(dir);
                    logger.LogWarning("The upload '{Name}' is now {Id}: an input served this time has its id {Old}", manifest.Name, id, manifest.Id);
                }

                Register(kept, dir, null);
            }

            try
            {
                MakeRoom(0, 0);
            }
            catch (ApiProblem e)
            {
                logger.LogWarning("The uploads are over their limits: {Detail}", e.Message);
            }
        }

        Release();
    }

    /// <summary>A new staging folder under <see cref="Incoming"/> for a body being received.</summary>
    public Staging Stage()
    {
        Directory.CreateDirectory(Incoming);
        return new Staging(Path.Combine(Incoming, TemporaryFiles.NameFor(StagingName, "stage")));
    }

    /// <summary>
    /// Reads a received upload, makes room for it within the caps, keeps it and offers it in the catalog.
    /// </summary>
    /// <returns>Its catalog item; its warnings also name the uploads removed to make room.</returns>
    /// <exception cref="ApiProblem">400 for files the readers refuse (naming the client's files), 413 for an upload larger than the storage cap, 507 when no room can be made.</exception>
    public async Task<CatalogItem> AddAsync(Staging staging, UploadForm form, string name, (int Rows, int Dimensions)? shape, CancellationToken cancellationToken)
    {
        var tensor = form.Tensor ?? throw new ArgumentException("The form has no tensor.", nameof(form));
        var bytes = form.Bytes;
        if (bytes > _options.MaxUploadStorageBytes)
        {
            throw ApiProblem.TooLarge($"The upload takes {Megabytes(bytes)} MB, more than the {_options.MaxUploadStorageMegabytes} MB all uploads may take together; start the server with a larger --max-upload-storage-mb.");
        }

        var created = DateTimeOffset.UtcNow;
        var dir = Path.Combine(Folder, $"{created:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..28]);
        staging.MoveTo(dir);
        var manifest = new UploadManifest(
            UploadManifest.CurrentVersion,
            string.Empty,
            name,
            created,
            Path.GetFileName(tensor.Path),
            tensor.GivenName,
            form.Metadata is null ? null : Path.GetFileName(form.Metadata.Path),
            form.Metadata?.GivenName,
            shape is { } s ? [s.Rows, s.Dimensions] : null,
            null!);
        Dataset? dataset = null;
        try
        {
            var (names, tensorPath, options) = Reading(manifest, dir);
            dataset = await Task.Run(() => names.Read(tensorPath, options with { CancellationToken = cancellationToken }), cancellationToken).ConfigureAwait(false);

            // A client gone while its file was read gets no upload kept behind its back.
            cancellationToken.ThrowIfCancellationRequested();
            CatalogItem item;
            List<Upload> removed;
            lock (_lock)
            {
                removed = MakeRoom(1, bytes);
                manifest = manifest with { Id = NewId(name) };
                var upload = Register(manifest, dir, dataset);
                dataset = null;
                item = upload.Entry.Item();
                try
                {
                    (manifest with { Item = item }).Write(dir);
                }
                catch
                {
                    _kept.Remove(upload);
                    _catalog.Remove(upload.Id);
                    upload.Entry.Dispose();
                    throw;
                }
            }

            var notes = removed.Select(r => $"The older upload '{r.Name}' ({r.Id}) was removed to stay within the server's limits of {_options.MaxUploads} uploads and {_options.MaxUploadStorageMegabytes} MB.");
            return item with { Warnings = [.. item.Warnings, .. notes] };
        }
        catch
        {
            dataset?.Dispose();
            Delete(dir);
            throw;
        }
    }

    /// <summary>
    /// Notes a request that began, and the dataset it names in its path, if any: an upload it names is
    /// not removed while it runs, and one removed while it runs is freed only after it ends.
    /// </summary>
    public Ticket Enter(string? datasetId)
    {
        var n = Interlocked.Increment(ref _lastRequest);
        _requests[n] = datasetId;
        return new Ticket(this, n);
    }

    public void Dispose()
    {
        List<Retired> all;
        lock (_lock)
        {
            all = [.. _retired];
            _retired.Clear();
        }

        foreach (var r in all)
        {
            r.Upload.Entry.Dispose();
            Delete(r.Upload.Folder);
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open: without a manifest the folder is removed at the next start.
        }
    }

    private static long FolderBytes(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>How the upload of <paramref name="manifest"/> in <paramref name="folder"/> is read, its errors naming the client's files.</summary>
    private static (UploadNames Names, string TensorPath, ReadOptions Options) Reading(UploadManifest manifest, string folder)
    {
        List<(string, string)> files = [(manifest.TensorFile, manifest.TensorName)];
        if (manifest.MetadataFile is { } metadata)
        {
            files.Add((metadata, manifest.MetadataName ?? metadata));
        }

        var options = ReadOptions.Default with
        {
            Shape = manifest.ShapeTuple,
            MetadataPath = manifest.MetadataFile is { } m ? Path.Combine(folder, m) : null,
        };
        return (new UploadNames(folder, files), Path.Combine(folder, manifest.TensorFile), options);
    }

    /// <summary>Offers an upload in the catalog: read already (a new one), or when first used (one kept from an earlier run).</summary>
    private Upload Register(UploadManifest manifest, string folder, Dataset? dataset)
    {
        var (names, tensorPath, options) = Reading(manifest, folder);
        var source = $"upload:{manifest.Name}";
        var tensor = CatalogIds.Slug(Path.GetFileNameWithoutExtension(manifest.TensorName)) is { Length: > 0 } slug ? slug : "upload";
        var spec = new CatalogSpec([manifest.Id], manifest.Name, source, source, tensor, null, null, tensorPath, options);
        Func<Dataset> load = dataset is null ? () => names.Read(tensorPath, options) : () => dataset;
        var entry = _catalog.TryAddUpload(manifest.Id, spec, load, dataset is null ? manifest.Item : null)
            ?? throw new InvalidOperationException($"The id {manifest.Id} is taken.");
        var upload = new Upload(manifest.Id, manifest.Name, folder, FolderBytes(folder), manifest.Created, entry);
        _kept.Add(upload);
        return upload;
    }

    /// <summary>An id for a new upload: its name's slug and a random part, so it is never one another upload had.</summary>
    private string NewId(string name)
    {
        var slug = CatalogIds.Slug(name);
        slug = slug.Length > 32 ? slug[..32].TrimEnd('-') : slug;
        slug = slug.Length > 0 ? slug : "upload";
        while (true)
        {
            var id = $"{slug}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
            if (!_catalog.Contains(id) && !_kept.Any(u => u.Id == id) && !_retired.Any(r => r.Upload.Id == id))
            {
                return id;
            }
        }
    }

    /// <summary>
    /// Removes the oldest uploads not in use until <paramref name="count"/> more uploads of
    /// <paramref name="bytes"/> fit the caps; removes none and throws 507 when that cannot be done.
    /// </summary>
    private List<Upload> MakeRoom(int count, long bytes)
    {
        var keptCount = _kept.Count;
        var keptBytes = _kept.Sum(u => u.Bytes);
        var victims = new List<Upload>();
        foreach (var upload in _kept)
        {
            if (Fits(keptCount + count, keptBytes + bytes))
            {
                break;
            }

            if (InUse(upload.Id))
            {
                continue;
            }

            victims.Add(upload);
            keptCount--;
            keptBytes -= upload.Bytes;
        }

        if (keptCount + count > _options.MaxUploads)
        {
            throw ApiProblem.InsufficientStorage($"The server keeps at most {_options.MaxUploads} uploads and those it could remove to make room are in use by a projection or a request; try again when they finish, or start the server with a larger --max-uploads.");
        }

        if (keptBytes + bytes > _options.MaxUploadStorageBytes)
        {
            throw ApiProblem.InsufficientStorage($"The uploads would take more than {_options.MaxUploadStorageMegabytes} MB and those the server could remove to make room are in use by a projection or a request; try again when they finish, or start the server with a larger --max-upload-storage-mb.");
        }

        foreach (var victim in victims)
        {
            Retire(victim);
        }

        return victims;
    }

    private bool Fits(int count, long bytes) => count <= _options.MaxUploads && bytes <= _options.MaxUploadStorageBytes;

    private bool InUse(string id) => _requests.Values.Contains(id) || _usedByJob(id);

    /// <summary>Takes an upload out of the catalog; its memory and files go once nothing can be using them.</summary>
    private void Retire(Upload upload)
    {
        _catalog.Remove(upload.Id);
        _kept.Remove(upload);
        _bookmarks.Forget(upload.Id);
        _forgetAlso?.Invoke(upload.Id);

        // Without its manifest the folder is never offered again, even if it cannot be removed now.
        try
        {
            File.Delete(Path.Combine(upload.Folder, UploadManifest.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        _retired.Add(new Retired(upload, Interlocked.Read(ref _lastRequest)));
        _retiredCount = _retired.Count;
        _logger.LogWarning(
            "Removed the upload '{Name}' ({Id}, {Megabytes} MB, uploaded {Created:u}) to stay within {MaxUploads} uploads and {MaxMegabytes} MB",
            upload.Name,
            upload.Id,
            Megabytes(upload.Bytes),
            upload.Created,
            _options.MaxUploads,
            _options.MaxUploadStorageMegabytes);
    }

    /// <summary>Frees the removed uploads no request that began before their removal and no projection can still be using.</summary>
    private void Release()
    {
        if (Volatile.Read(ref _retiredCount) == 0)
        {
            return;
        }

        List<Retired> free;
        lock (_lock)
        {
            var oldest = _requests.IsEmpty ? long.MaxValue : _requests.Keys.Min();
            free = [.. _retired.Where(r => r.Epoch < oldest && !_usedByJob(r.Upload.Id))];
            _retired.RemoveAll(free.Contains);
            _retiredCount = _retired.Count;
        }

        foreach (var r in free)
        {
            r.Upload.Entry.Dispose();
            Delete(r.Upload.Folder);
        }
    }

    private void Leave(long request)
    {
        _requests.TryRemove(request, out _);
        Release();
    }

    /// <summary>A request in progress; disposing it notes its end.</summary>
    public readonly struct Ticket(UploadStore store, long request) : IDisposable
    {
        public void Dispose() => store?.Leave(request);
    }

    /// <summary>A folder a body is received into; removed on dispose unless moved into place.</summary>
    public sealed class Staging : IDisposable
    {
        private bool _moved;

        public Staging(string path)
        {
            Path = path;
            Directory.CreateDirectory(path);
        }

        public string Path { get; }

        public void MoveTo(string folder)
        {
            Directory.Move(Path, folder);
            _moved = true;
        }

        public void Dispose()
        {
            if (!_moved)
            {
                Delete(Path);
            }
        }
    }

    private sealed record Upload(string Id, string Name, string Folder, long Bytes, DateTimeOffset Created, CatalogEntry Entry);

    /// <summary>A removed upload and the last request that began before its removal.</summary>
    private sealed record Retired(Upload Upload, long Epoch);
}
