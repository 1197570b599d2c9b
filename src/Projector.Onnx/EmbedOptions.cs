namespace Projector.Onnx;

/// <summary>What to do with an output of more than two axes (a convolution's feature map).</summary>
public enum PoolMode
{
    /// <summary>Keep every value: the row is the whole tensor, flattened in its own order.</summary>
    Flatten,

    /// <summary>The mean over the spatial axes: one value per channel.</summary>
    Average,

    /// <summary>The largest value over the spatial axes: one value per channel.</summary>
    Max,
}

/// <summary>Where an image tensor keeps its colour channels.</summary>
public enum ImageLayout
{
    /// <summary>Batch, channels, height, width (PyTorch's order).</summary>
    Nchw,

    /// <summary>Batch, height, width, channels (TensorFlow's and Keras's order).</summary>
    Nhwc,
}

/// <summary>How <see cref="OnnxEmbedder"/> runs a model.</summary>
public sealed record EmbedOptions
{
    /// <summary>The default batch size.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>The tensor whose values become the embedding: an output or any node output; null is the first output.</summary>
    public string? Layer { get; init; }

    /// <summary>The input to feed; null is the model's only input.</summary>
    public string? InputName { get; init; }

    /// <summary>Rows per run of the model (a model whose batch axis is fixed runs that many at a time).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Threads ONNX Runtime and image decoding use; null is every core.</summary>
    public int? Threads { get; init; }

    /// <summary>What to do with a layer of more than two axes.</summary>
    public PoolMode Pool { get; init; } = PoolMode.Flatten;

    /// <summary>
    /// Whether a pooled feature map keeps its channels on the last axis (NHWC, as TensorFlow's tensors) rather
    /// than on the first after the batch (NCHW, as ONNX's Conv and pooling operators produce them).
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>
    /// How pixels or vector values become model inputs: <c>(value · scale − mean) / std</c>. Null: pixels
    /// (0 to 255) are scaled to 0 to 1 and vector values are fed as they are.
    /// </summary>
    public InputNormalization? Normalization { get; init; }

    /// <summary>Channels first or last for a 4-axis image input; null decides from the input's shape.</summary>
    public ImageLayout? Layout { get; init; }

    /// <summary>The width and height images are resized to when the model's input does not fix them.</summary>
    public (int Width, int Height)? ImageSize { get; init; }
}

/// <summary>
/// <c>(value · Scale − Mean[c]) / Std[c]</c> for channel c; one mean or standard deviation applies to every
/// channel. ImageNet models: scale 1/255, mean 0.485,0.456,0.406, std 0.229,0.224,0.225.
/// </summary>
/// <param name="Scale">Multiplies each value first (1/255 turns pixels into 0 to 1); null: 1/255 for pixels, 1 for vectors.</param>
/// <param name="Mean">Subtracted after scaling: one value, or one per channel.</param>
/// <param name="Std">Divides after the mean: one value, or one per channel.</param>
public sealed record InputNormalization(float? Scale, IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Pixels 0 to 255 to 0 to 1.</summary>
    public static InputNormalization Pixels { get; } = new(1f / 255, [0f], [1f]);

    /// <summary>Values fed as they are.</summary>
    public static InputNormalization Identity { get; } = new(1f, [0f], [1f]);

    /// <summary>The scale to use for values whose own default is <paramref name="fallback"/>.</summary>
    internal float ScaleOr(float fallback) => Scale ?? fallback;

    internal float MeanOf(int channel) => Mean.Count == 1 ? Mean[0] : Mean[channel];

    internal float StdOf(int channel) => Std.Count == 1 ? Std[0] : Std[channel];

    /// <summary>The problem with these values for <paramref name="channels"/> channels, or null.</summary>
    internal string? Problem(int channels)
    {
        if (Scale is { } scale && !float.IsFinite(scale))
        {
            return "the scale must be a finite number";
        }

        if (Mean.Count is 0 || (Mean.Count != 1 && Mean.Count != channels))
        {
            return $"the mean has {Mean.Count} values; give one, or one per channel ({channels})";
        }

        if (Std.Count is 0 || (Std.Count != 1 && Std.Count != channels))
        {
            return $"the standard deviation has {Std.Count} values; give one, or one per channel ({channels})";
        }

        return Std.Any(s => !(s != 0 && float.IsFinite(s))) || Mean.Any(m => !float.IsFinite(m))
            ? "the mean must be finite and the standard deviation finite and not 0"
            : null;
    }
}
