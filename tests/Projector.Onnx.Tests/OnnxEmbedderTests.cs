using System.Security.Cryptography;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Imaging.Png;

namespace Projector.Onnx.Tests;

/// <summary>Real ONNX Runtime sessions over the models of <see cref="TestModels"/>, checked against <see cref="Reference"/>.</summary>
public sealed class OnnxEmbedderTests
{
    [Fact]
    public void A_hidden_layer_equals_the_same_layer_computed_independently()
    {
        using var dir = new TempDir();
        var mlp = TestModels.BuildMlp();
        var (x, data) = Vectors(10, mlp.Inputs, seed: 5);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(dir.Write("mlp.onnx", mlp.Bytes), new EmbedOptions { Layer = "r1" });

        using var result = embedder.EmbedVectors(data);

        Assert.Equal((10, mlp.Hidden, "r1"), (result.Points, result.Dimensions, result.Name));
        Reference.Close(Reference.Relu(Reference.Gemm(x, 10, mlp.Inputs, mlp.W1, mlp.B1, mlp.Hidden)), result.Matrix.ToArray());
        Assert.Equal(("row0", "row9"), (result.Metadata["name"]![0], result.Metadata["name"]![9]));
    }

    [Fact]
    public void The_default_layer_is_the_first_output()
    {
        var mlp = TestModels.BuildMlp();
        var (_, data) = Vectors(6, mlp.Inputs, seed: 6);
        using var __ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(mlp.Bytes, "mlp.onnx"));

        using var result = embedder.EmbedVectors(data);

        Assert.Equal("probs", embedder.Layer.Name);
        Assert.Equal(mlp.Classes, result.Dimensions);
        for (var i = 0; i < result.Points; i++)
        {
            Assert.Equal(1.0, result.Matrix.Row(i).ToArray().Sum(), 5);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void Batches_of_any_size_give_the_same_rows(int batch)
    {
        var mlp = TestModels.BuildMlp(inputs: 16, hidden: 12);
        var (_, data) = Vectors(23, mlp.Inputs, seed: 7);
        using var __ = data;
        var model = OnnxModel.FromBytes(mlp.Bytes, "mlp.onnx");
        using var whole = OnnxEmbedder.Open(model, new EmbedOptions { Layer = "r1", BatchSize = 23 });
        using var batched = OnnxEmbedder.Open(model, new EmbedOptions { Layer = "r1", BatchSize = batch });

        using var expected = whole.EmbedVectors(data);
        using var actual = batched.EmbedVectors(data);

        Reference.Close(expected.Matrix.ToArray(), actual.Matrix.ToArray(), 1e-6);
    }

    [Fact]
    public void A_model_with_a_fixed_batch_gets_full_batches_and_the_padding_is_dropped()
    {
        var mlp = TestModels.BuildMlp(fixedBatch: 4);
        var (x, data) = Vectors(10, mlp.Inputs, seed: 8);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(mlp.Bytes, "mlp.onnx"), new EmbedOptions { Layer = "r1", BatchSize = 64 });

        using var result = embedder.EmbedVectors(data);

        Reference.Close(Reference.Relu(Reference.Gemm(x, 10, mlp.Inputs, mlp.W1, mlp.B1, mlp.Hidden)), result.Matrix.ToArray());
    }

    [Fact]
    public void The_model_file_is_never_written()
    {
        using var dir = new TempDir();
        var path = dir.Write("mlp.onnx", TestModels.BuildMlp().Bytes);
        var before = SHA256.HashData(File.ReadAllBytes(path));
        var stamp = File.GetLastWriteTimeUtc(path);
        var (_, data) = Vectors(4, 4, seed: 9);
        using var _ = data;

        using (var embedder = OnnxEmbedder.Open(path, new EmbedOptions { Layer = "h1" }))
        {
            embedder.EmbedVectors(data).Dispose();
        }

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Weights_kept_in_a_file_beside_the_model_are_found()
    {
        // Models over 2 GB keep their weights outside the .onnx file, named relative to its folder.
        using var dir = new TempDir();
        var mlp = TestModels.BuildMlp();
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(mlp.Bytes);
        var w1 = proto.Graph.Initializer.Single(t => t.Name == "W1");
        dir.Write("weights.bin", [.. w1.FloatData.SelectMany(BitConverter.GetBytes)]);
        w1.FloatData.Clear();
        w1.DataLocation = global::Onnx.TensorProto.Types.DataLocation.External;
        w1.ExternalData.Add(new global::Onnx.StringStringEntryProto { Key = "location", Value = "weights.bin" });
        var path = dir.Write("mlp.onnx", Google.Protobuf.MessageExtensions.ToByteArray(proto));
        var (x, data) = Vectors(5, mlp.Inputs, seed: 19);
        using var _ = data;

        using var embedder = OnnxEmbedder.Open(path, new EmbedOptions { Layer = "r1" });
        using var result = embedder.EmbedVectors(data);

        Reference.Close(Reference.Relu(Reference.Gemm(x, 5, mlp.Inputs, mlp.W1, mlp.B1, mlp.Hidden)), result.Matrix.ToArray());
    }

    [Fact]
    public void A_conv_feature_map_is_flattened_in_its_own_order()
    {
        var cnn = TestModels.BuildCnn();
        var (x, data) = Vectors(3, cnn.Side * cnn.Side, seed: 10);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "pooled" });

