namespace Projector.Onnx;

/// <summary>
/// Turns one row of a layer's output (all axes after the batch axis) into an embedding row: as it is for
/// vectors, flattened or pooled over the spatial axes for feature maps. Channels are the first axis after
/// the batch (NCHW, ONNX's convention) or, when asked, the last (NHWC, as TensorFlow's tensors).
/// </summary>
internal sealed class OutputReduction
{
    private readonly PoolMode _pool;
    private readonly int _channels;
    private readonly int _spatial;
    private readonly bool _channelsLast;

    private OutputReduction(long[] rowDims, PoolMode pool, bool channelsLast)
    {
        RowDims = rowDims;
        var length = checked((int)rowDims.Aggregate(1L, (a, b) => a * b));
        InputLength = length;
        _channelsLast = channelsLast;
        _pool = rowDims.Length >= 2 ? pool : PoolMode.Flatten;
        if (_pool == PoolMode.Flatten)
        {
            Dimensions = length;
            _channels = length;
            _spatial = 1;
        }
        else
        {
            _channels = checked((int)(channelsLast ? rowDims[^1] : rowDims[0]));
            _spatial = _channels == 0 ? 0 : length / _channels;
            Dimensions = _channels;
        }
    }

    /// <summary>The output's axes after the batch axis.</summary>
    public long[] RowDims { get; }

    /// <summary>Values per output row.</summary>
    public int InputLength { get; }

    /// <summary>Values per embedding row.</summary>
    public int Dimensions { get; }

    /// <summary>Whether values are pooled rather than copied.</summary>
    public bool Pools => _pool != PoolMode.Flatten;

    public static OutputReduction For(long[] rowDims, PoolMode pool, bool channelsLast) => new(rowDims, pool, channelsLast);

    /// <summary>Writes the embedding row of <paramref name="values"/> (one output row) to <paramref name="target"/>.</summary>
    public void Reduce(ReadOnlySpan<float> values, Span<float> target)
    {
        if (_pool == PoolMode.Flatten)
        {
            values.CopyTo(target);
            return;
        }

        var max = _pool == PoolMode.Max;
        for (var c = 0; c < _channels; c++)
        {
            double sum = 0;
            var best = float.NegativeInfinity;
            for (var s = 0; s < _spatial; s++)
            {
                var v = _channelsLast ? values[(s * _channels) + c] : values[(c * _spatial) + s];
                sum += v;
                best = v > best || float.IsNaN(v) ? v : best;
            }

            target[c] = max ? best : _spatial == 0 ? 0f : (float)(sum / _spatial);
        }
    }
}
