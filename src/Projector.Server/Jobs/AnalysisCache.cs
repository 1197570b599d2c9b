namespace Projector.Server.Jobs;

/// <summary>
/// Clusters and quality figures of finished layouts, by layout and options, so asking again (or for the
/// per-point array after the summary) answers at once. The oldest are dropped past <see cref="MaxEntries"/>:
/// a 1M-point answer holds 4 MB per point array.
/// </summary>
internal sealed class AnalysisCache() : BoundedCache<object>(MaxEntries)
{
    public const int MaxEntries = 16;

    public bool TryGet<T>(string key, out T value)
        where T : class
    {
        var found = TryGet(key, out var entry) && entry is T;
        value = found ? (T)entry : null!;
        return found;
    }
}
