using Google.Protobuf;
using Onnx;
using Projector.Core;

namespace Projector.Onnx.Tests;

public sealed class OnnxModelTests
{
    [Fact]
    public void Lists_the_input_the_output_and_every_node_output_in_graph_order()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx");

        var input = Assert.Single(model.Inputs);
        Assert.Equal(("x", "[N, 4]", ShapeSource.Declared), (input.Name, input.ShapeText, input.Source));
        Assert.Equal("probs", Assert.Single(model.Outputs).Name);
        Assert.Equal(["h1", "r1", "logits"], model.Intermediates.Select(t => t.Name));
        Assert.Equal(["Gemm", "Relu", "Gemm"], model.Intermediates.Select(t => t.OpType));
        Assert.Equal("relu1", model.Intermediates[1].NodeName);
        Assert.All(model.Intermediates, t => Assert.Equal(ShapeSource.Unknown, t.Source));
        Assert.Equal("unknown", model.Intermediates[0].ShapeText);
        Assert.Equal("probs", model.DefaultLayer);
        Assert.Equal(13, model.Opset);
        Assert.Equal("projector-tests 1", model.Producer);
    }

    [Fact]
    public void Shapes_the_file_does_not_declare_are_inferred_by_onnx_runtime()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp(hidden: 6).Bytes, "mlp.onnx");

        var r1 = model.WithInferredShapes().Single(t => t.Name == "r1");

        Assert.Equal(ShapeSource.Inferred, r1.Source);
        Assert.Equal("float32", r1.ElementType);
        Assert.Equal(6, r1.Shape![1].Value);
        Assert.Null(r1.Shape[0].Value);
    }

    [Fact]
    public void A_shape_in_value_info_is_declared()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp(declareHidden: true).Bytes, "mlp.onnx");

        var r1 = model.Intermediates.Single(t => t.Name == "r1");

        Assert.Equal((ShapeSource.Declared, "[N, 8]"), (r1.Source, r1.ShapeText));
    }

    [Fact]
    public void Weights_listed_among_the_graph_inputs_are_not_inputs()
    {
        // Models of IR version 3 list every initializer as a graph input too.
        var proto = ModelProto.Parser.ParseFrom(TestModels.BuildMlp().Bytes);
        proto.Graph.Input.Add(new ValueInfoProto { Name = "W1" });

        var model = OnnxModel.FromBytes(proto.ToByteArray(), "old.onnx");

        Assert.Equal("x", Assert.Single(model.Inputs).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name,value\nfc1,3\n")]
    [InlineData("\u0089PNG\r\n\u001a\n")]
    public void A_file_that_is_not_onnx_says_so(string content)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(content);

        var e = Assert.Throws<DataFormatException>(() => OnnxModel.FromBytes(bytes, "model.onnx"));

        Assert.Contains("model.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not an ONNX model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_file_is_a_format_error()
    {
        var e = Assert.Throws<DataFormatException>(() => OnnxModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.onnx")));

        Assert.Contains("cannot read the model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_layer_names_the_nearest_ones()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx");

        var e = Assert.Throws<DataFormatException>(() => model.FindLayer("r2"));

        Assert.Contains("has no layer named 'r2'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Nearest names: r1 (node relu1), h1 (node fc1)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_node_name_stands_for_its_one_output()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx");

        Assert.Equal("r1", model.FindLayer("relu1").Name);
        Assert.Equal("probs", model.FindLayer("softmax").Name);
        Assert.Contains("Nearest names: r1 (node relu1)", Assert.Throws<DataFormatException>(() => model.FindLayer("relu2")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_input_names_the_inputs()
    {
        var model = OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx");

        var e = Assert.Throws<DataFormatException>(() => model.FindInput("image"));

        Assert.Contains("has no input named 'image'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Its inputs: x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_distance_counts_insertions_deletions_and_substitutions()
    {
        Assert.Equal(0, LayerNames.Distance("relu", "relu"));
        Assert.Equal(1, LayerNames.Distance("relu1", "relu"));
        Assert.Equal(3, LayerNames.Distance("kitten", "sitting"));
    }
}
