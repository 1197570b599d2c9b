using Projector.Core;
using Projector.Core.Formats;
using Projector.Core.Formats.Npz;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Server.Catalog;

/// <summary>
/// Lists the embeddings an input holds from its configs, headers and checkpoint indexes, without
/// reading any tensor: one spec per embedding, and per (run, tensor, step) for a TensorBoard log dir.
/// </summary>
internal static class CatalogDiscovery
{
    public static IReadOnlyList<CatalogSpec> Discover(string input)
    {
        if (input.StartsWith("demo:", StringComparison.Ordinal))
        {
            var name = input["demo:".Length..];
            var display = NamedSources.Find(input)?.Title ?? input;
            return [new CatalogSpec([name], display, input, input, name, null, null, input, ReadOptions.Default)];
        }

        if (Directory.Exists(input))
        {
            var configs = DatasetReader.FindConfigs(input);
            var logDir = LogDirScanner.LooksLikeLogDir(input);
            if (configs.Count > 0)
            {
                // A TensorBoard config beside standalone ones is listed too; a leftover one fails on first use, alone.
                var sources = configs.Count + (logDir ? 1 : 0);
                List<CatalogSpec> specs = [.. configs.SelectMany(c => Standalone(c, input, sources > 1, root: input))];
                if (logDir)
                {
                    specs.AddRange(LeftoverLog(input));
                }

                return specs;
            }

            if (logDir)
            {
                return LogDir(input);
            }

            throw new DataFormatException(input, DatasetReader.FolderProblem, "Give a data file, a standalone projector folder or a TensorBoard log dir");
        }

        if (Path.GetFileName(input) == LogDirScanner.ConfigName && File.Exists(input))
        {
            return LogDir(Path.GetDirectoryName(Path.GetFullPath(input))!, input);
        }

        if (!File.Exists(input))
        {
            if (File.Exists(input + ".index"))
            {
                return Checkpoint(input, input);
            }

            throw new DataFormatException(input, "does not exist", "Check the path");
        }

        if (input.EndsWith(".index", StringComparison.Ordinal))
        {
            return Checkpoint(input[..^".index".Length], input);
        }

        // Formats that hold several embeddings are listed one entry per embedding, each read on first use.
        return FormatRegistry.Detect(input).Name switch
        {
            "projector-config" => [.. Standalone(input, input, false)],
            "npz" => [.. Npz(input)],
            _ => [Single(input)],
        };
    }

    private static CatalogSpec Single(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        return new CatalogSpec([stem], stem, path, path, stem, null, null, path, ReadOptions.Default);
    }

