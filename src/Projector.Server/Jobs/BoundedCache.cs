using System.Collections.Concurrent;

namespace Projector.Server.Jobs;

/// <summary>Values by key, at most a fixed number: past it the oldest key set is dropped.</summary>
internal class BoundedCache<TValue>(int capacity)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _values.Count;

    public bool TryGet(string key, out TValue value) => _values.TryGetValue(key, out value!);

    public void Set(string key, TValue value)
    {
        if (_values.TryAdd(key, value))
        {
            _order.Enqueue(key);
        }
        else
        {
            _values[key] = value;
        }

        while (_values.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _values.TryRemove(oldest, out _);
        }
    }
}
