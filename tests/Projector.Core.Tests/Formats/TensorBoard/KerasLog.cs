using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;
using static Projector.Core.Formats.TensorBoard.Protos.TrackableObjectGraph.Types.TrackableObject.Types;

namespace Projector.Core.Tests.Formats.TensorBoard;

/// <summary>How the Keras TensorBoard callback spelled <c>tensor_name</c> in the config.</summary>
public enum KerasNaming
{
    /// <summary>TF 2.0 to 2.2: the variable's name, <c>embed/embeddings:0</c>.</summary>
    VariableName,

    /// <summary>Later releases: the object path, <c>layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE</c>.</summary>
    ObjectPath,
}

/// <summary>
/// Writes the log folder that <c>tf.keras.callbacks.TensorBoard(log_dir, embeddings_freq=1)</c> leaves
/// after two epochs of an Embedding + Dense model trained with Adam: the config in the log dir, the
/// checkpoints <c>train/keras_embedding.ckpt-1</c> and <c>-2</c> (object-based, with the object graph and
/// optimizer slots), event files in <c>train/</c> and <c>validation/</c>. Values differ by step.
/// </summary>
public static class KerasLog
{
    public const int Words = 6;
    public const int Dimensions = 4;
    public const int Units = 3;
    public const string VariableName = "embed/embeddings:0";
    public const string EmbeddingKey = "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE";
    public const string KernelKey = "layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE";
    public const string BiasKey = "layer_with_weights-1/bias/.ATTRIBUTES/VARIABLE_VALUE";
    public const string CountsKey = "layer_with_weights-2/counts/.ATTRIBUTES/VARIABLE_VALUE";

    public static readonly string[] WordList = ["the", "cat", "sat", "on", "a", "mat"];

    /// <summary>Writes the log under <paramref name="folder"/>/logs and returns that folder.</summary>
    public static string Write(string folder, KerasNaming naming, string? tensorName = null)
    {
        var logs = Path.Combine(folder, "logs");
        var train = Path.Combine(logs, "train");
        Directory.CreateDirectory(train);
        Directory.CreateDirectory(Path.Combine(logs, "validation"));
        tensorName ??= naming == KerasNaming.VariableName ? VariableName : EmbeddingKey;
        File.WriteAllText(Path.Combine(logs, "projector_config.pbtxt"), $"embeddings {{\n  tensor_name: \"{tensorName}\"\n  metadata_path: \"metadata.tsv\"\n}}\n");
        File.WriteAllText(Path.Combine(logs, "metadata.tsv"), string.Join('\n', WordList) + "\n");

        // Summaries are not read; the files only make the folders look like Keras's.
        File.WriteAllBytes(Path.Combine(train, "events.out.tfevents.1700000000.host.1.0.v2"), new byte[24]);
        File.WriteAllBytes(Path.Combine(logs, "validation", "events.out.tfevents.1700000001.host.1.1.v2"), new byte[24]);
        for (var step = 1; step <= 2; step++)
        {
            WriteCheckpoint(Path.Combine(train, $"keras_embedding.ckpt-{step}"), step);
        }

        // Keras's save_weights lists only the checkpoint it just wrote.
        File.WriteAllText(Path.Combine(train, "checkpoint"), "model_checkpoint_path: \"keras_embedding.ckpt-2\"\nall_model_checkpoint_paths: \"keras_embedding.ckpt-2\"\n");
        return logs;
    }

    /// <summary>The embedding at <paramref name="step"/>, row-major: 100 x step + 10 x row + column.</summary>
    public static float[] Embedding(int step) => Values(Words, Dimensions, (r, c) => (100 * step) + (10 * r) + c);

    /// <summary>The Dense kernel at <paramref name="step"/>.</summary>
    public static float[] Kernel(int step) => Values(Dimensions, Units, (r, c) => -(100 * step) - (10 * r) - c);

