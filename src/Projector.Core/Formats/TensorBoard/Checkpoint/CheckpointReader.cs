using System.Text;
using Google.Protobuf;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// Reads a TensorFlow V2 checkpoint (tensor bundle): <c>PREFIX.index</c>, a LevelDB table of
/// <see cref="BundleEntryProto"/>s, and the <c>PREFIX.data-*</c> shards holding the tensor bytes.
/// Hand-written: no NuGet package reads TensorFlow checkpoints or LevelDB tables.
/// </summary>
public sealed class CheckpointReader : IDisposable
{
    private const string VariableSuffix = "/.ATTRIBUTES/VARIABLE_VALUE";

    private readonly Dictionary<string, BundleEntryProto> _entries;
    private readonly Dictionary<string, BundleEntryProto> _slices;
    private readonly Dictionary<string, CheckpointTensorInfo> _infos;
    private readonly int _shardCount;
    private ObjectGraph? _graph;
    private bool _disposed;

    private CheckpointReader(string prefix, int shardCount, Dictionary<string, BundleEntryProto> entries, Dictionary<string, BundleEntryProto> slices, List<CheckpointTensorInfo> tensors)
    {
        Prefix = prefix;
        _shardCount = shardCount;
        _entries = entries;
        _slices = slices;
        Tensors = tensors;
        _infos = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The checkpoint prefix, e.g. <c>dir/model.ckpt-100</c>.</summary>
    public string Prefix { get; }

    /// <summary>Every tensor of the checkpoint (not the header, not the pieces of sliced variables), in key order.</summary>
    public IReadOnlyList<CheckpointTensorInfo> Tensors { get; }

    internal string IndexPath => Prefix + ".index";

    /// <summary>The checkpoint's object graph, read on first use; empty for checkpoints without one.</summary>
    /// <exception cref="DataFormatException">The graph's string tensor is damaged.</exception>
    internal ObjectGraph Graph => _graph ??= ReadGraph();

    /// <summary>Opens a checkpoint by its prefix, its <c>.index</c> file or one of its data shards, and reads the index.</summary>
    /// <exception cref="DataFormatException">The files are missing, damaged or not a V2 checkpoint.</exception>
    public static CheckpointReader Open(string prefix)
    {
        var resolved = CheckpointPrefix.Resolve(prefix);
        var indexPath = resolved + ".index";
        FileConfinement.Check(indexPath, indexPath, prefix);
        BundleHeaderProto? header = null;
        var entries = new Dictionary<string, BundleEntryProto>(StringComparer.Ordinal);
        var slices = new Dictionary<string, BundleEntryProto>(StringComparer.Ordinal);
        var tensors = new List<CheckpointTensorInfo>();
        foreach (var (key, value) in TableReader.ReadAll(indexPath))
        {
            if (key.Length == 0)
            {
                header = Parse(BundleHeaderProto.Parser, value, indexPath, "header");
                continue;
            }

            if (SliceKey.IsSliceKey(key))
            {
                slices[Encoding.Latin1.GetString(key)] = Parse(BundleEntryProto.Parser, value, indexPath, "slice entry");
                continue;
            }

            var name = Encoding.UTF8.GetString(key);
            var entry = Parse(BundleEntryProto.Parser, value, indexPath, $"entry of '{name}'");
            entries[name] = entry;
            var shape = entry.Shape?.Dim.Select(d => d.Size).ToArray() ?? [];
            tensors.Add(new CheckpointTensorInfo(name, TensorDType.Name(entry.Dtype), shape, entry.Slices.Count));
        }

        if (header is null)
        {
            throw new DataFormatException(indexPath, "the index has no header entry (empty key)", "This is not a complete TensorFlow V2 checkpoint index; save the checkpoint again");
        }

        if (header.Endianness == BundleHeaderProto.Types.Endianness.Big)
        {
            throw new DataFormatException(indexPath, "the checkpoint was written on a big-endian machine", "Re-save it on a little-endian machine (x86 or ARM)");
        }

        if (header.NumShards < 1)
        {
            throw new DataFormatException(indexPath, $"the header says the checkpoint has {header.NumShards} data shards", "The index is damaged; save the checkpoint again");
        }

        return new CheckpointReader(resolved, header.NumShards, entries, slices, tensors);
    }

    /// <summary>
    /// The tensor a config or a user calls <paramref name="name"/>, tried in this order: the key itself; the
    /// key without an output suffix such as <c>:0</c>; the key the checkpoint's object graph gives the
    /// variable of that name (older Keras configs say <c>embed/embeddings:0</c> for
    /// <c>layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE</c>); the name with or without
    /// <c>/.ATTRIBUTES/VARIABLE_VALUE</c>. Null when none is in the checkpoint.
    /// </summary>
    /// <exception cref="DataFormatException">The name is no key and the object graph, needed to look further, is damaged.</exception>
    public CheckpointTensorInfo? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = WithoutOutputSuffix(name);
        if ((_infos.GetValueOrDefault(name) ?? _infos.GetValueOrDefault(bare)) is { } direct)
        {
            return direct;
        }

        if (Graph.KeyOf(bare) is { } key && _infos.TryGetValue(key, out var named))
        {
            return named;
        }

        var withoutSuffix = bare.EndsWith(VariableSuffix, StringComparison.Ordinal) ? bare[..^VariableSuffix.Length] : bare;
        return _infos.GetValueOrDefault(bare + VariableSuffix) ?? _infos.GetValueOrDefault(withoutSuffix);
    }

