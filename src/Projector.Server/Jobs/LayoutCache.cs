using System.Collections.Concurrent;

namespace Projector.Server.Jobs;

/// <summary>Final layouts by (dataset, method, options, seed, indices), so asking again answers at once.</summary>
internal sealed class LayoutCache
{
    private readonly ConcurrentDictionary<string, FinalLayout> _layouts = new(StringComparer.Ordinal);

    public bool TryGet(string key, out FinalLayout layout) => _layouts.TryGetValue(key, out layout!);

    public void Set(string key, FinalLayout layout) => _layouts[key] = layout;
}
