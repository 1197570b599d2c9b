// The ONNX file is read and edited with OnnxSharp 0.3.2 (MIT), not with a copy of onnx.proto3 compiled
// here: the package carries the classes protoc generates from the ONNX schema (up to ONNX 1.17: IR 10,
// float8/int4 types, model-local functions) on the same Google.Protobuf runtime Core already uses, so
// there is no schema file to vendor and keep in step with ONNX. Google.Protobuf keeps fields it does not
// know when a message is copied and written again, so a model from a newer ONNX survives the one edit we
// make (its outputs, in a copy in memory). The cost is one shared pin: OnnxSharp needs Google.Protobuf
// 3.29 or newer, so the solution pins 3.36.2 (Core's generated TensorBoard classes run on it unchanged).
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Projector.Core;

namespace Projector.Onnx;

/// <summary>
/// An ONNX model read from a file: its inputs, outputs and every intermediate tensor (node output) with
/// element type and shape where the file or ONNX Runtime's shape inference knows them. The file is never
/// written: a layer is exposed by adding it to the outputs of a copy in memory.
/// </summary>
public sealed class OnnxModel
{
    private readonly ModelProto _proto;
    private IReadOnlyList<OnnxTensorInfo>? _inferred;

    private OnnxModel(string path, ModelProto proto, IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs, IReadOnlyList<OnnxTensorInfo> intermediates)
    {
        Path = path;
        _proto = proto;
        Inputs = inputs;
        Outputs = outputs;
        Intermediates = intermediates;
    }

    /// <summary>The file the model was read from.</summary>
    public string Path { get; }

    /// <summary>The inputs a caller feeds (graph inputs that are not initializers, i.e. not weights).</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The graph's outputs, in order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>Every node output that is not a graph output, in node order (outputs of <c>Constant</c> nodes left out).</summary>
    public IReadOnlyList<OnnxTensorInfo> Intermediates { get; }

    /// <summary>The layer embedded when none is named: the graph's first output.</summary>
    public string DefaultLayer => Outputs[0].Name;

    /// <summary>The program that wrote the model and its version (e.g. "pytorch 2.5"), or null.</summary>
    public string? Producer => string.IsNullOrEmpty(_proto.ProducerName) ? null : $"{_proto.ProducerName} {_proto.ProducerVersion}".Trim();

