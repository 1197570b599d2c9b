using Google.Protobuf;
using Onnx;

namespace Projector.Onnx.Tests;

/// <summary>
/// Small ONNX models written in C# (no Python, no download): an MLP (Gemm, Relu, Softmax) and a CNN (Conv,
/// Relu, MaxPool, Flatten, Gemm, Softmax), with weights from a seed so tests can compute the same layers
/// independently. Shared with the CLI tests and the benchmarks.
/// </summary>
internal static class TestModels
{
    /// <summary>The MLP: x [N, inputs] → fc1 (Gemm) → relu1 → fc2 (Gemm) → probs (Softmax).</summary>
    public sealed record Mlp(byte[] Bytes, int Inputs, int Hidden, int Classes, float[] W1, float[] B1, float[] W2, float[] B2);

    /// <summary>
    /// The CNN: x [N, C, H, W] (or [N, H, W, C] with a Transpose first) → conv (3x3, pad 1) → conv_relu →
    /// pool (MaxPool 2x2) → flat (Flatten) → logits (Gemm) → probs (Softmax).
    /// </summary>
    public sealed record Cnn(byte[] Bytes, int Channels, int Side, int Filters, int Classes, float[] ConvW, float[] ConvB, float[] FcW, float[] FcB, bool ChannelsLast);

    public static Mlp BuildMlp(int inputs = 4, int hidden = 8, int classes = 3, int seed = 1, string batch = "N", bool declareHidden = false, long? fixedBatch = null)
    {
        var random = new Random(seed);
        var w1 = Weights(random, hidden * inputs);
        var b1 = Weights(random, hidden);
        var w2 = Weights(random, classes * hidden);
        var b2 = Weights(random, classes);
        var g = new GraphBuilder("mlp");
        var n = fixedBatch is { } fb ? Dim(fb) : Dim(batch);
        g.Input("x", n, Dim(inputs));
        g.Weight("W1", w1, hidden, inputs).Weight("B1", b1, hidden).Weight("W2", w2, classes, hidden).Weight("B2", b2, classes);
        g.Node("Gemm", "fc1", ["x", "W1", "B1"], ["h1"], Int("transB", 1));
        g.Node("Relu", "relu1", ["h1"], ["r1"]);
        g.Node("Gemm", "fc2", ["r1", "W2", "B2"], ["logits"], Int("transB", 1));
        g.Node("Softmax", "softmax", ["logits"], ["probs"], Int("axis", 1));
        if (declareHidden)
        {
            g.ValueInfo("r1", n, Dim(hidden));
        }

        g.Output("probs", n, Dim(classes));
        return new Mlp(g.Build(), inputs, hidden, classes, w1, b1, w2, b2);
    }

