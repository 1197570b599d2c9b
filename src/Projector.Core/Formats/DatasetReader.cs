using Projector.Core.Data;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.TensorBoard;

namespace Projector.Core.Formats;

/// <summary>
/// The front door of the readers: picks the format of a file, folder or <c>demo:</c> name from its
/// extension, confirms it by sniffing the content (a mismatch is an error that says what was found),
/// and reads it.
/// </summary>
public static class DatasetReader
{
    /// <summary>The name of the standalone projector's config file inside a folder.</summary>
    public const string StandaloneConfigName = "projector_config.json";

    /// <summary>Reads every embedding the input holds (several for a config, one for a plain file).</summary>
    public static IReadOnlyList<Dataset> ReadAll(string input, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (NamedSources.IsName(input))
        {
            return [NamedSources.Get(input).Load(options)];
        }

        if (Directory.Exists(input))
        {
            var configs = FindConfigs(input);
            if (configs.Count > 0)
            {
                return [.. configs.SelectMany(c => StandaloneConfigReader.Read(c, options))];
            }

            if (LogDirScanner.LooksLikeLogDir(input))
            {
                return TensorBoardReader.Read(input, options);
            }

            throw new DataFormatException(input, $"is a folder without {StandaloneConfigName}, {LogDirScanner.ConfigName} or a checkpoint", "Give a data file, a standalone projector folder or a TensorBoard log dir");
        }

        if (CheckpointPrefix(input) is { } prefix)
        {
            return TensorBoardReader.ReadCheckpoint(prefix, options);
        }

        if (Path.GetFileName(input) == LogDirScanner.ConfigName && File.Exists(input))
        {
            return TensorBoardReader.Read(Path.GetDirectoryName(Path.GetFullPath(input))!, options);
        }

        var format = FormatRegistry.Detect(input);
        var datasets = format.Read(input, options);
        return format.HoldsMany ? datasets : [.. datasets.Select(d => AttachMetadata(d, options))];
    }

    /// <summary>
    /// Reads one embedding: the only one of the input, or the one named by
    /// <see cref="ReadOptions.TensorName"/>; an error lists the names when there are several.
    /// </summary>
    public static Dataset Read(string input, ReadOptions options)
    {
        var all = ReadAll(input, options);
        if (all.Count == 1)
        {
            return all[0];
        }

        var names = string.Join(", ", all.Select(d => d.Name));
        foreach (var d in all)
        {
            d.Dispose();
        }

        throw new DataFormatException(input, $"holds {all.Count} embeddings ({names})", "Choose one by its name", remedy: new Remedy(RemedyOption.TensorName, all[0].Name));
    }

    /// <summary>
    /// The standalone configs in a folder: <c>projector_config.json</c> when present, otherwise every
    /// <c>*projector_config*.json</c> (configs are often saved under other names, e.g. <c>oss_demo_projector_config.json</c>).
    /// </summary>
    public static IReadOnlyList<string> FindConfigs(string folder)
    {
        var exact = Path.Combine(folder, StandaloneConfigName);
        if (File.Exists(exact))
        {
            return [exact];
        }

        return [.. Directory.EnumerateFiles(folder, "*projector_config*.json").Order(StringComparer.Ordinal)];
    }

    /// <summary>The checkpoint prefix <paramref name="input"/> names (a prefix, its <c>.index</c> or a data shard), or null.</summary>
    private static string? CheckpointPrefix(string input)
    {
        if (input.EndsWith(".index", StringComparison.Ordinal) && File.Exists(input))
        {
            return input[..^".index".Length];
        }

        var shard = input.LastIndexOf(".data-", StringComparison.Ordinal);
        if (shard > 0 && File.Exists(input) && File.Exists(input[..shard] + ".index"))
        {
            return input[..shard];
        }

        return !File.Exists(input) && File.Exists(input + ".index") ? input : null;
    }

    /// <summary>The format of a file, from its extension confirmed by its content (see <see cref="FormatRegistry.Detect"/>).</summary>
    public static DataFormat Detect(string path) => FormatRegistry.Detect(path);

    private static Dataset AttachMetadata(Dataset dataset, ReadOptions options)
    {
        if (options.MetadataPath is not { } metadataPath)
        {
            return dataset;
        }

        var warnings = new List<string>(dataset.Warnings);
        try
        {
            var metadata = MetadataTsvReader.ReadFor(metadataPath, dataset.Points, warnings, options);

            // Derived columns (label, word) stay when the file does not carry a column of that name.
            foreach (var c in dataset.Metadata.Columns.Reverse())
            {
                if (metadata[c.Name] is null)
                {
                    metadata = metadata.WithFirstColumn(c);
                }
            }

            return new Dataset(dataset.Name, dataset.Matrix, metadata, dataset.Sprite, dataset.Source, dataset.SourceDType, warnings)
            {
                BookmarksPath = dataset.BookmarksPath,
                ImageColumns = dataset.ImageColumns,
                Run = dataset.Run,
                Step = dataset.Step,
            };
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }
}
