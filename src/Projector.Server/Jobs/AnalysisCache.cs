using System.Collections.Concurrent;

namespace Projector.Server.Jobs;

/// <summary>
/// Clusters and quality figures of finished layouts, by layout and options, so asking again (or for the
/// per-point array after the summary) answers at once. The oldest are dropped past <see cref="MaxEntries"/>:
/// a 1M-point answer holds 4 MB per point array.
/// </summary>
internal sealed class AnalysisCache
{
    public const int MaxEntries = 16;

    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _entries.Count;

    public bool TryGet<T>(string key, out T value)
        where T : class
    {
        var found = _entries.TryGetValue(key, out var entry) && entry is T;
        value = found ? (T)entry! : null!;
        return found;
    }

    public void Set(string key, object value)
    {
        if (_entries.TryAdd(key, value))
        {
            _order.Enqueue(key);
        }

        while (_entries.Count > MaxEntries && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