    public static Cnn BuildCnn(int channels = 1, int side = 8, int filters = 4, int classes = 5, bool channelsLast = false, int seed = 2)
    {
        var random = new Random(seed);
        var convW = Weights(random, filters * channels * 9);
        var convB = Weights(random, filters);
        var pooled = side / 2;
        var flat = filters * pooled * pooled;
        var fcW = Weights(random, classes * flat, 0.2);
        var fcB = Weights(random, classes);
        var g = new GraphBuilder("cnn");
        var x = "x";
        if (channelsLast)
        {
            g.Input("x", Dim("N"), Dim(side), Dim(side), Dim(channels));
            g.Node("Transpose", "to_nchw", ["x"], ["x_nchw"], Ints("perm", 0, 3, 1, 2));
            x = "x_nchw";
        }
        else
        {
            g.Input("x", Dim("N"), Dim(channels), Dim(side), Dim(side));
        }

        g.Weight("conv_w", convW, filters, channels, 3, 3).Weight("conv_b", convB, filters).Weight("fc_w", fcW, classes, flat).Weight("fc_b", fcB, classes);
        g.Node("Conv", "conv", [x, "conv_w", "conv_b"], ["conv_out"], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1));
        g.Node("Relu", "conv_relu", ["conv_out"], ["conv_act"]);
        g.Node("MaxPool", "pool", ["conv_act"], ["pooled"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        g.Node("Flatten", "flat", ["pooled"], ["flat_out"], Int("axis", 1));
        g.Node("Gemm", "fc", ["flat_out", "fc_w", "fc_b"], ["logits"], Int("transB", 1));
        g.Node("Softmax", "softmax", ["logits"], ["probs"], Int("axis", 1));
        g.Output("probs", Dim("N"), Dim(classes));
        return new Cnn(g.Build(), channels, side, filters, classes, convW, convB, fcW, fcB, channelsLast);
    }

    /// <summary>
    /// A CNN for 28 x 28 digits (as MNIST): two conv/relu/pool stages (8 and 16 filters), a 64-wide hidden
    /// layer (<c>embedding</c>) and 10 classes. <paramref name="drift"/> moves every weight by that many times a
    /// fixed random step, like the checkpoints of a run.
    /// </summary>
    public static byte[] BuildDigitCnn(int seed = 3, double drift = 0)
    {
        var random = new Random(seed);
        var noise = new Random(seed + 1000);
        float[] W(int count, double scale = 0.5)
        {
            var w = Weights(random, count, scale);
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += (float)(drift * scale * 0.05 * ((noise.NextDouble() * 2) - 1));
            }

            return w;
        }

        var g = new GraphBuilder("digits");
        g.Input("image", Dim("batch"), Dim(1), Dim(28), Dim(28));
        g.Weight("c1_w", W(8 * 1 * 9), 8, 1, 3, 3).Weight("c1_b", W(8), 8);
        g.Weight("c2_w", W(16 * 8 * 9, 0.2), 16, 8, 3, 3).Weight("c2_b", W(16), 16);
        g.Weight("f1_w", W(64 * 784, 0.05), 64, 784).Weight("f1_b", W(64), 64);
        g.Weight("f2_w", W(10 * 64, 0.2), 10, 64).Weight("f2_b", W(10), 10);
        g.Node("Conv", "conv1", ["image", "c1_w", "c1_b"], ["c1"], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));
        g.Node("Relu", "relu1", ["c1"], ["r1"]);
        g.Node("MaxPool", "pool1", ["r1"], ["p1"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        g.Node("Conv", "conv2", ["p1", "c2_w", "c2_b"], ["c2"], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));
        g.Node("Relu", "relu2", ["c2"], ["r2"]);
        g.Node("MaxPool", "pool2", ["r2"], ["p2"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        g.Node("Flatten", "flatten", ["p2"], ["flat"], Int("axis", 1));
        g.Node("Gemm", "fc1", ["flat", "f1_w", "f1_b"], ["hidden"], Int("transB", 1));
        g.Node("Relu", "relu3", ["hidden"], ["embedding"]);
        g.Node("Gemm", "fc2", ["embedding", "f2_w", "f2_b"], ["logits"], Int("transB", 1));
        g.Node("Softmax", "softmax", ["logits"], ["probs"], Int("axis", 1));
        g.Output("probs", Dim("batch"), Dim(10));
        return g.Build();
    }

    private static float[] Weights(Random random, int count, double scale = 0.5) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale))];

    private static TensorShapeProto.Types.Dimension Dim(long value) => new() { DimValue = value };

    private static TensorShapeProto.Types.Dimension Dim(string symbol) => new() { DimParam = symbol };

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    /// <summary>Writes a ModelProto node by node.</summary>
    private sealed class GraphBuilder(string name)
    {
        private readonly GraphProto _graph = new() { Name = name };

        public GraphBuilder Input(string tensor, params TensorShapeProto.Types.Dimension[] dims)
        {
            _graph.Input.Add(Value(tensor, dims));
            return this;
        }

        public GraphBuilder Output(string tensor, params TensorShapeProto.Types.Dimension[] dims)
        {
            _graph.Output.Add(Value(tensor, dims));
            return this;
        }

        public GraphBuilder ValueInfo(string tensor, params TensorShapeProto.Types.Dimension[] dims)
        {
            _graph.ValueInfo.Add(Value(tensor, dims));
            return this;
        }

        public GraphBuilder Weight(string tensor, float[] values, params long[] dims)
        {
            var t = new TensorProto { Name = tensor, DataType = (int)TensorProto.Types.DataType.Float };
            t.Dims.Add(dims);
            t.FloatData.Add(values);
            _graph.Initializer.Add(t);
            return this;
        }

        public GraphBuilder Node(string op, string nodeName, string[] inputs, string[] outputs, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = op, Name = nodeName };
            node.Input.Add(inputs);
            node.Output.Add(outputs);
            node.Attribute.Add(attributes);
            _graph.Node.Add(node);
            return this;
        }

        public byte[] Build()
        {
            var model = new ModelProto { IrVersion = 8, Graph = _graph, ProducerName = "projector-tests", ProducerVersion = "1" };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
            return model.ToByteArray();
        }

        private static ValueInfoProto Value(string tensor, TensorShapeProto.Types.Dimension[] dims)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(dims);
            return new ValueInfoProto
            {
                Name = tensor,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
            };
        }
    }
}
