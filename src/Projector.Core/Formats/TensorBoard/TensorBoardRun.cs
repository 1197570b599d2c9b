using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Formats.TensorBoard;

/// <summary>
/// A run of a TensorBoard log dir: a folder with <c>projector_config.pbtxt</c>, or a folder with
/// checkpoints and no config (then every 2-D floating-point variable is an embedding).
/// </summary>
/// <param name="Name">The run's folder relative to the log dir (<c>.</c> for the log dir itself), as TensorBoard names it.</param>
/// <param name="Folder">The folder relative paths in the config are resolved against.</param>
/// <param name="ConfigPath">The <c>projector_config.pbtxt</c>, or null.</param>
/// <param name="Config">The parsed config (empty when there is no file).</param>
/// <param name="Checkpoints">Every checkpoint of the run, oldest step first.</param>
/// <param name="Latest">The checkpoint TensorBoard shows: the config's, else the <c>checkpoint</c> file's newest, else the highest step.</param>
public sealed record TensorBoardRun(string Name, string Folder, string? ConfigPath, ProjectorConfig Config, IReadOnlyList<CheckpointStep> Checkpoints, CheckpointStep? Latest)
{
    /// <summary>
    /// Where the checkpoints came from when they are not beside the config (Keras's callback saves them
    /// in <c>train/</c> below it), worded for the user; null when they are where TensorBoard looks first.
    /// </summary>
    public string? CheckpointNote { get; init; }
}
