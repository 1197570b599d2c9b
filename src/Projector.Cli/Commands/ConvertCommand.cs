using System.CommandLine;
using Projector.Core;
using Projector.Core.Formats;
using Projector.Core.Formats.Metadata;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector convert INPUT OUTPUT</c>: any reader to any writer, chosen by the output's extension
/// through the format registry (<c>.json</c> = standalone config with its files beside it).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "Any readable input (see inspect)" };
        var output = new Argument<string>("OUTPUT") { Description = $"Output file: {string.Join(", ", FormatRegistry.WritableExtensions)} (.json: a standalone projector config)" };
        var metadataOut = new Option<string?>("--metadata-out") { Description = "Also write the metadata as TSV here (.json outputs always include it)" };
        var options = new CliOptions();
        var command = new Command("convert", "Convert between formats") { input, output, metadataOut };
        options.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var source = parsed.GetValue(input)!;
            var target = parsed.GetValue(output)!;
            var writer = DatasetWriter.ForPath(target) ?? throw new UsageException($"cannot tell the output format of '{target}'; use {string.Join(", ", FormatRegistry.WritableExtensions)}");
            if (File.Exists(source) && Path.GetFullPath(source) == Path.GetFullPath(target))
            {
                throw new UsageException("OUTPUT is the same file as INPUT; inputs are never overwritten");
            }

            var readOptions = options.ToReadOptions(parsed, source, null, ct);
            var datasets = CliProgress.Run(context, $"Reading {source}", p =>
                writer.WritesMany
                    ? DatasetReader.ReadAll(source, readOptions with { Progress = p })
                    : [DatasetReader.Read(source, readOptions with { Progress = p })]);
            if (datasets.Count == 0)
            {
                throw new DataFormatException(source, "holds no embedding", "Give an input with vectors in it (a log dir needs a checkpoint or a projector_config.pbtxt that names a tensor)");
            }

            try
            {
                DatasetWriter.Write(target, writer, datasets, ct);
                var d = datasets[0];
                if (parsed.GetValue(metadataOut) is { } metaPath)
                {
                    if (d.Metadata.Columns.Count == 0)
                    {
                        throw new UsageException($"{source} has no metadata to write to {metaPath}");
                    }

                    MetadataTsvWriter.Write(metaPath, d.Metadata);
                }
                else if (!writer.CarriesMetadata && d.Metadata.Columns.Count > 0)
                {
                    context.Error.WriteLine($"note: the metadata ({CliText.Safe(string.Join(", ", d.Metadata.Columns.Select(c => c.Name)))}) is not in {Path.GetFileName(target)}; add --metadata-out FILE.tsv or convert to {string.Join(" or ", FormatRegistry.Writers.Where(f => f.CarriesMetadata).SelectMany(f => f.Extensions))} to keep it");
                }

                foreach (var warning in datasets.SelectMany(x => x.Warnings))
                {
                    context.Error.WriteLine($"warning: {CliText.Safe(warning)}");
                }

                context.Out.WriteLine($"wrote {target}: {string.Join(", ", datasets.Select(x => $"{CliText.Safe(x.Name)} {x.Points} x {x.Dimensions}"))}");
            }
            finally
            {
                foreach (var x in datasets)
                {
                    x.Dispose();
                }
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }
}