    private static IEnumerable<CatalogSpec> Standalone(string config, string source, bool qualify, string? root = null)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(config))) ?? "config";
        var stem = qualify ? Path.GetFileNameWithoutExtension(config) : folder;
        var options = ReadOptions.Default with { ConfigRoot = root };
        StandaloneConfig parsed;
        try
        {
            parsed = StandaloneConfigReader.Parse(config);
        }
        catch (DataFormatException) when (qualify)
        {
            // One broken config among several is listed, empty, with its reason (read on first use), not the end of the folder.
            return [new CatalogSpec([stem], Path.GetFileName(config), source, source, Path.GetFileName(config), null, null, config, options)];
        }

        return parsed.Embeddings.Select(e => new CatalogSpec(
            parsed.Embeddings.Count == 1 ? [stem] : [stem, e.TensorName],
            e.TensorName,
            source,
            source,
            e.TensorName,
            null,
            null,
            config,
            options with { TensorName = e.TensorName }));
    }

    private static IEnumerable<CatalogSpec> Npz(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var tensors = NpzReader.ListTensors(path).Where(t => t.IsFloatMatrix).ToList();
        return tensors.Select(t => new CatalogSpec(
            tensors.Count == 1 ? [stem] : [stem, t.Name],
            t.Name,
            path,
            path,
            t.Name,
            null,
            null,
            path,
            ReadOptions.Default with { TensorName = t.Name }));
    }

    private static List<CatalogSpec> Checkpoint(string prefix, string source)
    {
        using var reader = CheckpointReader.Open(prefix);
        var stem = Path.GetFileName(prefix);
        var step = LogDirScanner.StepOf(reader.Prefix);
        return [.. TensorBoardReader.EmbeddingVariables(reader).Select(n => new CatalogSpec(
            [stem, n, .. step is { } s ? [$"s{s}"] : Array.Empty<string>()],
            n,
            source,
            source,
            n,
            null,
            step,
            source,
            ReadOptions.Default with { TensorName = n }))];
    }

    private static List<CatalogSpec> LeftoverLog(string root)
    {
        try
        {
            return LogDir(root);
        }
        catch (DataFormatException e)
        {
            var config = Path.Combine(root, LogDirScanner.ConfigName);
            var name = Path.GetFileName(e.FilePath);
            return [new CatalogSpec([name], name, root, root, name, null, null, File.Exists(config) ? config : e.FilePath, ReadOptions.Default)];
        }
    }

    private static List<CatalogSpec> LogDir(string root, string? source = null)
    {
        source ??= root;
        var rootName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
        var specs = new List<CatalogSpec>();
        foreach (var run in LogDirScanner.Scan(root))
        {
            foreach (var (tensor, fromFile) in Tensors(run))
            {
                IReadOnlyList<CheckpointStep?> steps = fromFile || run.Checkpoints.Count == 0
                    ? [null]
                    : [.. run.Checkpoints.Where(c => c.Step is not null || c == run.Latest).DistinctBy(c => c.Step)];
                foreach (var checkpoint in steps)
                {
                    var step = checkpoint?.Step;
                    string[] parts = [rootName, .. run.Name == "." ? Array.Empty<string>() : [run.Name], tensor, .. step is { } s ? [$"s{s}"] : Array.Empty<string>()];
                    specs.Add(new CatalogSpec(
                        parts,
                        tensor,
                        source,
                        source,
                        tensor,
                        run.Name,
                        step,
                        root,
                        ReadOptions.Default with { Run = run.Name, TensorName = tensor, Step = step },
                        checkpoint is null ? null : Shape(checkpoint.Prefix, tensor)));
                }
            }
        }

        return specs;
    }

    /// <summary>Rows and columns of a 2-D tensor from the checkpoint's index, without reading its values.</summary>
    private static (int, int)? Shape(string prefix, string tensor)
    {
        try
        {
            using var reader = CheckpointReader.Open(prefix);
            return reader.Find(tensor) is { Shape: [var rows, var columns] } && rows <= int.MaxValue && columns is > 0 and <= int.MaxValue
                ? ((int)rows, (int)columns)
                : null;
        }
        catch (DataFormatException)
        {
            // An unreadable index is reported when the tensor is read; the catalog just cannot tell its shape early.
            return null;
        }
    }

    /// <summary>The run's embeddings as the reader lists them: the config's named tensors, then every other 2-D float variable of its newest checkpoint.</summary>
    private static List<(string Tensor, bool FromFile)> Tensors(TensorBoardRun run)
    {
        // An entry with only a tensor_path is named by its file, as the reader names it.
        var named = run.Config.Embeddings
            .Where(e => !string.IsNullOrEmpty(e.TensorName) || !string.IsNullOrEmpty(e.TensorPath))
            .GroupBy(e => string.IsNullOrEmpty(e.TensorName) ? Path.GetFileName(e.TensorPath.Replace('\\', '/')) : e.TensorName, StringComparer.Ordinal)
            .Select(g => (Tensor: g.Key, FromFile: !string.IsNullOrEmpty(g.First().TensorPath)))
            .ToList();
        if (run.Latest is null)
        {
            return named;
        }

        using var reader = CheckpointReader.Open(run.Latest.Prefix);
        var unlisted = TensorBoardReader.UnlistedVariables(reader, named.Where(n => !n.FromFile).Select(n => n.Tensor));
        return [.. named, .. unlisted.Select(n => (n, false))];
    }
}
