using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats.TensorBoard;

/// <summary>
/// Writes a TensorBoard projector run folder from .NET, the equivalent of
/// <c>tensorboard.plugins.projector.visualize_embeddings</c>: <c>projector_config.pbtxt</c>, the vectors
/// (a real checkpoint, or a TSV), <c>metadata.tsv</c> and <c>sprite.png</c>. TensorBoard opens the folder
/// (<c>tensorboard --logdir DIR</c>), and so does <c>projector inspect DIR</c>.
/// </summary>
/// <example>
/// <code>
/// var log = new ProjectorLogWriter("logs/run1");
/// log.Add(new Dataset("word_embedding", EmbeddingMatrix.FromArray(values, n, d), metadata, sprite));
/// log.Write(step: 1000);   // call again at later steps to compare pictures over training
/// </code>
/// </example>
public sealed class ProjectorLogWriter
{
    /// <summary>The prefix of the checkpoints this writer makes (<c>embeddings.ckpt-STEP</c>).</summary>
    public const string CheckpointName = "embeddings.ckpt";

    private readonly List<Dataset> _datasets = [];

    /// <summary>A writer for the run folder <paramref name="runFolder"/> (created when needed).</summary>
    public ProjectorLogWriter(string runFolder, TensorStorage storage = TensorStorage.Checkpoint)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        RunFolder = runFolder;
        Storage = storage;
    }

    /// <summary>The run folder.</summary>
    public string RunFolder { get; }

    /// <summary>How the vectors are stored.</summary>
    public TensorStorage Storage { get; }

    /// <summary>Adds an embedding to write; names must be unique.</summary>
    public ProjectorLogWriter Add(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (_datasets.Any(d => d.Name == dataset.Name))
        {
            throw new ArgumentException($"An embedding named '{dataset.Name}' was already added.", nameof(dataset));
        }

        _datasets.Add(dataset);
        return this;
    }

    /// <summary>
    /// Writes every added embedding at <paramref name="step"/>: with checkpoints, a new
    /// <c>embeddings.ckpt-STEP</c> joins those already in the folder and becomes the newest in the
    /// <c>checkpoint</c> file; with TSV, the files are replaced. Each file is written atomically.
    /// </summary>
    public void Write(long step = 0, CancellationToken cancellationToken = default)
    {
        if (_datasets.Count == 0)
        {
            throw new InvalidOperationException("Add at least one embedding before writing.");
        }

        Directory.CreateDirectory(RunFolder);
        var config = new ProjectorConfig();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = _datasets.Select(d => FileStem.Unique(d.Name, used)).ToArray();
        if (Storage == TensorStorage.Checkpoint)
        {
            var prefix = Path.Combine(RunFolder, $"{CheckpointName}-{step.ToString(CultureInfo.InvariantCulture)}");
            CheckpointWriter.Write(prefix, [.. _datasets.Select(d => new KeyValuePair<string, EmbeddingMatrix>(d.Name, d.Matrix))], cancellationToken);
            WriteCheckpointState(Path.GetFileName(prefix));
        }

        for (var i = 0; i < _datasets.Count; i++)
        {
            var d = _datasets[i];
            var info = new EmbeddingInfo { TensorName = d.Name };
            info.TensorShape.Add((uint)d.Points);
            info.TensorShape.Add((uint)d.Dimensions);
            if (Storage == TensorStorage.Tsv)
            {
                info.TensorPath = $"{names[i]}_tensors.tsv";
                TsvVectorWriter.Write(Path.Combine(RunFolder, info.TensorPath), d.Matrix, cancellationToken);
            }

            if (d.Metadata.Columns.Count > 0)
            {
                info.MetadataPath = $"{names[i]}_metadata.tsv";
                MetadataTsvWriter.Write(Path.Combine(RunFolder, info.MetadataPath), d.Metadata);
            }

            if (d.Sprite is { } sprite)
            {
                info.Sprite = new SpriteMetadata { ImagePath = $"{names[i]}_sprite.png" };
                info.Sprite.SingleImageDim.Add((uint)sprite.TileWidth);
                info.Sprite.SingleImageDim.Add((uint)sprite.TileHeight);
                SpriteWriter.Write(Path.Combine(RunFolder, info.Sprite.ImagePath), sprite);
            }

            config.Embeddings.Add(info);
        }

        TextFormat.WriteFile(Path.Combine(RunFolder, LogDirScanner.ConfigName), config);
    }

    private void WriteCheckpointState(string newest)
    {
        var state = new CheckpointState { ModelCheckpointPath = newest };
        var all = LogDirScanner.FindCheckpoints(RunFolder).Select(c => Path.GetFileName(c.Prefix)).Append(newest).Distinct(StringComparer.Ordinal)
            .OrderBy(n => LogDirScanner.StepOf(n) ?? -1);
        state.AllModelCheckpointPaths.AddRange(all);
        TextFormat.WriteFile(Path.Combine(RunFolder, "checkpoint"), state);
    }
}