    /// <summary>The default-domain opset the model imports, or null.</summary>
    public long? Opset => _proto.OpsetImport.FirstOrDefault(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx")?.Version;

    /// <summary>Inputs, outputs and intermediate tensors, in that order.</summary>
    public IEnumerable<OnnxTensorInfo> All => Inputs.Concat(Outputs).Concat(Intermediates);

    /// <summary>Reads the model at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing, unreadable or not an ONNX model.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException(path, "cannot read the model: " + e.Message, "Give the path of an .onnx file", inner: e);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>Reads a model from its bytes; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">The bytes are not an ONNX model.</exception>
    public static OnnxModel FromBytes(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(name, bytes, e);
        }

        // Protobuf parses many byte strings as some message; an ONNX model has an IR version and a graph with nodes and outputs.
        if (proto.IrVersion <= 0 || proto.Graph is null || proto.Graph.Node.Count == 0 || proto.Graph.Output.Count == 0)
        {
            throw NotOnnx(name, bytes, null);
        }

        var graph = proto.Graph;
        var declared = new Dictionary<string, ValueInfoProto>(StringComparer.Ordinal);
        foreach (var v in graph.ValueInfo.Concat(graph.Input).Concat(graph.Output))
        {
            declared.TryAdd(v.Name, v);
        }

        var weights = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                producers.TryAdd(output, node);
            }
        }

        OnnxTensorInfo Info(string tensor, TensorRole role)
        {
            producers.TryGetValue(tensor, out var node);
            var (type, shape) = declared.TryGetValue(tensor, out var v) ? Describe(v.Type) : (null, null);
            return new OnnxTensorInfo(tensor, role, type, shape, shape is null ? ShapeSource.Unknown : ShapeSource.Declared, node?.OpType, string.IsNullOrEmpty(node?.Name) ? null : node.Name);
        }

        var inputs = graph.Input.Where(i => !weights.Contains(i.Name)).Select(i => Info(i.Name, TensorRole.Input)).ToList();
        var outputs = graph.Output.Select(o => Info(o.Name, TensorRole.Output)).ToList();
        var outputNames = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var intermediates = graph.Node
            .Where(n => n.OpType != "Constant")
            .SelectMany(n => n.Output)
            .Where(o => o.Length > 0 && !outputNames.Contains(o))
            .Distinct(StringComparer.Ordinal)
            .Select(o => Info(o, TensorRole.Intermediate))
            .ToList();
        return new OnnxModel(name, proto, inputs, outputs, intermediates);
    }

    /// <summary>
    /// The output or node output named <paramref name="name"/>; a node's name stands for its output when it
    /// has one (<c>relu3</c> for the tensor it computes).
    /// </summary>
    /// <exception cref="DataFormatException">No tensor has that name; the message lists the nearest names.</exception>
    public OnnxTensorInfo FindLayer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var layers = Outputs.Concat(Intermediates).ToList();
        if (layers.FirstOrDefault(t => t.Name == name) is { } tensor)
        {
            return tensor;
        }

        return layers.Where(t => t.NodeName == name).ToList() is [var only]
            ? only
            : throw new DataFormatException(Path, $"has no layer named '{name}'", NearestHint(name));
    }

    /// <summary>The input named <paramref name="name"/>, or the only input when null.</summary>
    /// <exception cref="DataFormatException">No input has that name, or the model has more than one input (or none).</exception>
    public OnnxTensorInfo FindInput(string? name)
    {
        if (name is not null)
        {
            var found = Inputs.FirstOrDefault(i => i.Name == name)
                ?? throw new DataFormatException(Path, $"has no input named '{name}'", $"Its inputs: {Names(Inputs)}");
            if (Inputs.Count > 1)
            {
                throw TooManyInputs();
            }

            return found;
        }

        return Inputs.Count switch
        {
            0 => throw new DataFormatException(Path, "has no input to feed (every graph input is a weight)", "Give a model that takes an input"),
            1 => Inputs[0],
            _ => throw TooManyInputs(),
        };
    }

    /// <summary>
    /// Every tensor with the shapes ONNX Runtime infers filled in where the file declares none (marked
    /// <see cref="ShapeSource.Inferred"/>). Costs one session over a copy of the model; when ONNX Runtime
    /// cannot load it, the declared shapes are returned as they are.
    /// </summary>
    public IReadOnlyList<OnnxTensorInfo> WithInferredShapes()
    {
        if (_inferred is not null)
        {
            return _inferred;
        }

        var all = All.ToList();
        var missing = all.Where(t => t.Source == ShapeSource.Unknown && t.Role != TensorRole.Input).Select(t => t.Name).ToList();
        if (missing.Count == 0)
        {
            return _inferred = all;
        }

        try
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            FindExternalData(options);
            using var session = new InferenceSession(WithOutputs(missing), options);
            var meta = session.OutputMetadata;
            _inferred = [.. all.Select(t => t.Source == ShapeSource.Unknown && meta.TryGetValue(t.Name, out var m) && m.IsTensor && m.Dimensions.Length > 0
                ? t with { ElementType = t.ElementType ?? TypeName(m.ElementDataType), Shape = Dims(m), Source = ShapeSource.Inferred }
                : t)];
        }
        catch (OnnxRuntimeException)
        {
            _inferred = all;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw OnnxEmbedder.NativeLibraryMissing(e);
        }

        return _inferred;
    }

    /// <summary>
    /// Lets a session made from the model's bytes find weights kept outside the file (models over 2 GB keep
    /// them in files beside it, named relative to its folder).
    /// </summary>
    internal void FindExternalData(SessionOptions options)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (folder is not null && _proto.Graph.Initializer.Any(t => t.DataLocation == TensorProto.Types.DataLocation.External))
        {
            options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", folder);
        }
    }

    /// <summary>A copy of the model (bytes) whose only outputs are <paramref name="outputs"/>; the file is not touched.</summary>
    internal byte[] WithOutputs(IReadOnlyList<string> outputs)
    {
        var copy = _proto.Clone();
        var declared = copy.Graph.ValueInfo.Concat(copy.Graph.Output).GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        copy.Graph.Output.Clear();
        foreach (var name in outputs)
        {
            // ONNX Runtime infers the type of an output given by name alone.
            copy.Graph.Output.Add(declared.TryGetValue(name, out var v) ? v.Clone() : new ValueInfoProto { Name = name });
        }

        return copy.ToByteArray();
    }

    /// <summary>The names nearest <paramref name="name"/> by edit distance, as a hint.</summary>
    internal string NearestHint(string name)
    {
        // A node's name counts too ("relu3" finds the tensor it computes), shown beside the tensor's.
        var nearest = Outputs.Concat(Intermediates)
            .Select(t => (Tensor: t, Distance: Math.Min(LayerNames.Distance(name.ToLowerInvariant(), t.Name.ToLowerInvariant()), t.NodeName is { } node ? LayerNames.Distance(name.ToLowerInvariant(), node.ToLowerInvariant()) : int.MaxValue)))
            .OrderBy(x => x.Distance)
            .Take(3)
            .Select(x => x.Tensor.NodeName is { } node && node != x.Tensor.Name ? $"{x.Tensor.Name} (node {node})" : x.Tensor.Name)
            .ToList();
        return nearest.Count == 0 ? "The model has no layers" : $"Nearest names: {string.Join(", ", nearest)}";
    }

    private DataFormatException TooManyInputs() =>
        new(Path, $"has {Inputs.Count} inputs ({Names(Inputs)}); embedding feeds one tensor of images or vectors", "Export the model with one input (e.g. the image tensor)");

    private static string Names(IEnumerable<OnnxTensorInfo> tensors) => string.Join(", ", tensors.Select(t => t.Name));

    private static DataFormatException NotOnnx(string name, byte[] bytes, Exception? inner)
    {
        var what = bytes.Length == 0 ? "the file is empty" : "it does not parse as an ONNX ModelProto";
        return new DataFormatException(name, $"is not an ONNX model: {what}", "Export the model to .onnx (torch.onnx.export, tf2onnx) and give that file", byteOffset: bytes.Length == 0 ? null : 0, inner: inner);
    }

    private static (string? Type, IReadOnlyList<OnnxDimension>? Shape) Describe(TypeProto? type)
    {
        if (type?.TensorType is not { } tensor)
        {
            return (type is null || type.ValueCase == TypeProto.ValueOneofCase.None ? null : type.ValueCase.ToString().ToLowerInvariant(), null);
        }

        var name = TypeName((TensorProto.Types.DataType)tensor.ElemType);
        if (tensor.Shape is null)
        {
            return (name, null);
        }

        return (name, [.. tensor.Shape.Dim.Select(d => d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => new OnnxDimension(d.DimValue, null),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => new OnnxDimension(null, d.DimParam),
            _ => new OnnxDimension(null, null),
        })]);
    }

    private static IReadOnlyList<OnnxDimension> Dims(NodeMetadata m) =>
        [.. m.Dimensions.Select((d, i) => d >= 0 ? new OnnxDimension(d, null) : new OnnxDimension(null, i < m.SymbolicDimensions.Length && !string.IsNullOrEmpty(m.SymbolicDimensions[i]) ? m.SymbolicDimensions[i] : null))];

    internal static string TypeName(TensorProto.Types.DataType type) => type switch
    {
        TensorProto.Types.DataType.Float => "float32",
        TensorProto.Types.DataType.Double => "float64",
        TensorProto.Types.DataType.Float16 => "float16",
        TensorProto.Types.DataType.Bfloat16 => "bfloat16",
        TensorProto.Types.DataType.Uint8 => "uint8",
        TensorProto.Types.DataType.Int8 => "int8",
        TensorProto.Types.DataType.Uint16 => "uint16",
        TensorProto.Types.DataType.Int16 => "int16",
        TensorProto.Types.DataType.Int32 => "int32",
        TensorProto.Types.DataType.Int64 => "int64",
        TensorProto.Types.DataType.Uint32 => "uint32",
        TensorProto.Types.DataType.Uint64 => "uint64",
        TensorProto.Types.DataType.Bool => "bool",
        TensorProto.Types.DataType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };

    internal static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Double => "float64",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };
}
