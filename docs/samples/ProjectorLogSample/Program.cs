// A training loop that writes a TensorBoard projector log: the embedding at several steps, with
// labels and a sprite, so `tensorboard --logdir logs` (or `projector inspect logs`) can compare them.
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Imaging;

const int Points = 1000;
const int Dimensions = 32;
var logDir = args.Length > 0 ? args[0] : "logs";
var rng = new Random(42);
var labels = new MetadataTable(Points, [new MetadataColumn("label", [.. Enumerable.Range(0, Points).Select(i => (string?)(i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))])]);
var sprite = SpriteBuilder.FromPixelRows(Points, _ => Enumerable.Repeat((float)rng.NextDouble(), 8 * 8).ToArray(), 8, 8).Sheet;
var weights = new float[Points * Dimensions];

for (var step = 0; step <= 3000; step += 1000)
{
    // Stand-in for training: points drift towards one centre per label.
    for (var i = 0; i < Points; i++)
    {
        for (var j = 0; j < Dimensions; j++)
        {
            weights[(i * Dimensions) + j] = (0.9f * weights[(i * Dimensions) + j]) + (j == i % 10 ? 1f : 0f) + (float)(rng.NextDouble() - 0.5);
        }
    }

    using var embedding = new Dataset("item_embedding", EmbeddingMatrix.FromArray((float[])weights.Clone(), Points, Dimensions), labels, sprite);
    new ProjectorLogWriter(Path.Combine(logDir, "run1")).Add(embedding).Write(step);
    Console.WriteLine($"step {step}: wrote {Path.Combine(logDir, "run1")}");
}
