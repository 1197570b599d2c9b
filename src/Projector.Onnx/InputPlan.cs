using System.Globalization;
using Projector.Core;

namespace Projector.Onnx;

/// <summary>
/// How one row (an image or a vector) fills the model's input tensor: the axes after the batch axis with
/// every free size resolved, the batch size when the model fixes it, and, for image-shaped inputs, the
/// picture's size, channels and where they sit.
/// </summary>
internal sealed class InputPlan
{
    private InputPlan(string name, long[] rowDims, int? fixedBatch, int width, int height, int channels, ImageLayout layout, bool isImage)
    {
        Name = name;
        RowDims = rowDims;
        FixedBatch = fixedBatch;
        Width = width;
        Height = height;
        Channels = channels;
        Layout = layout;
        IsImage = isImage;
        RowLength = checked((int)rowDims.Aggregate(1L, (a, b) => a * b));
    }

    /// <summary>The input's name.</summary>
    public string Name { get; }

    /// <summary>The axes after the batch axis.</summary>
    public long[] RowDims { get; }

    /// <summary>Values per row.</summary>
    public int RowLength { get; }

    /// <summary>The batch size the model fixes (its first axis is a number), or null when free.</summary>
    public int? FixedBatch { get; }

    /// <summary>Image width (1 when the input is not image-shaped).</summary>
    public int Width { get; }

    /// <summary>Image height (1 when the input is not image-shaped).</summary>
    public int Height { get; }

    /// <summary>Colour channels: 1 (grey) or 3 (RGB); 1 when the input is not image-shaped.</summary>
    public int Channels { get; }

    /// <summary>Where the channels are.</summary>
    public ImageLayout Layout { get; }

    /// <summary>Whether the input is image-shaped (width, height and channels known).</summary>
    public bool IsImage { get; }

    /// <summary>The input tensor's shape for a batch of <paramref name="batch"/> rows.</summary>
    public long[] ShapeFor(int batch) => [batch, .. RowDims];

    /// <summary>The channel of value <paramref name="index"/> of a row.</summary>
    public int ChannelOf(int index) => Channels == 1 ? 0
        : Layout == ImageLayout.Nhwc ? index % Channels
        : index / (Width * Height) % Channels;

    /// <summary>The plan for feeding images to <paramref name="input"/>.</summary>
    /// <exception cref="DataFormatException">The input cannot take images.</exception>
    public static InputPlan ForImages(OnnxTensorInfo input, EmbedOptions options, string model)
    {
        var dims = Known(input, model);
        var fixedBatch = Batch(input, dims, model);
        (int W, int H)? size = options.ImageSize;
        switch (dims.Count)
        {
            case 4:
                {
                    var layout = LayoutOf(dims, options.Layout) ?? throw Misfit(model, input, "cannot tell which axis holds the colour channels (1 or 3)", "Say whether the model takes channels first (NCHW) or last (NHWC)");
                    var (c, h, w) = layout == ImageLayout.Nchw ? (dims[1], dims[2], dims[3]) : (dims[3], dims[1], dims[2]);
                    if (c.Value is not (1 or 3))
                    {
                        throw Misfit(model, input, $"takes {c} channels per pixel; images give 1 (grey) or 3 (RGB)", null);
                    }

                    var (width, height) = Size(model, input, w, h, size);
                    var rowDims = layout == ImageLayout.Nchw ? new long[] { c.Value.Value, height, width } : [height, width, c.Value.Value];
                    return new InputPlan(input.Name, rowDims, fixedBatch, width, height, (int)c.Value.Value, layout, isImage: true);
                }

            case 3:
                {
                    var (width, height) = Size(model, input, dims[2], dims[1], size);
                    return new InputPlan(input.Name, [height, width], fixedBatch, width, height, 1, ImageLayout.Nchw, isImage: true);
                }

            case 2:
                {
                    if (dims[1].Value is not { } d)
                    {
                        throw Misfit(model, input, "takes rows of any length; images need a fixed number of values", "Give the image size");
                    }

                    var (width, height, channels) = size is { } s ? (s.W, s.H, s.W * s.H == 0 ? 0 : (int)(d / ((long)s.W * s.H)))
                        : Square(d) is { } side ? (side, side, 1)
                        : d % 3 == 0 && Square(d / 3) is { } rgb ? (rgb, rgb, 3)
                        : throw Misfit(model, input, $"takes {d} values per row, not a square grey or RGB image", "Give the image size (width x height)");
                    if (channels is not (1 or 3) || (long)width * height * channels != d)
                    {
                        throw Misfit(model, input, $"takes {d} values per row; a {width}x{height} image gives {(long)width * height} (grey) or {(long)width * height * 3} (RGB)", null);
                    }

                    // A flat row holds pixels row-major with channels interleaved, unless told otherwise.
                    return new InputPlan(input.Name, [d], fixedBatch, width, height, channels, options.Layout ?? ImageLayout.Nhwc, isImage: true);
                }

            default:
                throw Misfit(model, input, $"has {dims.Count} axes; images go into a 2-axis (flat), 3-axis (grey) or 4-axis (NCHW or NHWC) input", null);
        }
    }

