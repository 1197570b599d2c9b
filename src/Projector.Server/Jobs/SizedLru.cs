namespace Projector.Server.Jobs;

/// <summary>
/// Values by key within a byte budget, least recently used first out: a value found or kept becomes the
/// newest, and keeping one past the budget drops the oldest until it fits. A value larger than the whole
/// budget is not kept. Values are managed objects a running job may still hold: dropping one only lets the
/// collector take it once nobody does.
/// </summary>
internal sealed class SizedLru<TValue>(long budgetBytes, Func<TValue, long> sizeOf)
    where TValue : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value, long Bytes)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value, long Bytes)> _order = new();
    private long _bytes;

    /// <summary>The budget, in bytes.</summary>
    public long BudgetBytes => budgetBytes;

    /// <summary>Bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Values held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The value kept under <paramref name="key"/> (now the most recently used), or null.</summary>
    public TValue? Find(string key)
    {
        lock (_lock)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Value;
        }
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, replacing what was there; false when it alone exceeds the budget.</summary>
    public bool Keep(string key, TValue value)
    {
        var bytes = sizeOf(value);
        lock (_lock)
        {
            if (_index.Remove(key, out var old))
            {
                _order.Remove(old);
                _bytes -= old.Value.Bytes;
            }

            if (bytes > budgetBytes)
            {
                return false;
            }

            while (_bytes + bytes > budgetBytes && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _index.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }

            _index[key] = _order.AddFirst((key, value, bytes));
            _bytes += bytes;
            return true;
        }
    }
}
