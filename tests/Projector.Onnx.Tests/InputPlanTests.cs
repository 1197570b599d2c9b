using Projector.Core;

namespace Projector.Onnx.Tests;

public sealed class InputPlanTests
{
    [Theory]
    [InlineData("N,3,32,24", ImageLayout.Nchw, 3, 24, 32)]
    [InlineData("N,32,24,3", ImageLayout.Nhwc, 3, 24, 32)]
    [InlineData("N,1,28,28", ImageLayout.Nchw, 1, 28, 28)]
    [InlineData("N,28,28,1", ImageLayout.Nhwc, 1, 28, 28)]
    [InlineData("N,28,28", ImageLayout.Nchw, 1, 28, 28)]
    [InlineData("N,784", ImageLayout.Nhwc, 1, 28, 28)]
    [InlineData("N,3072", ImageLayout.Nhwc, 3, 32, 32)]
    public void The_input_shape_tells_the_image_size_channels_and_layout(string shape, ImageLayout layout, int channels, int width, int height)
    {
        var plan = InputPlan.ForImages(Input(shape), new EmbedOptions(), "m.onnx");

        Assert.Equal((layout, channels, width, height), (plan.Layout, plan.Channels, plan.Width, plan.Height));
        Assert.Null(plan.FixedBatch);
        Assert.Equal(channels * width * height, plan.RowLength);
    }

    [Fact]
    public void A_model_of_any_image_size_needs_one()
    {
        var e = Assert.Throws<DataFormatException>(() => InputPlan.ForImages(Input("N,3,H,W"), new EmbedOptions(), "m.onnx"));
        Assert.Contains("input 'x' [N, 3, H, W] takes images of any size", e.Message, StringComparison.Ordinal);

        var plan = InputPlan.ForImages(Input("N,3,H,W"), new EmbedOptions { ImageSize = (40, 30) }, "m.onnx");
        Assert.Equal([3L, 30, 40], plan.RowDims);
    }

    [Theory]
    [InlineData("N,4,8,8", "cannot tell which axis holds the colour channels")]
    [InlineData("N,8,8,5", "cannot tell which axis holds the colour channels")]
    [InlineData("N,10", "takes 10 values per row, not a square grey or RGB image")]
    [InlineData("N,2,3,4,5", "has 5 axes")]
    [InlineData("0,3,8,8", "has a batch axis of size 0")]
    public void An_input_images_cannot_fill_says_why(string shape, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => InputPlan.ForImages(Input(shape), new EmbedOptions(), "m.onnx"));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_batch_and_a_given_layout_are_kept()
    {
        // Both axes could hold channels; alone, the first is taken.
        var plan = InputPlan.ForImages(Input("8,3,16,3"), new EmbedOptions { Layout = ImageLayout.Nhwc }, "m.onnx");

        Assert.Equal(8, plan.FixedBatch);
        Assert.Equal((ImageLayout.Nhwc, 3, 16, 3), (plan.Layout, plan.Channels, plan.Width, plan.Height));
        Assert.Equal(ImageLayout.Nchw, InputPlan.ForImages(Input("8,3,16,3"), new EmbedOptions(), "m.onnx").Layout);
    }

    [Theory]
    [InlineData("N,1,28,28", 784, new long[] { 1, 28, 28 })]
    [InlineData("N,T,16", 64, new long[] { 4, 16 })]
    [InlineData("N,D", 7, new long[] { 7 })]
    public void Vectors_fill_the_input_row_major(string shape, int dims, long[] rowDims)
    {
        Assert.Equal(rowDims, InputPlan.ForVectors(Input(shape), dims, new EmbedOptions(), "m.onnx", "v.npy").RowDims);
    }

    [Theory]
    [InlineData("N,1,28,28", 100, "takes 784 per row")]
    [InlineData("N,T,16", 20, "takes a multiple of 16 per row")]
    [InlineData("N,A,B", 20, "takes a size it does not fix per row")]
    public void Vectors_of_the_wrong_length_say_what_fits(string shape, int dims, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => InputPlan.ForVectors(Input(shape), dims, new EmbedOptions(), "m.onnx", "v.npy"));

        Assert.StartsWith("v.npy: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_float32_inputs_are_fed()
    {
        var input = Input("N,4") with { ElementType = "int64" };

        var e = Assert.Throws<DataFormatException>(() => InputPlan.ForVectors(input, 4, new EmbedOptions(), "m.onnx", "v.npy"));

        Assert.Contains("input 'x' is int64", e.Message, StringComparison.Ordinal);
    }

    private static OnnxTensorInfo Input(string shape) => new(
        "x",
        TensorRole.Input,
        "float32",
        [.. shape.Split(',').Select(d => long.TryParse(d, out var v) ? new OnnxDimension(v, null) : new OnnxDimension(null, d))],
        ShapeSource.Declared,
        null,
        null);
}