        using var result = embedder.EmbedVectors(data);

        var conv = Reference.Relu(Reference.Conv3x3(x, 3, 1, cnn.Side, cnn.ConvW, cnn.ConvB, cnn.Filters));
        Reference.Close(Reference.MaxPool2(conv, 3, cnn.Filters, cnn.Side), result.Matrix.ToArray());
        Assert.Equal(cnn.Filters * (cnn.Side / 2) * (cnn.Side / 2), result.Dimensions);
    }

    [Theory]
    [InlineData(PoolMode.Average)]
    [InlineData(PoolMode.Max)]
    public void A_feature_map_can_be_pooled_over_its_spatial_axes(PoolMode pool)
    {
        var cnn = TestModels.BuildCnn();
        var (x, data) = Vectors(4, cnn.Side * cnn.Side, seed: 11);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "conv_act", Pool = pool });

        using var result = embedder.EmbedVectors(data);

        var area = cnn.Side * cnn.Side;
        var conv = Reference.Relu(Reference.Conv3x3(x, 4, 1, cnn.Side, cnn.ConvW, cnn.ConvB, cnn.Filters));
        var expected = Enumerable.Range(0, 4 * cnn.Filters)
            .Select(plane => conv.Skip(plane * area).Take(area))
            .Select(values => pool == PoolMode.Max ? values.Max() : (float)values.Average(v => (double)v))
            .ToArray();
        Assert.Equal(cnn.Filters, result.Dimensions);
        Reference.Close(expected, result.Matrix.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_feed_channels_first_and_channels_last_models_alike(bool channelsLast)
    {
        using var dir = new TempDir();
        var cnn = TestModels.BuildCnn(channels: 3, channelsLast: channelsLast);
        var pixels = ImageTree(dir, 8, ("b/2.png", 1), ("a/1.png", 2), ("a/0.png", 3), ("top.png", 4));
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "pooled", BatchSize = 3 });
        var images = ImageFolder.Scan(dir.File("images"));

        using var result = embedder.EmbedImages(images);

        // Rows by label, then path: the unlabelled image first, then a/0, a/1, b/2.
        Assert.Equal(["top.png", "0.png", "1.png", "2.png"], result.Metadata["file"]!.Values);
        Assert.Equal([null, "a", "a", "b"], result.Metadata["label"]!.Values);
        var x = Nchw([pixels["top.png"], pixels["a/0.png"], pixels["a/1.png"], pixels["b/2.png"]], 8);
        var conv = Reference.Relu(Reference.Conv3x3(x, 4, 3, 8, cnn.ConvW, cnn.ConvB, cnn.Filters));
        Reference.Close(Reference.MaxPool2(conv, 4, cnn.Filters, 8), result.Matrix.ToArray());
        Assert.NotNull(result.Sprite);
        Assert.Equal((8, 8), (result.Sprite!.TileWidth, result.Sprite.TileHeight));
    }

    [Fact]
    public void Pixels_are_scaled_normalised_per_channel_and_laid_out_as_the_input_says()
    {
        using var dir = new TempDir();
        var cnn = TestModels.BuildCnn(channels: 3, channelsLast: true);
        var pixels = ImageTree(dir, 8, ("one.png", 12));
        var normalization = new InputNormalization(null, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
        // The NHWC model's transpose turns its input into NCHW planes: that layer shows exactly what was fed.
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "x_nchw", Normalization = normalization });

        using var result = embedder.EmbedImages(ImageFolder.Scan(dir.File("images")));

        var raw = Nchw([pixels["one.png"]], 8);
        var expected = raw.Select((v, i) => (v - normalization.Mean[i / 64]) / normalization.Std[i / 64]).ToArray();
        Reference.Close(expected, result.Matrix.ToArray(), 1e-5);
    }

    [Fact]
    public void A_grey_model_sees_the_luma_of_colour_images()
    {
        using var dir = new TempDir();
        var cnn = TestModels.BuildCnn(channels: 1, channelsLast: true);
        var pixels = ImageTree(dir, 8, ("c.png", 13));
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "x_nchw" });

        using var result = embedder.EmbedImages(ImageFolder.Scan(dir.File("images")));

        var rgba = pixels["c.png"];
        var expected = Enumerable.Range(0, 64).Select(p => ((0.299f * rgba[p * 4]) + (0.587f * rgba[(p * 4) + 1]) + (0.114f * rgba[(p * 4) + 2])) / 255f).ToArray();
        Reference.Close(expected, result.Matrix.ToArray(), 1e-5);
    }

    [Fact]
    public void Images_of_another_size_are_resized_to_the_input()
    {
        using var dir = new TempDir();
        var cnn = TestModels.BuildCnn(channels: 3);
        ImageTree(dir, 20, ("big.png", 14));
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"), new EmbedOptions { Layer = "flat_out" });

        using var result = embedder.EmbedImages(ImageFolder.Scan(dir.File("images")));

        Assert.Equal((1, cnn.Filters * 16), (result.Points, result.Dimensions));
    }

    [Fact]
    public void Vectors_reshape_to_an_image_input()
    {
        var cnn = TestModels.BuildCnn();
        var (_, data) = Vectors(2, 64, seed: 15);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(cnn.Bytes, "cnn.onnx"));

        using var result = embedder.EmbedVectors(data);

        Assert.Equal((2, cnn.Classes), (result.Points, result.Dimensions));
    }

    [Fact]
    public void Vectors_that_do_not_fit_the_input_say_so_in_one_line()
    {
        var (_, data) = Vectors(3, 5, seed: 16);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx"));

        var e = Assert.Throws<DataFormatException>(() => embedder.EmbedVectors(data));

        Assert.Contains("rows have 5 values but the model's input 'x' [N, 4] takes 4 per row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_of_vectors_refuses_images()
    {
        using var dir = new TempDir();
        ImageTree(dir, 8, ("a.png", 17));
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(TestModels.BuildMlp(inputs: 10).Bytes, "mlp.onnx"));

        var e = Assert.Throws<DataFormatException>(() => embedder.EmbedImages(ImageFolder.Scan(dir.File("images"))));

        Assert.Contains("takes 10 values per row, not a square grey or RGB image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_stops_between_batches()
    {
        var (_, data) = Vectors(100, 4, seed: 18);
        using var _ = data;
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(TestModels.BuildMlp().Bytes, "mlp.onnx"), new EmbedOptions { BatchSize = 10 });
        using var cancel = new CancellationTokenSource();
        var progress = new Stop(cancel, after: 20);

        Assert.ThrowsAny<OperationCanceledException>(() => embedder.EmbedVectors(data, progress, cancel.Token));
        Assert.Equal(20, progress.Last);
    }

    private static (float[] Values, Dataset Data) Vectors(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * dims).Select(_ => (float)random.NextDouble()).ToArray();
        var metadata = new MetadataTable(rows, [new MetadataColumn("name", [.. Enumerable.Range(0, rows).Select(i => $"row{i}")])]);
        return (values, new Dataset("vectors", EmbeddingMatrix.FromArray((float[])values.Clone(), rows, dims), metadata, source: "vectors.tsv"));
    }

    /// <summary>Writes opaque random RGB PNGs of side x side under images/ and returns their RGBA bytes by relative path.</summary>
    private static Dictionary<string, byte[]> ImageTree(TempDir dir, int side, params (string Path, int Seed)[] files)
    {
        var result = new Dictionary<string, byte[]>();
        foreach (var (path, seed) in files)
        {
            var random = new Random(seed);
            var pixels = new byte[side * side * 4];
            random.NextBytes(pixels);
            for (var p = 3; p < pixels.Length; p += 4)
            {
                pixels[p] = 255;
            }

            dir.Write(Path.Combine("images", path), PngEncoder.Encode(new RgbaImage(side, side, pixels)));
            result[path] = pixels;
        }

        return result;
    }

    /// <summary>RGB planes scaled to 0..1 of RGBA images: [n, 3, side, side].</summary>
    private static float[] Nchw(IReadOnlyList<byte[]> images, int side)
    {
        var area = side * side;
        var x = new float[images.Count * 3 * area];
        for (var i = 0; i < images.Count; i++)
        {
            for (var p = 0; p < area; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    x[(((i * 3) + c) * area) + p] = images[i][(p * 4) + c] / 255f;
                }
            }
        }

        return x;
    }

    private sealed class Stop(CancellationTokenSource cancel, long after) : IProgress<ProjectionProgress>
    {
        public long Last { get; private set; }

        public void Report(ProjectionProgress value)
        {
            Last = value.Done;
            if (value.Done >= after)
            {
                cancel.Cancel();
            }
        }
    }
}
