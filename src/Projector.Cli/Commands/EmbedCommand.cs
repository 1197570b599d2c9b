using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Publishing.Export;
using Projector.Core.Publishing.StaticSite;
using Projector.Onnx;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector embed MODEL.onnx INPUT -o OUT [--layer NAME]</c>: runs an ONNX model over a folder of images
/// or any matrix projector reads and writes one layer's values per row, as any format <c>convert</c> writes
/// or as an export folder (<c>--export</c>). <c>--list</c> shows the tensors a layer can be picked from.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "The ONNX model (.onnx)" };
        var input = new Argument<string?>("INPUT") { Description = "A folder of images (PNG, JPEG, WebP, GIF, BMP; subfolders are labels) or any readable matrix (see inspect), e.g. demo:mnist", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = $"Output file ({string.Join(", ", FormatRegistry.WritableExtensions)}) or, with --export, a folder" };
        var layer = new Option<string?>("--layer") { Description = "The tensor to keep: an output or any node output (see --list); default the first output" };
        var list = new Option<bool>("--list") { Description = "List the model's inputs, outputs and intermediate tensors with their shapes, then stop" };
        var inputName = new Option<string?>("--input") { Description = "The model input to feed (default: its only input)" };
        var batch = new Option<int>("--batch") { Description = "Rows per run of the model", DefaultValueFactory = _ => EmbedOptions.DefaultBatchSize };
        var threads = new Option<int?>("--threads") { Description = "Threads for the model and image decoding (default: all cores)" };
        var pool = new Option<EmbedPool?>("--pool") { Description = "A layer of more than 2 axes (a feature map): avg or max over the spatial axes (default: flatten)" };
        var channelsLast = new Option<bool>("--channels-last") { Description = "--pool: the layer keeps channels on its last axis (NHWC) rather than its first after the batch (NCHW)" };
        var scale = new Option<float?>("--scale") { Description = "Multiply each input value first (default 1/255 for images, 1 for vectors)" };
        var mean = new Option<string?>("--mean") { Description = "Subtract after scaling: one value or one per channel, e.g. 0.485,0.456,0.406" };
        var std = new Option<string?>("--std") { Description = "Divide after the mean: one value or one per channel, e.g. 0.229,0.224,0.225" };
        var layout = new Option<ImageLayout?>("--layout") { Description = "nchw or nhwc, when the input's shape does not tell where the channels are" };
        var size = new Option<string?>("--size") { Description = "Resize images to WxH when the model takes any size" };
        var export = new Option<ExportFormat?>("--export") { Description = "Write -o as a folder: site, standalone or tensorboard (as `projector export`)" };
        var force = new Option<bool>("--force") { Description = "--export: replace an earlier export in -o" };
        var page = new Option<string?>("--page") { Description = "--export site: the built web page to copy (default: wwwroot beside projector)" };
        var read = new CliOptions();
        var command = new Command("embed", "Run an ONNX model over images or vectors and keep one layer as the embedding")
        {
            model, input, output, layer, list, inputName, batch, threads, pool, channelsLast, scale, mean, std, layout, size, export, force, page,
        };
        read.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            try
            {
                return Task.FromResult(Run(parsed, ct));
            }
            catch (PlatformNotSupportedException e)
            {
                // ONNX Runtime's native library did not load: a fact about the machine, said in one line.
                throw new UsageException(e.Message);
            }
        });
        return command;

        int Run(ParseResult parsed, CancellationToken ct)
        {
            var modelPath = parsed.GetValue(model)!;
            var onnx = OnnxModel.Load(modelPath);
            if (parsed.GetValue(list))
            {
                List(context, onnx);
                return CliApp.Ok;
            }

            var source = parsed.GetValue(input);
            var target = parsed.GetValue(output);
            if (source is null || target is null)
            {
                throw new UsageException("embed needs INPUT and -o OUT (or --list to see the model's tensors)");
            }

            var chosenExport = parsed.GetValue(export);
            var writer = chosenExport is null
                ? DatasetWriter.ForPath(target) ?? throw new UsageException($"cannot tell the output format of '{target}'; use {string.Join(", ", FormatRegistry.WritableExtensions)}, or --export site|standalone|tensorboard for a folder")
                : null;
            if (File.Exists(source) && Path.GetFullPath(source) == Path.GetFullPath(target))
            {
                throw new UsageException("-o is the same file as INPUT; inputs are never overwritten");
            }

            var pageFolder = parsed.GetValue(page) ?? ExportCommand.DefaultPageFolder;
            if (chosenExport == ExportFormat.Site && !Directory.Exists(pageFolder))
            {
                throw new UsageException($"the web page is not built ({pageFolder} is missing); run `dotnet build` first");
            }

            var options = Options(parsed, layer, inputName, batch, threads, pool, scale, mean, std, layout, size) with { ChannelsLast = parsed.GetValue(channelsLast) };
            using var embedder = OnnxEmbedder.Open(onnx, options);
            var watch = new Stopwatch();
            using var embedded = IsImageFolder(source)
                ? CliProgress.RunRows(context, $"Embedding {source}", p => Timed(watch, () => embedder.EmbedImages(ImageFolder.Scan(source), p, ct)))
                : EmbedMatrix(context, embedder, parsed, read, source, watch, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            Write(context, embedded, target, writer, chosenExport, parsed.GetValue(force), pageFolder, ct);
            foreach (var warning in embedded.Warnings)
            {
                context.Error.WriteLine($"warning: {CliText.Safe(warning)}");
            }

            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {target}: {embedded.Points} x {embedded.Dimensions} from layer '{CliText.Safe(embedder.Layer.Name)}' ({embedded.Points / Math.Max(seconds, 1e-9):N0} rows/s, {seconds:F1} s)"));
            return CliApp.Ok;
        }
    }

    /// <summary>Whether INPUT is a folder of images rather than something <see cref="DatasetReader"/> reads (a log dir or a projector folder).</summary>
    private static bool IsImageFolder(string source) =>
        !NamedSources.IsName(source)
        && Directory.Exists(source)
        && !LogDirScanner.LooksLikeLogDir(source)
        && DatasetReader.FindConfigs(source).Count == 0
        && ImageFolder.HasImages(source);

    private static Dataset EmbedMatrix(CliContext context, OnnxEmbedder embedder, ParseResult parsed, CliOptions read, string source, Stopwatch watch, CancellationToken ct)
    {
        using var data = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, read.ToReadOptions(parsed, source, p, ct)));
        return CliProgress.RunRows(context, $"Embedding {source}", p => Timed(watch, () => embedder.EmbedVectors(data, p, ct)));
    }

    // The rate the command reports is the model's (decoding images included), not the reading or writing.
    private static T Timed<T>(Stopwatch watch, Func<T> work)
    {
        watch.Start();
        try
        {
            return work();
        }
        finally
        {
            watch.Stop();
        }
    }

    private static EmbedOptions Options(ParseResult parsed, Option<string?> layer, Option<string?> inputName, Option<int> batch, Option<int?> threads, Option<EmbedPool?> pool, Option<float?> scale, Option<string?> mean, Option<string?> std, Option<ImageLayout?> layout, Option<string?> size)
    {
        var rows = parsed.GetValue(batch);
        if (rows < 1)
        {
            throw new UsageException("--batch must be at least 1");
        }

        if (parsed.GetValue(threads) is < 1)
        {
            throw new UsageException("--threads must be at least 1");
        }

        InputNormalization? normalization = null;
        if (parsed.GetValue(scale) is not null || parsed.GetValue(mean) is not null || parsed.GetValue(std) is not null)
        {
            var s = parsed.GetValue(scale);
            if (s is { } v && !float.IsFinite(v))
            {
                throw new UsageException("--scale must be a finite number");
            }

            // A scale left out keeps the input's own default (1/255 for pixels, 1 for vectors).
            normalization = new InputNormalization(s, Floats(parsed.GetValue(mean), "--mean") ?? [0f], Floats(parsed.GetValue(std), "--std") ?? [1f]);
        }

        return new EmbedOptions
        {
            Layer = parsed.GetValue(layer),
            InputName = parsed.GetValue(inputName),
            BatchSize = rows,
            Threads = parsed.GetValue(threads),
            Pool = parsed.GetValue(pool) switch
            {
                EmbedPool.Avg => PoolMode.Average,
                EmbedPool.Max => PoolMode.Max,
                _ => PoolMode.Flatten,
            },
            Normalization = normalization,
            Layout = parsed.GetValue(layout),
            ImageSize = parsed.GetValue(size) is { } text ? CliOptions.ParsePair(text, "--size") : null,
        };
    }

    private static float[]? Floats(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                throw new UsageException($"{option} '{text}' is not one number or a comma-separated list like 0.485,0.456,0.406");
            }
        }

        return values;
    }

    private static void Write(CliContext context, Dataset embedded, string target, DataFormat? writer, ExportFormat? export, bool force, string pageFolder, CancellationToken ct)
    {
        if (export is { } format)
        {
            var options = new ExportOptions { Force = force, Site = new StaticSiteOptions { PageFolder = pageFolder } };
            var summary = CliProgress.RunStages(context, p => DatasetExport.Write(target, format, [embedded], options, p, ct));
            foreach (var note in summary.Notes)
            {
                context.Error.WriteLine($"note: {note}");
            }

            return;
        }

        DatasetWriter.Write(target, writer!, [embedded], ct);
        if (!writer!.CarriesMetadata && embedded.Metadata.Columns.Count > 0)
        {
            context.Error.WriteLine($"note: the metadata ({string.Join(", ", embedded.Metadata.Columns.Select(c => CliText.Safe(c.Name)))}) is not in {Path.GetFileName(target)}; write {string.Join(" or ", FormatRegistry.Writers.Where(f => f.CarriesMetadata).SelectMany(f => f.Extensions))} or --export to keep it");
        }
    }

    private static void List(CliContext context, OnnxModel model)
    {
        var tensors = model.WithInferredShapes();
        var producer = model.Producer is { } p ? $", made by {p}" : string.Empty;
        var opset = model.Opset is { } o ? string.Create(CultureInfo.InvariantCulture, $"opset {o}") : "no default opset";
        context.Out.WriteLine($"{CliText.Safe(model.Path)}: {model.Inputs.Count} input(s), {model.Outputs.Count} output(s), {model.Intermediates.Count} intermediate tensor(s) ({opset}{CliText.Safe(producer)})");
        var width = Math.Min(48, tensors.Max(t => t.Name.Length));
        var shapeWidth = Math.Min(32, tensors.Max(t => t.ShapeText.Length + 1));
        foreach (var role in new[] { TensorRole.Input, TensorRole.Output, TensorRole.Intermediate })
        {
            context.Out.WriteLine(role switch
            {
                TensorRole.Input => "inputs:",
                TensorRole.Output => "outputs:",
                _ => "intermediate tensors (node outputs, in graph order; any can be --layer):",
            });
            foreach (var t in tensors.Where(t => t.Role == role))
            {
                var shape = t.ShapeText + (t.Source == ShapeSource.Inferred ? "*" : string.Empty);
                var op = t.OpType is null ? string.Empty : t.NodeName is null ? t.OpType : $"{t.OpType} ({t.NodeName})";
                context.Out.WriteLine($"  {CliText.Safe(t.Name).PadRight(width)}  {(t.ElementType ?? "?").PadRight(8)}  {shape.PadRight(shapeWidth)}  {CliText.Safe(op)}".TrimEnd());
            }
        }

        var inferred = tensors.Any(t => t.Source == ShapeSource.Inferred);
        var unknown = tensors.Any(t => t.Source == ShapeSource.Unknown);
        if (inferred || unknown)
        {
            context.Out.WriteLine(((inferred ? "* shape inferred by ONNX Runtime. " : string.Empty) + (unknown ? "unknown: the shape is known only when the model runs." : string.Empty)).TrimEnd());
        }

        context.Out.WriteLine($"default layer: {CliText.Safe(model.DefaultLayer)}");
    }
}

/// <summary>The pooling <c>--pool</c> takes.</summary>
internal enum EmbedPool
{
    Avg,
    Max,
}
