using Google.Protobuf;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// The variable names a TF2 object-based checkpoint records in its object graph: configs written by
/// older Keras name a tensor by the variable's name (<c>embed/embeddings:0</c>), while the checkpoint
/// keys it by object path (<c>layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE</c>).
/// </summary>
internal sealed class ObjectGraph
{
    /// <summary>The key of the string tensor holding a serialized <c>TrackableObjectGraph</c>.</summary>
    public const string Key = "_CHECKPOINTABLE_OBJECT_GRAPH";

    private readonly Dictionary<string, string> _keyByName;
    private readonly Dictionary<string, string> _nameByKey;

    private ObjectGraph(Dictionary<string, string> keyByName, Dictionary<string, string> nameByKey)
    {
        _keyByName = keyByName;
        _nameByKey = nameByKey;
    }

    /// <summary>The graph of a checkpoint without one (TF1 <c>Saver</c> checkpoints): it knows no names.</summary>
    public static ObjectGraph Empty { get; } = new([], []);

    /// <summary>Parses a serialized <c>TrackableObjectGraph</c> read from <paramref name="path"/>.</summary>
    public static ObjectGraph Parse(byte[] serialized, string path)
    {
        TrackableObjectGraph graph;
        try
        {
            graph = TrackableObjectGraph.Parser.ParseFrom(serialized);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new DataFormatException(path, $"the checkpoint's object graph ({Key}) is not a valid protobuf message: {e.Message}", "The checkpoint is damaged; save it again", inner: e);
        }

        var keyByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in graph.Nodes.SelectMany(n => n.Attributes))
        {
            if (attribute.FullName.Length > 0 && attribute.CheckpointKey.Length > 0)
            {
                keyByName.TryAdd(attribute.FullName, attribute.CheckpointKey);
                nameByKey.TryAdd(attribute.CheckpointKey, attribute.FullName);
            }
        }

        return new ObjectGraph(keyByName, nameByKey);
    }

    /// <summary>The checkpoint key of the variable the program called <paramref name="variableName"/>, or null.</summary>
    public string? KeyOf(string variableName) => _keyByName.GetValueOrDefault(variableName);

    /// <summary>The name the program gave the variable stored under <paramref name="key"/>, or null.</summary>
    public string? NameOf(string key) => _nameByKey.GetValueOrDefault(key);
}