    /// <summary>The plan for feeding rows of <paramref name="dimensions"/> values to <paramref name="input"/>, reshaped row-major.</summary>
    /// <exception cref="DataFormatException">The rows do not fit the input.</exception>
    public static InputPlan ForVectors(OnnxTensorInfo input, int dimensions, EmbedOptions options, string model, string source)
    {
        var dims = Known(input, model);
        var fixedBatch = Batch(input, dims, model);
        if (dims.Count < 2)
        {
            throw Misfit(model, input, $"has {dims.Count} axis; rows go into an input whose first axis is the batch", null);
        }

        var rest = dims.Skip(1).ToList();
        var free = rest.Count(d => d.Value is null);
        var product = rest.Where(d => d.Value is not null).Aggregate(1L, (a, d) => a * d.Value!.Value);
        long[] rowDims;
        if (free == 0 && product == dimensions)
        {
            rowDims = [.. rest.Select(d => d.Value!.Value)];
        }
        else if (free == 1 && product > 0 && dimensions % product == 0)
        {
            rowDims = [.. rest.Select(d => d.Value ?? dimensions / product)];
        }
        else
        {
            var wanted = free == 0 ? $"{product}" : free == 1 ? $"a multiple of {product}" : "a size it does not fix";
            throw new DataFormatException(source, $"rows have {dimensions} values but the model's input '{input.Name}' {input.ShapeText} takes {wanted} per row", $"Give vectors of the model's input size, or images (a folder) if it takes pictures ({model})");
        }

        // Image-shaped inputs keep their channels, for per-channel normalisation and for pooling feature maps.
        var full = new List<OnnxDimension> { dims[0] };
        full.AddRange(rowDims.Select(d => new OnnxDimension(d, null)));
        if (full.Count == 4 && LayoutOf(full, options.Layout) is { } layout)
        {
            var (c, h, w) = layout == ImageLayout.Nchw ? (rowDims[0], rowDims[1], rowDims[2]) : (rowDims[2], rowDims[0], rowDims[1]);
            return new InputPlan(input.Name, rowDims, fixedBatch, (int)w, (int)h, (int)c, layout, isImage: false);
        }

        return new InputPlan(input.Name, rowDims, fixedBatch, 1, 1, 1, ImageLayout.Nchw, isImage: false);
    }

    private static List<OnnxDimension> Known(OnnxTensorInfo input, string model)
    {
        if (input.ElementType is not "float32")
        {
            throw new DataFormatException(model, $"input '{input.Name}' is {input.ElementType ?? "of unknown type"}; embedding feeds float32 tensors (pixels or vectors)", "Export the model with a float32 input");
        }

        return input.Shape is { } shape
            ? [.. shape]
            : throw new DataFormatException(model, $"does not say the shape of its input '{input.Name}'", "Export the model with the input's shape (e.g. [batch, 3, 224, 224])");
    }

    private static int? Batch(OnnxTensorInfo input, List<OnnxDimension> dims, string model)
    {
        if (dims.Count == 0)
        {
            throw Misfit(model, input, "is a scalar; rows go into an input whose first axis is the batch", null);
        }

        return dims[0].Value switch
        {
            null => null,
            > 0 and <= int.MaxValue and var b => (int)b,
            _ => throw Misfit(model, input, "has a batch axis of size 0", null),
        };
    }

    /// <summary>NCHW or NHWC: the axis of size 1 or 3, channels first when both could be; null when neither.</summary>
    private static ImageLayout? LayoutOf(List<OnnxDimension> dims, ImageLayout? chosen)
    {
        if (chosen is { } c)
        {
            return c;
        }

        var first = dims[1].Value is 1 or 3;
        var last = dims[3].Value is 1 or 3;
        return first ? ImageLayout.Nchw : last ? ImageLayout.Nhwc : null;
    }

    private static (int Width, int Height) Size(string model, OnnxTensorInfo input, OnnxDimension w, OnnxDimension h, (int W, int H)? given)
    {
        if (w.Value is { } width && h.Value is { } height)
        {
            if (given is { } g && (g.W != width || g.H != height))
            {
                throw Misfit(model, input, $"takes {width}x{height} images, not {g.W}x{g.H}", null);
            }

            return (checked((int)width), checked((int)height));
        }

        if (given is { } s)
        {
            if ((w.Value is { } fw && fw != s.W) || (h.Value is { } fh && fh != s.H))
            {
                throw Misfit(model, input, $"fixes one side of its images ({w} wide, {h} high); {s.W}x{s.H} does not fit", null);
            }

            return s;
        }

        throw Misfit(model, input, "takes images of any size", "Give the size to resize them to (width x height)");
    }

    private static int? Square(long n)
    {
        var side = (long)Math.Round(Math.Sqrt(n));
        return side > 0 && side * side == n && side <= int.MaxValue ? (int)side : null;
    }

    private static DataFormatException Misfit(string model, OnnxTensorInfo input, string problem, string? hint) =>
        new(model, string.Create(CultureInfo.InvariantCulture, $"input '{input.Name}' {input.ShapeText} {problem}"), hint);
}