    private static void WriteCheckpoint(string prefix, int step)
    {
        const string SlotM = "layer_with_weights-0/embeddings/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE";
        const string SlotV = "layer_with_weights-0/embeddings/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE";
        const string KernelM = "layer_with_weights-1/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE";
        List<BundleItem> items =
        [
            CheckpointWriter.Strings(ObjectGraph.Key, [], [Graph().ToByteArray()]),
            CheckpointWriter.Matrix(EmbeddingKey, EmbeddingMatrix.FromArray(Embedding(step), Words, Dimensions)),
            CheckpointWriter.Matrix(SlotM, EmbeddingMatrix.FromArray(Values(Words, Dimensions, (_, _) => 0.5f), Words, Dimensions)),
            CheckpointWriter.Matrix(SlotV, EmbeddingMatrix.FromArray(Values(Words, Dimensions, (_, _) => 0.25f), Words, Dimensions)),
            CheckpointWriter.Matrix(KernelKey, EmbeddingMatrix.FromArray(Kernel(step), Dimensions, Units)),
            CheckpointWriter.Matrix(KernelM, EmbeddingMatrix.FromArray(Values(Dimensions, Units, (_, _) => 0.75f), Dimensions, Units)),
            Raw(BiasKey, DataType.DtFloat, [Units], Floats(1, 2, 3)),
            Raw(CountsKey, DataType.DtInt32, [Words, 2], new byte[Words * 2 * sizeof(int)]),
            Raw("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE", DataType.DtInt64, [], BitConverter.GetBytes((long)step * 10)),
            Raw("optimizer/learning_rate/.ATTRIBUTES/VARIABLE_VALUE", DataType.DtFloat, [], Floats(0.001f)),
            Raw("save_counter/.ATTRIBUTES/VARIABLE_VALUE", DataType.DtInt64, [], BitConverter.GetBytes((long)step)),
        ];
        CheckpointWriter.WriteItems(prefix, items);
    }

    /// <summary>The object graph Keras saves for Sequential([Embedding(name="embed"), Dense, counts]) and Adam.</summary>
    private static TrackableObjectGraph Graph()
    {
        var graph = new TrackableObjectGraph();
        TrackableObjectGraph.Types.TrackableObject Node(params (string Name, int Id)[] children)
        {
            var node = new TrackableObjectGraph.Types.TrackableObject();
            node.Children.AddRange(children.Select(c => new ObjectReference { LocalName = c.Name, NodeId = c.Id }));
            graph.Nodes.Add(node);
            return node;
        }

        void Variable(string fullName, string key) =>
            Node().Attributes.Add(new SerializedTensor { Name = "VARIABLE_VALUE", FullName = fullName, CheckpointKey = key });

        Node(("layer_with_weights-0", 1), ("layer-0", 1), ("layer_with_weights-1", 2), ("layer-1", 2), ("layer_with_weights-2", 3), ("optimizer", 4), ("save_counter", 16)); // 0: model
        Node(("embeddings", 5)); // 1
        Node(("kernel", 6), ("bias", 7)); // 2
        Node(("counts", 8)); // 3
        var optimizer = Node(("iter", 9), ("learning_rate", 10)); // 4
        optimizer.SlotVariables.Add(new SlotVariableReference { OriginalVariableNodeId = 5, SlotName = "m", SlotVariableNodeId = 11 });
        optimizer.SlotVariables.Add(new SlotVariableReference { OriginalVariableNodeId = 5, SlotName = "v", SlotVariableNodeId = 12 });
        optimizer.SlotVariables.Add(new SlotVariableReference { OriginalVariableNodeId = 6, SlotName = "m", SlotVariableNodeId = 13 });
        Variable("embed/embeddings", EmbeddingKey); // 5
        Variable("dense/kernel", KernelKey); // 6
        Variable("dense/bias", BiasKey); // 7
        Variable("counts/counts", CountsKey); // 8
        Variable("Adam/iter", "optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE"); // 9
        Variable("Adam/learning_rate", "optimizer/learning_rate/.ATTRIBUTES/VARIABLE_VALUE"); // 10
        Variable("Adam/embed/embeddings/m", "layer_with_weights-0/embeddings/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE"); // 11
        Variable("Adam/embed/embeddings/v", "layer_with_weights-0/embeddings/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE"); // 12
        Variable("Adam/dense/kernel/m", "layer_with_weights-1/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE"); // 13
        Node(); // 14, 15: objects without variables (Keras tracks layers' configs this way)
        Node();
        Variable("save_counter", "save_counter/.ATTRIBUTES/VARIABLE_VALUE"); // 16
        return graph;
    }

    private static BundleItem Raw(string key, DataType dtype, long[] shape, byte[] data) =>
        new(Encoding.UTF8.GetBytes(key), new BundleEntryProto { Dtype = dtype, Shape = CheckpointWriter.Shape(shape) }, sink => sink(data));

    private static float[] Values(int rows, int columns, Func<int, int, float> value)
    {
        var values = new float[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = value(r, c);
            }
        }

        return values;
    }

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}
