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
        using var confined = FileConfinement.Enter(options.Confinement);
        var result = ReadAllUnconfined(input, options);
        confined?.Report(result);
        return result;
    }

    private static IReadOnlyList<Dataset> ReadAllUnconfined(string input, ReadOptions options)
    {
        if (NamedSources.IsName(input))
        {
            return [NamedSources.Get(input).Load(options)];
        }

        if (Directory.Exists(input))
        {
            var configs = FindConfigs(input);
            var logDir = LogDirScanner.LooksLikeLogDir(input);
            if (configs.Count > 0)
            {
                return ReadConfigs(input, configs, logDir, options);
            }

            if (logDir)
            {
                return TensorBoardReader.Read(input, options);
            }

            throw new DataFormatException(input, FolderProblem, "Give a data file, a standalone projector folder or a TensorBoard log dir");
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

        if (all.Count == 0)
        {
            throw new DataFormatException(input, "holds no embedding", "Give an input with vectors in it (a log dir needs a checkpoint or a projector_config.pbtxt that names a tensor)");
        }

        var names = string.Join(", ", all.Select(d => d.Name));
        foreach (var d in all)
        {
            d.Dispose();
        }

        throw new DataFormatException(input, $"holds {all.Count} embeddings ({names})", "Choose one by its name", remedy: new Remedy(RemedyOption.TensorName, all[0].Name));
    }

    /// <summary>What a folder holds none of, for the one line that says so.</summary>
    public static string FolderProblem { get; } =
        $"holds no projector config (no {StandaloneConfigName}, *projector_config*.json or JSON with \"embeddings\" up to {StandaloneConfigFinder.MaxDepth} folders down), no {LogDirScanner.ConfigName} and no checkpoint";

    /// <summary>
    /// The standalone configs in a folder and up to <see cref="StandaloneConfigFinder.MaxDepth"/> folders
    /// below it, shallowest first: <c>*projector_config*.json</c> or any JSON whose top level has
    /// <c>embeddings</c> (published projects keep the config in a subfolder such as <c>oss_data/</c>).
    /// </summary>
    public static IReadOnlyList<string> FindConfigs(string folder) => StandaloneConfigFinder.Find(folder);

    // Each config that reads is kept; one that does not is a warning, unless none reads. A TensorBoard
    // config (projector_config.pbtxt) beside standalone ones is one more source: often a leftover that
    // names a checkpoint nobody published, which must not sink the configs that work.
    private static List<Dataset> ReadConfigs(string folder, IReadOnlyList<string> configs, bool logDir, ReadOptions options)
    {
        var rooted = options with { ConfigRoot = options.ConfigRoot ?? folder };
        var sources = configs.Count + (logDir ? 1 : 0);
        var result = new List<Dataset>();
        var failed = new List<string>();
        var named = 0;
        try
        {
            foreach (var config in configs)
            {
                try
                {
                    if (options.TensorName is { } wanted && sources > 1 && StandaloneConfigReader.Parse(config).Embeddings.All(e => e.TensorName != wanted))
                    {
                        continue;
                    }

                    named++;
                    result.AddRange(StandaloneConfigReader.Read(config, rooted));
                }
                catch (DataFormatException e) when (sources > 1)
                {
                    failed.Add(e.Message);
                }
            }

            if (logDir && (options.TensorName is null || named == 0))
            {
                try
                {
                    result.AddRange(TensorBoardReader.Read(folder, options));
                    named++;
                }
                catch (DataFormatException e)
                {
                    failed.Add(e.Message);
                }
            }
        }
        catch
        {
            result.ForEach(d => d.Dispose());
            throw;
        }

        if (result.Count == 0)
        {
            throw options.TensorName is { } name && failed.Count == 0
                ? new DataFormatException(folder, $"has no embedding named '{name}' in its {configs.Count} configs", "Choose one that inspect lists")
                : new DataFormatException(folder, $"holds {sources} projector configs and none could be read: {string.Join("; ", failed)}", "Fix the configs or the files they name");
        }

        result[0].Warnings.AddRange(failed.Select(f => $"config left out: {f}"));
        return result;
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
                CheckpointKey = dataset.CheckpointKey,
            };
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }
}
