using Projector.Core.Data;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats.TensorBoard;

/// <summary>
/// Reads the embeddings of a TensorBoard log dir (or of one checkpoint prefix) without TensorFlow:
/// each run's config entries (duplicates shown once), tensors from <c>tensor_path</c> TSV files or
/// from the run's checkpoint by <c>tensor_name</c>, with metadata, sprite and bookmarks; then, as
/// TensorBoard does, every other 2-D floating-point variable of the checkpoint.
/// </summary>
public static partial class TensorBoardReader
{
    /// <summary>
    /// Reads every run under <paramref name="logDir"/> (or only <see cref="ReadOptions.Run"/>), at the
    /// newest checkpoint or at <see cref="ReadOptions.Step"/>; <see cref="ReadOptions.TensorName"/> keeps one embedding.
    /// </summary>
    public static IReadOnlyList<Dataset> Read(string logDir, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var confined = FileConfinement.Enter(options.Confinement);
        var result = ReadConfined(logDir, options);
        confined?.Report(result);
        return result;
    }

    private static IReadOnlyList<Dataset> ReadConfined(string logDir, ReadOptions options)
    {
        var runs = LogDirScanner.Scan(logDir);
        if (runs.Count == 0)
        {
            throw new DataFormatException(logDir, $"holds no {LogDirScanner.ConfigName} and no checkpoint", "Give a TensorBoard log dir, a checkpoint prefix or a data file");
        }

        if (options.Run is { } wanted)
        {
            runs = [.. runs.Where(r => r.Name == wanted.Replace('\\', '/').TrimEnd('/'))];
            if (runs.Count == 0)
            {
                throw new DataFormatException(logDir, $"has no run '{wanted}'", $"Runs: {string.Join(", ", LogDirScanner.Scan(logDir).Select(r => r.Name))}");
            }
        }

        var result = new List<Dataset>();
        try
        {
            foreach (var run in runs)
            {
                result.AddRange(ReadRun(run, options));
            }
        }
        catch
        {
            result.ForEach(d => d.Dispose());
            throw;
        }

        if (options.TensorName is { } name)
        {
            var chosen = result.Where(d => SameTensor(d.Name, name) || (d.CheckpointKey is { } key && SameTensor(key, name))).ToList();
            foreach (var d in result.Except(chosen))
            {
                d.Dispose();
            }

            return chosen.Count > 0
                ? chosen
                : throw new DataFormatException(logDir, $"has no embedding named '{name}'", $"Embeddings: {string.Join(", ", result.Select(d => d.Name).Distinct())}");
        }

        return result;
    }

    /// <summary>Reads every 2-D floating-point variable (optimizer slots excluded) of one checkpoint prefix.</summary>
    public static IReadOnlyList<Dataset> ReadCheckpoint(string prefix, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var confined = FileConfinement.Enter(options.Confinement);
        using var reader = CheckpointReader.Open(prefix);
        var names = options.TensorName is { } one ? [reader.Find(one)?.Name ?? one] : EmbeddingVariables(reader);
        var step = LogDirScanner.StepOf(reader.Prefix);
        return [.. names.Select(n => new Dataset(n, reader.ReadMatrix(n, options), source: reader.Prefix, sourceDType: reader.Find(n)!.DType) { Step = step, CheckpointKey = reader.Find(n)!.Name })];
    }

    /// <summary>The names of the 2-D floating-point variables of a checkpoint that are not optimizer slots.</summary>
    public static IReadOnlyList<string> EmbeddingVariables(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return [.. reader.Tensors.Where(t => t.Shape.Count == 2 && IsFloat(t) && !IsOptimizerSlot(t.Name)).Select(t => t.Name)];
    }