    /// <summary>
    /// The tensor <paramref name="name"/> as an N x D float32 matrix: a 2-D tensor as it is, a 1-D tensor
    /// as N x 1. Unsliced float32 tensors are memory-mapped from the data shard; other numeric dtypes are
    /// converted, and sliced (partitioned) variables are assembled. Dispose the matrix when done.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The tensor is absent, not numeric, not 1-D or 2-D, holds NaN or infinity (unless
    /// <see cref="ReadOptions.AllowNonFinite"/>), or its data shard is missing or too short.
    /// </exception>
    public EmbeddingMatrix ReadMatrix(string name, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= ReadOptions.Default;
        var info = Find(name) ?? throw new DataFormatException(
            IndexPath,
            $"tensor '{name}' is not in the checkpoint",
            $"Use one of the {Tensors.Count} tensors it has: {string.Join(", ", Tensors.Select(t => $"{t.Name} ({t.DType} [{string.Join(", ", t.Shape)}])"))}");
        return TensorLoader.Load(this, info, _entries[info.Name], options);
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    /// <summary>The path of data shard <paramref name="shardId"/>, or an error when the index names no such shard.</summary>
    internal string ShardPath(int shardId, string tensor)
    {
        if (shardId < 0 || shardId >= _shardCount)
        {
            throw new DataFormatException(IndexPath, $"tensor '{tensor}' is in data shard {shardId}, but the checkpoint has {_shardCount} shards", "The index is damaged; save the checkpoint again");
        }

        return CheckpointPrefix.ShardPath(Prefix, shardId, _shardCount);
    }

    /// <summary>Every element of the string tensor <paramref name="info"/>, in row-major order.</summary>
    internal IReadOnlyList<byte[]> ReadStrings(CheckpointTensorInfo info)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = _entries[info.Name];
        if (entry.Dtype != DataType.DtString || entry.Slices.Count > 0)
        {
            throw new DataFormatException(IndexPath, $"tensor '{info.Name}' is not a whole string tensor ({info.DType}, {entry.Slices.Count} slices)", "Pick a string tensor of the checkpoint");
        }

        var elements = 1L;
        foreach (var size in info.Shape)
        {
            // Past the entry's byte size the count is damage (every element takes a byte); stop before it overflows.
            if (size < 0 || (size > 0 && elements > entry.Size / size))
            {
                elements = -1;
                break;
            }

            elements *= size;
        }

        return StringTensor.Read(ShardPath(entry.ShardId, info.Name), info.Name, entry, elements);
    }

    /// <summary>The entry of one slice of a partitioned variable, or null.</summary>
    internal BundleEntryProto? FindSlice(byte[] key) => _slices.GetValueOrDefault(Encoding.Latin1.GetString(key));

    /// <summary>The name without a trailing output index (<c>embedding:0</c> is output 0 of the op <c>embedding</c>).</summary>
    private static string WithoutOutputSuffix(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > 0 && colon < name.Length - 1 && name.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? name[..colon] : name;
    }

    private ObjectGraph ReadGraph()
    {
        if (!_infos.TryGetValue(ObjectGraph.Key, out var info) || _entries[info.Name].Dtype != DataType.DtString)
        {
            return ObjectGraph.Empty;
        }

        var values = ReadStrings(info);
        return values.Count == 1 ? ObjectGraph.Parse(values[0], CheckpointPrefix.ShardPath(Prefix, _entries[info.Name].ShardId, _shardCount)) : ObjectGraph.Empty;
    }

    private static T Parse<T>(MessageParser<T> parser, byte[] value, string path, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new DataFormatException(path, $"the {what} is not a valid protobuf message: {LibraryMessage.Of(e)}", "The index is damaged; save the checkpoint again", inner: e);
        }
    }
}
