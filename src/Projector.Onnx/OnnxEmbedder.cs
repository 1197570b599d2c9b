using System.Runtime.ExceptionServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Onnx;

/// <summary>
/// Runs an ONNX model over images or vectors, in batches on every core, and keeps one layer's values per
/// row as an embedding (a <see cref="Dataset"/> with the input's metadata and, for images, a sprite sheet).
/// </summary>
/// <remarks>
/// The layer is exposed by making it the only output of a copy of the model in memory, so nothing after
/// it (a softmax, say) is computed. Progress is reported as rows done (phase "embedding"), then sprite
/// tiles (phase "sprite"). Not thread-safe: embed one input at a time.
/// </remarks>
public sealed class OnnxEmbedder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly EmbedOptions _options;
    private readonly int _threads;

    private OnnxEmbedder(OnnxModel model, OnnxTensorInfo input, OnnxTensorInfo layer, InferenceSession session, EmbedOptions options, int threads)
    {
        Model = model;
        Input = input;
        Layer = layer;
        _session = session;
        _options = options;
        _threads = threads;
    }

    /// <summary>The model.</summary>
    public OnnxModel Model { get; }

    /// <summary>The input that is fed.</summary>
    public OnnxTensorInfo Input { get; }

    /// <summary>The layer whose values are kept.</summary>
    public OnnxTensorInfo Layer { get; }

    /// <summary>Reads the model at <paramref name="modelPath"/>, checks the input and layer, and starts an ONNX Runtime session.</summary>
    /// <exception cref="DataFormatException">The file is not an ONNX model, the input or layer does not exist, or ONNX Runtime cannot load the model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size or thread count is below 1.</exception>
    public static OnnxEmbedder Open(string modelPath, EmbedOptions? options = null)
    {
        options ??= new EmbedOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads ?? 1, 1, nameof(options));
        return Open(OnnxModel.Load(modelPath), options);
    }

    /// <summary>Starts a session on <paramref name="model"/>; see <see cref="Open(string, EmbedOptions?)"/>.</summary>
    public static OnnxEmbedder Open(OnnxModel model, EmbedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new EmbedOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads ?? 1, 1, nameof(options));
        var input = model.FindInput(options.InputName);
        var layer = model.FindLayer(options.Layer ?? model.DefaultLayer);
        var threads = options.Threads ?? Environment.ProcessorCount;
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        model.FindExternalData(sessionOptions);
        try
        {
            var session = new InferenceSession(model.WithOutputs([layer.Name]), sessionOptions);
            return new OnnxEmbedder(model, input, layer, session, options, threads);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DataFormatException(model.Path, "ONNX Runtime cannot load the model: " + OneLine(e.Message), "Check the model opens in ONNX Runtime 1.32 (CPU)", inner: e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw NativeLibraryMissing(e);
        }
    }

    /// <summary>The error when ONNX Runtime's native library (shipped in its package, per platform) does not load here.</summary>
    internal static PlatformNotSupportedException NativeLibraryMissing(Exception e) => new(
        $"ONNX Runtime's native library (libonnxruntime) does not load on this machine ({OneLine(e.InnerException?.Message ?? e.Message)}); it ships for Linux x64 and arm64 with glibc 2.28 or later and libstdc++, macOS arm64 and Windows x64 and arm64",
        e);

    /// <summary>Embeds every image of <paramref name="images"/>, resized to the model's input; the metadata is its <c>label</c> and <c>file</c> columns, the sprite its images.</summary>
    /// <exception cref="DataFormatException">The model does not take images, or an image cannot be read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Dataset EmbedImages(ImageFolder images, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var plan = InputPlan.ForImages(Input, _options, Model.Path);
        var normalization = Normalization(plan, InputNormalization.Pixels);
        var scale = normalization.ScaleOr(1f / 255);
        var files = images.Files;
        var matrix = Run(plan, files.Count, (start, count, target) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
            Unwrapped(() => Parallel.For(0, count, parallel, i =>
                FillImage(ImageAdapter.Load(files[start + i], plan.Width, plan.Height), plan, normalization, scale, target.Slice(i * plan.RowLength, plan.RowLength).Span)));
        }, images.Root, progress, cancellationToken);
        try
        {
            var sprite = SpriteBuilder.FromFiles(files, plan.Width, plan.Height, progress is null ? null : new TileProgress(progress, files.Count), cancellationToken);
            var warnings = sprite.Note is { } note ? [note] : Array.Empty<string>();
            return new Dataset(Layer.Name, matrix, images.Metadata(), sprite.Sheet, images.Root, "float32", warnings);
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    /// <summary>Embeds every row of <paramref name="data"/>, reshaped row-major to the model's input; its metadata and sprite are kept.</summary>
    /// <exception cref="DataFormatException">The rows do not fit the model's input.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Dataset EmbedVectors(Dataset data, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var source = data.Source ?? data.Name;
        var plan = InputPlan.ForVectors(Input, data.Dimensions, _options, Model.Path, source);
        var normalization = Normalization(plan, InputNormalization.Identity);
        var scale = normalization.ScaleOr(1f);
        var identity = scale == 1f && normalization.Mean.All(m => m == 0) && normalization.Std.All(v => v == 1);
        var matrix = Run(plan, data.Points, (start, count, target) =>
        {
            var values = target.Span;
            data.Matrix.RowBlock(start, count).CopyTo(values);
            if (!identity)
            {
                for (var i = 0; i < count * plan.RowLength; i++)
                {
                    var c = plan.ChannelOf(i % plan.RowLength);
                    values[i] = ((values[i] * scale) - normalization.MeanOf(c)) / normalization.StdOf(c);
                }
            }
        }, source, progress, cancellationToken);
        return new Dataset(Layer.Name, matrix, data.Metadata, data.Sprite, source, "float32", data.Warnings);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private InputNormalization Normalization(InputPlan plan, InputNormalization fallback)
    {
        var n = _options.Normalization ?? fallback;
        return n.Problem(plan.Channels) is { } problem
            ? throw new DataFormatException(Model.Path, $"cannot normalise input '{plan.Name}' ({plan.Channels} channel{(plan.Channels == 1 ? string.Empty : "s")}): {problem}")
            : n;
    }

    // Runs the model batch by batch; fill writes count rows of the input into the span it is given.
    private EmbeddingMatrix Run(InputPlan plan, int rows, Action<int, int, Memory<float>> fill, string source, IProgress<ProjectionProgress>? progress, CancellationToken ct)
    {
        if (rows == 0)
        {
            throw new DataFormatException(source, "has no rows to embed");
        }

        var batch = plan.FixedBatch ?? Math.Min(_options.BatchSize, rows);
        var buffer = new float[checked(batch * plan.RowLength)];
        EmbeddingMatrix? result = null;
        OutputReduction? reduction = null;
        var inputs = new[] { plan.Name };
        var outputs = new[] { Layer.Name };
        progress?.Report(new ProjectionProgress("embedding", 0, rows));
        try
        {
            for (var start = 0; start < rows; start += batch)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(batch, rows - start);
                fill(start, count, buffer.AsMemory(0, count * plan.RowLength));

                // A model that fixes its batch size gets full batches: the last one is padded with zeros and the padding's rows dropped.
                var fed = plan.FixedBatch ?? count;
                buffer.AsSpan(count * plan.RowLength, (fed - count) * plan.RowLength).Clear();
                var shape = plan.ShapeFor(fed);
                using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, fed * plan.RowLength), shape);
                using var results = Execute(inputs, tensor, outputs, shape, ct);
                var output = results[0];
                var info = output.GetTensorTypeAndShape();
                var dims = info.Shape;
                if (dims.Length == 0 || dims[0] != fed)
                {
                    throw new DataFormatException(Model.Path, $"layer '{Layer.Name}' gave shape [{string.Join(", ", dims)}] for a batch of {fed}; its first axis must be the batch", "Pick a layer computed per row");
                }

                var rowDims = dims[1..];
                if (reduction is null)
                {
                    reduction = OutputReduction.For(rowDims, _options.Pool, _options.ChannelsLast);
                    if (reduction.Dimensions == 0)
                    {
                        throw new DataFormatException(Model.Path, $"layer '{Layer.Name}' has no values per row (shape [{string.Join(", ", dims)}])", "Pick another layer");
                    }

                    result = EmbeddingMatrix.Allocate(rows, reduction.Dimensions);
                }
                else if (!rowDims.SequenceEqual(reduction.RowDims))
                {
                    throw new DataFormatException(Model.Path, $"layer '{Layer.Name}' changed shape between batches ([{string.Join(", ", reduction.RowDims)}] then [{string.Join(", ", rowDims)}])", "Pick a layer of a fixed size per row");
                }

                CopyRows(output, info.ElementDataType, reduction, result!, start, count);
                progress?.Report(new ProjectionProgress("embedding", start + count, rows));
            }

            return result!;
        }
        catch
        {
            result?.Dispose();
            throw;
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> Execute(string[] inputs, OrtValue tensor, string[] outputs, long[] shape, CancellationToken ct)
    {
        using var runOptions = new RunOptions();
        using var stop = ct.Register(() => runOptions.Terminate = true);
        try
        {
            return _session.Run(runOptions, inputs, [tensor], outputs);
        }
        catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DataFormatException(Model.Path, $"ONNX Runtime failed on input '{inputs[0]}' of shape [{string.Join(", ", shape)}]: {OneLine(e.Message)}", "Check the input fits the model (size, channels, layout)", inner: e);
        }
    }

    private void CopyRows(OrtValue output, TensorElementType type, OutputReduction reduction, EmbeddingMatrix result, int start, int count)
    {
        var length = reduction.InputLength;
        float[]? converted = type == TensorElementType.Float ? null : new float[length];
        for (var i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row;
            if (converted is null)
            {
                row = output.GetTensorDataAsSpan<float>().Slice(i * length, length);
            }
            else
            {
                Convert(output, type, i * length, converted);
                row = converted;
            }

            reduction.Reduce(row, result.GetWritableRow(start + i));
        }
    }

    private void Convert(OrtValue output, TensorElementType type, int offset, float[] target)
    {
        switch (type)
        {
            case TensorElementType.Double:
                Widen(output.GetTensorDataAsSpan<double>().Slice(offset, target.Length), target, v => (float)v);
                break;
            case TensorElementType.Float16:
                Widen(output.GetTensorDataAsSpan<Float16>().Slice(offset, target.Length), target, v => v.ToFloat());
                break;
            case TensorElementType.BFloat16:
                Widen(output.GetTensorDataAsSpan<BFloat16>().Slice(offset, target.Length), target, v => v.ToFloat());
                break;
            case TensorElementType.Int64:
                Widen(output.GetTensorDataAsSpan<long>().Slice(offset, target.Length), target, v => v);
                break;
            case TensorElementType.Int32:
                Widen(output.GetTensorDataAsSpan<int>().Slice(offset, target.Length), target, v => v);
                break;
            case TensorElementType.UInt8:
                Widen(output.GetTensorDataAsSpan<byte>().Slice(offset, target.Length), target, v => v);
                break;
            case TensorElementType.Int8:
                Widen(output.GetTensorDataAsSpan<sbyte>().Slice(offset, target.Length), target, v => v);
                break;
            default:
                throw new DataFormatException(Model.Path, $"layer '{Layer.Name}' holds {OnnxModel.TypeName(type)} values; an embedding needs numbers", "Pick a layer of floating-point values");
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> values, float[] target, Func<T, float> convert)
    {
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = convert(values[i]);
        }
    }

    private static void FillImage(RgbaImage image, InputPlan plan, InputNormalization n, float scale, Span<float> target)
    {
        var pixels = image.Pixels;
        var area = plan.Width * plan.Height;
        for (var p = 0; p < area; p++)
        {
            var (r, g, b) = (pixels[p * 4], pixels[(p * 4) + 1], pixels[(p * 4) + 2]);
            if (plan.Channels == 1)
            {
                // ITU-R BT.601 luma, as PIL's "L" and OpenCV's grey conversions.
                var grey = (0.299f * r) + (0.587f * g) + (0.114f * b);
                target[p] = ((grey * scale) - n.MeanOf(0)) / n.StdOf(0);
                continue;
            }

            Span<float> rgb = [r, g, b];
            for (var c = 0; c < 3; c++)
            {
                var index = plan.Layout == ImageLayout.Nhwc ? (p * 3) + c : (c * area) + p;
                target[index] = ((rgb[c] * scale) - n.MeanOf(c)) / n.StdOf(c);
            }
        }
    }

    // Parallel.For wraps what a row throws; the user sees the row's own error.
    private static void Unwrapped(Action action)
    {
        try
        {
            action();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is DataFormatException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private sealed class TileProgress(IProgress<ProjectionProgress> progress, int total) : IProgress<int>
    {
        public void Report(int value) => progress.Report(new ProjectionProgress("sprite", value, total));
    }
}
