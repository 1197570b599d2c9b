using System.Globalization;
using System.Text.RegularExpressions;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard;

/// <summary>
/// Finds the runs of a TensorBoard log dir as TensorBoard's projector plugin does: every folder under
/// the root holding <c>projector_config.pbtxt</c> is a run (a config under <c>X/plugins/projector/</c>
/// belongs to run <c>X</c>), and a folder with checkpoints but no config is a run of its own. A config
/// with no checkpoint beside it takes those of a child folder (Keras's callback saves them to
/// <c>train/</c>) or else of its parent.
/// </summary>
public static partial class LogDirScanner
{
    /// <summary>The config file name TensorBoard looks for.</summary>
    public const string ConfigName = "projector_config.pbtxt";

    /// <summary>True when <paramref name="folder"/> holds a config or a checkpoint anywhere below it.</summary>
    public static bool LooksLikeLogDir(string folder) =>
        Directory.EnumerateFiles(folder, ConfigName, SearchOption.AllDirectories).Any()
        || Directory.EnumerateFiles(folder, "*.index", SearchOption.AllDirectories).Any();

    /// <summary>Every run under <paramref name="root"/>, by name.</summary>
    public static IReadOnlyList<TensorBoardRun> Scan(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root = Path.GetFullPath(root);
        var runs = new List<TensorBoardRun>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in Directory.EnumerateFiles(root, ConfigName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(config)!;
            var logdir = AssetsToLogDir(folder);
            claimed.Add(logdir);
            claimed.Add(folder);
            var parsed = TextFormat.ParseFile<ProjectorConfig>(config);
            var checkpoints = FindCheckpoints(logdir);
            var latest = ConfiguredCheckpoint(folder, parsed) ?? Latest(logdir, checkpoints);
            string? note = null;
            if (latest is null && NeedsCheckpoint(parsed) && NearbyCheckpoints(logdir) is { } nearby)
            {
                // Claimed, so the same checkpoints do not show up again as a run without the config's metadata.
                claimed.Add(nearby.Folder);
                checkpoints = nearby.Checkpoints;
                latest = Latest(nearby.Folder, checkpoints);
                note = $"no checkpoint beside {ConfigName}; checkpoints read from {Path.GetRelativePath(logdir, nearby.Folder).Replace('\\', '/')}/ (newest: {Path.GetFileName(latest?.Prefix)})";
            }

            if (latest is not null && !checkpoints.Contains(latest))
            {
                checkpoints = [.. checkpoints, latest];
            }

            runs.Add(new TensorBoardRun(RunName(root, logdir), folder, config, parsed, checkpoints, latest) { CheckpointNote = note });
        }

        foreach (var index in Directory.EnumerateFiles(root, "*.index", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(index)!;
            if (!claimed.Add(folder))
            {
                continue;
            }

            var checkpoints = FindCheckpoints(folder);
            runs.Add(new TensorBoardRun(RunName(root, folder), folder, null, new ProjectorConfig(), checkpoints, Latest(folder, checkpoints)));
        }

        return [.. runs.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>The checkpoints in a folder: those the <c>checkpoint</c> file lists and every <c>*.index</c>, oldest step first.</summary>
    public static IReadOnlyList<CheckpointStep> FindCheckpoints(string folder)
    {
        var prefixes = new List<string>();
        var state = ReadState(folder);
        if (state is not null)
        {
            prefixes.AddRange(state.AllModelCheckpointPaths.Select(p => ResolvePrefix(folder, p)).OfType<string>());
        }

        prefixes.AddRange(Directory.EnumerateFiles(folder, "*.index").Select(f => f[..^".index".Length]));
        return [.. prefixes.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)
            .Select(p => new CheckpointStep(p, StepOf(p)))
            .OrderBy(c => c.Step ?? -1).ThenBy(c => c.Prefix, StringComparer.Ordinal)];
    }

    /// <summary>Resolves a checkpoint prefix written in a config or <c>checkpoint</c> file; null when its <c>.index</c> is nowhere.</summary>
    public static string? ResolvePrefix(string folder, string raw)
    {
        foreach (var candidate in ConfigPath.Candidates(folder, raw))
        {
            if (File.Exists(candidate + ".index"))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>The step of a prefix such as <c>model.ckpt-10000</c>.</summary>
    public static long? StepOf(string prefix)
    {
        var m = StepSuffix().Match(Path.GetFileName(prefix));
        return m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    /// <summary>
    /// The checkpoints of a config that has none beside it and names none: Keras's TensorBoard callback
    /// writes the config to the log dir and saves the checkpoints to its <c>train/</c> folder, so a child
    /// folder with checkpoints (and no config of its own) is used, <c>train</c> first; else the parent
    /// folder, where TensorBoard itself looks next.
    /// </summary>
    private static (string Folder, IReadOnlyList<CheckpointStep> Checkpoints)? NearbyCheckpoints(string logdir)
    {
        var children = Probe(() => Directory.GetDirectories(logdir), [], skipDamaged: false)
            .Where(d => !File.Exists(Path.Combine(d, ConfigName)) && !File.Exists(Path.Combine(d, "plugins", "projector", ConfigName)))
            .OrderBy(d => Path.GetFileName(d) switch { "train" => 0, "validation" => 1, _ => 2 })
            .ThenBy(d => d, StringComparer.Ordinal);
        foreach (var child in children)
        {
            // A damaged `checkpoint` file below the log dir is reported: without it the run has no checkpoint anyway.
            var checkpoints = Probe(() => FindCheckpoints(child), [], skipDamaged: false);
            if (checkpoints.Count > 0)
            {
                return (child, checkpoints);
            }
        }

        // The parent may be any folder, outside what the user pointed at: an odd one there is skipped.
        var parent = Path.GetDirectoryName(logdir);
        var inParent = parent is null ? [] : Probe(() => FindCheckpoints(parent), [], skipDamaged: true);
        return inParent.Count > 0 ? (parent!, inParent) : null;
    }

    private static T Probe<T>(Func<T> look, T otherwise, bool skipDamaged)
    {
        try
        {
            return look();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (skipDamaged && e is DataFormatException))
        {
            return otherwise;
        }
    }

    /// <summary>False when every embedding of the config comes from a TSV file, so no checkpoint is looked for.</summary>
    private static bool NeedsCheckpoint(ProjectorConfig config) =>
        string.IsNullOrEmpty(config.ModelCheckpointPath) && string.IsNullOrEmpty(config.ModelCheckpointDir)
        && (config.Embeddings.Count == 0 || config.Embeddings.Any(e => string.IsNullOrEmpty(e.TensorPath)));

    private static CheckpointState? ReadState(string folder)
    {
        var file = Path.Combine(folder, "checkpoint");
        return File.Exists(file) ? TextFormat.ParseFile<CheckpointState>(file) : null;
    }

    private static CheckpointStep? ConfiguredCheckpoint(string folder, ProjectorConfig config)
    {
        if (string.IsNullOrEmpty(config.ModelCheckpointPath))
        {
            if (!string.IsNullOrEmpty(config.ModelCheckpointDir))
            {
                var dir = ConfigPath.Candidates(folder, config.ModelCheckpointDir).FirstOrDefault(Directory.Exists);
                return dir is null ? null : Latest(dir, FindCheckpoints(dir));
            }

            return null;
        }

        var prefix = ResolvePrefix(folder, config.ModelCheckpointPath);
        return prefix is null ? null : new CheckpointStep(prefix, StepOf(prefix));
    }

    private static CheckpointStep? Latest(string folder, IReadOnlyList<CheckpointStep> checkpoints)
    {
        var state = ReadState(folder);
        if (state is not null && !string.IsNullOrEmpty(state.ModelCheckpointPath) && ResolvePrefix(folder, state.ModelCheckpointPath) is { } newest)
        {
            return checkpoints.FirstOrDefault(c => c.Prefix == newest) ?? new CheckpointStep(newest, StepOf(newest));
        }

        return checkpoints.Count == 0 ? null : checkpoints[^1];
    }

    private static string AssetsToLogDir(string folder)
    {
        // TensorBoard keeps plugin assets in RUN/plugins/projector; the run (and its checkpoints) is RUN.
        var parent = Path.GetDirectoryName(folder);
        return Path.GetFileName(folder) == "projector" && parent is not null && Path.GetFileName(parent) == "plugins"
            ? Path.GetDirectoryName(parent)!
            : folder;
    }

    private static string RunName(string root, string folder)
    {
        var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        return relative.Length == 0 ? "." : relative;
    }

    [GeneratedRegex(@"-(\d+)$")]
    private static partial Regex StepSuffix();
}
