using System.Collections.Concurrent;

namespace Projector.Server.Jobs;

/// <summary>
/// Final layouts by (dataset, method, options, seed, indices), so asking again answers at once. The
/// oldest are dropped past <see cref="MaxLayouts"/>: a 1M-point layout is 8 MB.
/// </summary>
internal sealed class LayoutCache
{
    public const int MaxLayouts = 32;

    private readonly ConcurrentDictionary<string, FinalLayout> _layouts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _layouts.Count;

    public bool TryGet(string key, out FinalLayout layout) => _layouts.TryGetValue(key, out layout!);

    public void Set(string key, FinalLayout layout)
    {
        if (_layouts.TryAdd(key, layout))
        {
            _order.Enqueue(key);
        }
        else
        {
            _layouts[key] = layout;
        }

        while (_layouts.Count > MaxLayouts && _order.TryDequeue(out var oldest))
        {
            _layouts.TryRemove(oldest, out _);
        }
    }
}