    /// <summary>
    /// The <see cref="EmbeddingVariables"/> that none of <paramref name="tensorNames"/> (a config's
    /// <c>tensor_name</c>s, in any spelling <see cref="CheckpointReader.Find"/> accepts) stands for: the
    /// embeddings TensorBoard lists beside those of the config.
    /// </summary>
    public static IReadOnlyList<string> UnlistedVariables(CheckpointReader reader, IEnumerable<string> tensorNames)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(tensorNames);
        var listed = tensorNames.Select(n => reader.Find(n)?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. EmbeddingVariables(reader).Where(n => !listed.Contains(n))];
    }

    private static IEnumerable<Dataset> ReadRun(TensorBoardRun run, ReadOptions options)
    {
        var checkpoint = run.Latest;
        if (options.Step is { } step)
        {
            checkpoint = run.Checkpoints.FirstOrDefault(c => c.Step == step)
                ?? throw new DataFormatException(run.Folder, $"run '{run.Name}' has no checkpoint at step {step}", $"Steps: {string.Join(", ", run.Checkpoints.Select(c => c.Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Path.GetFileName(c.Prefix)))}");
        }

        using var reader = checkpoint is null ? null : CheckpointReader.Open(checkpoint.Prefix);
        var entries = Deduplicate(run.Config.Embeddings);
        var special = entries.Count > 0 && string.IsNullOrEmpty(entries[0].TensorName) && string.IsNullOrEmpty(entries[0].TensorPath) ? entries[0] : null;
        if (special is not null)
        {
            entries.RemoveAt(0);
        }

        if (reader is not null)
        {
            // TensorBoard shows every 2-D variable the config does not name too, with the metadata of a nameless entry if any.
            var named = entries.Where(e => string.IsNullOrEmpty(e.TensorPath)).Select(e => e.TensorName);
            entries.AddRange(UnlistedVariables(reader, named).Select(n => new EmbeddingInfo { TensorName = n, MetadataPath = special?.MetadataPath ?? string.Empty, BookmarksPath = special?.BookmarksPath ?? string.Empty }));
        }

        var result = new List<Dataset>();
        try
        {
            foreach (var e in entries)
            {
                result.Add(ReadEmbedding(run, e, reader, checkpoint, options));
            }
        }
        catch
        {
            result.ForEach(d => d.Dispose());
            throw;
        }

        return result;
    }

    private static Dataset ReadEmbedding(TensorBoardRun run, EmbeddingInfo e, CheckpointReader? reader, CheckpointStep? checkpoint, ReadOptions options)
    {
        var where = run.ConfigPath ?? run.Folder;
        var warnings = new List<string>();
        EmbeddingMatrix matrix;
        string dtype;
        string source;
        string? key = null;
        var name = e.TensorName.EndsWith(":0", StringComparison.Ordinal) ? e.TensorName[..^2] : e.TensorName;
        if (!string.IsNullOrEmpty(e.TensorPath))
        {
            var file = ConfigPath.Resolve(run.Folder, e.TensorPath, namedBy: run.ConfigPath)
                ?? throw new DataFormatException(where, $"tensor_path '{e.TensorPath}' not found ({ConfigPath.Tried(run.Folder, e.TensorPath)})", "Put the TSV beside the config or fix tensor_path");
            var tsv = TsvVectorReader.Read(file, options);
            matrix = tsv.Matrix;
            dtype = tsv.SourceDType;
            source = file;
            name = name.Length > 0 ? name : Path.GetFileName(e.TensorPath);
        }
        else
        {
            if (reader is null)
            {
                var configured = run.Config.ModelCheckpointPath;
                throw string.IsNullOrEmpty(configured)
                    ? new DataFormatException(where, $"embedding '{e.TensorName}' names a checkpoint tensor, but run '{run.Name}' has no checkpoint", "Put the checkpoint (.index and .data files, and the `checkpoint` file) in the run folder or a child folder such as train/, or set model_checkpoint_path")
                    : new DataFormatException(where, $"embedding '{e.TensorName}' is in the checkpoint model_checkpoint_path names ('{configured}'), which is not there (no {Path.GetFileName(configured.Replace('\\', '/'))}.index beside the config or where it says)", "Copy the checkpoint's .index and .data files beside the config, or fix model_checkpoint_path");
            }

            var info = reader.Find(e.TensorName) ?? throw NoSuchTensor(where, e.TensorName, reader);
            matrix = reader.ReadMatrix(info.Name, options);
            dtype = info.DType;
            source = reader.Prefix;
            key = info.Name;
        }

        try
        {
            CheckShape(where, name, e, matrix, warnings);
            var metadata = ReadMetadata(run, e, matrix.Rows, warnings, options);
            var sprite = e.Sprite is { ImagePath.Length: > 0 } s
                ? SpriteFiles.Load(where, run.Folder, s.ImagePath, [.. s.SingleImageDim.Select(v => (int)v)], matrix.Rows, warnings)
                : null;
            string? bookmarks = null;
            if (!string.IsNullOrEmpty(e.BookmarksPath))
            {
                bookmarks = ConfigPath.Resolve(run.Folder, e.BookmarksPath, namedBy: run.ConfigPath);
                if (bookmarks is null)
                {
                    warnings.Add($"bookmarks file '{e.BookmarksPath}' not found");
                }
            }

            return new Dataset(name, matrix, metadata, sprite, source, dtype, warnings)
            {
                Run = run.Name,
                Step = string.IsNullOrEmpty(e.TensorPath) ? checkpoint?.Step : null,
                BookmarksPath = bookmarks,
                CheckpointKey = key,
            };
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    private static DataFormatException NoSuchTensor(string config, string tensorName, CheckpointReader reader)
    {
        var matrices = reader.Tensors
            .Where(t => t.Shape.Count == 2 && !IsOptimizerSlot(t.Name))
            .Select(t => $"{t.Name} [{t.Shape[0]}, {t.Shape[1]}]{(IsFloat(t) ? string.Empty : $" {t.DType}")}{(reader.Graph.NameOf(t.Name) is { } variable && variable != t.Name ? $" (variable {variable})" : string.Empty)}")
            .ToList();
        return new DataFormatException(
            config,
            $"tensor_name '{tensorName}' matches no tensor of the checkpoint {reader.Prefix}",
            matrices.Count == 0
                ? "The checkpoint holds no 2-D tensor; point the config at the checkpoint that holds the embedding"
                : $"Set tensor_name to one of its 2-D tensors: {string.Join(", ", matrices)}");
    }

    private static MetadataTable? ReadMetadata(TensorBoardRun run, EmbeddingInfo e, int points, List<string> warnings, ReadOptions options)
    {
        if (string.IsNullOrEmpty(e.MetadataPath))
        {
            return null;
        }

        var file = ConfigPath.Resolve(run.Folder, e.MetadataPath, namedBy: run.ConfigPath);
        if (file is null)
        {
            warnings.Add($"metadata file '{e.MetadataPath}' not found; the embedding is shown without metadata");
            return null;
        }

        return MetadataTsvReader.ReadFor(file, points, warnings, options);
    }

    private static void CheckShape(string where, string name, EmbeddingInfo e, EmbeddingMatrix matrix, List<string> warnings)
    {
        if (e.TensorShape.Count == 2 && (e.TensorShape[0] != matrix.Rows || e.TensorShape[1] != matrix.Dimensions))
        {
            warnings.Add($"{Path.GetFileName(where)} says tensor_shape [{e.TensorShape[0]}, {e.TensorShape[1]}] for '{name}', but it is [{matrix.Rows}, {matrix.Dimensions}]");
        }
    }

    private static List<EmbeddingInfo> Deduplicate(IEnumerable<EmbeddingInfo> embeddings)
    {
        // PyTorch's SummaryWriter appends every entry again on each call; TensorBoard shows each once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. embeddings.Where(e => seen.Add(e.ToString()))];
    }

    private static bool SameTensor(string a, string b)
    {
        static string Canonical(string n) => (n.EndsWith(":0", StringComparison.Ordinal) ? n[..^2] : n).Replace("/.ATTRIBUTES/VARIABLE_VALUE", string.Empty, StringComparison.Ordinal);
        return Canonical(a) == Canonical(b);
    }

    private static bool IsFloat(CheckpointTensorInfo t) => t.DType is "float32" or "float64" or "float16" or "bfloat16";

    /// <summary>
    /// True for optimizer state, which has the shape of the variable it trains but is no embedding: TF2
    /// keys under <c>optimizer/</c> or <c>.OPTIMIZER_SLOT</c>, TF1 slots named after the variable
    /// (<c>emb/Adam</c>, <c>emb/Adam_1</c>, <c>emb/Momentum</c>, ...) and graph-mode Keras ones
    /// (<c>training/Adam/emb/m</c>). Whole path parts are compared, so <c>enc/Adamantium</c> stays.
    /// </summary>
    private static bool IsOptimizerSlot(string name) =>
        name.StartsWith("optimizer/", StringComparison.Ordinal)
        || name.Contains("/.OPTIMIZER_SLOT/", StringComparison.Ordinal)
        || name == ObjectGraph.Key
        || name.Split('/').Any(part => Tf1Slot().IsMatch(part));

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Adam|Adagrad|AdagradDA|Momentum|RMSProp|Ftrl|Adadelta|Nadam|Adamax|ProximalAdagrad|ExponentialMovingAverage)(_\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex Tf1Slot();
}
