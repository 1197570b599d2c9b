using System.CommandLine;
using Projector.Core.Neighbors;

namespace Projector.Cli.Commands;

/// <summary>The options of <c>projector project</c>.</summary>
internal sealed class ProjectOptions
{
    public Argument<string> Input { get; } = new("INPUT") { Description = "Any readable input (see inspect)" };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Layout file: .npy, .bytes, .csv or .tsv", Required = true };

    public Option<ProjectionMethod> Method { get; } = new("--method") { Description = "pca, tsne or umap", DefaultValueFactory = _ => ProjectionMethod.Tsne };

    public Option<int> Dims { get; } = new("--dims") { Description = "2 or 3", DefaultValueFactory = _ => 2 };

    public Option<double?> Perplexity { get; } = new("--perplexity") { Description = "t-SNE perplexity (default 30)" };

    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "Learning rate (t-SNE default: auto = N/12; UMAP 1.0)" };

    public Option<int?> Iterations { get; } = new("--iterations") { Description = "t-SNE iterations (default 750) or UMAP epochs (default 500 up to 10,000 points, else 200)" };

    public Option<int?> Neighbors { get; } = new("--neighbors") { Description = "UMAP neighbours (default 15)" };

    public Option<double?> MinDist { get; } = new("--min-dist") { Description = "UMAP min_dist (default 0.1)" };

    public Option<Metric> Metric { get; } = new("--metric") { Description = "euclidean or cosine", DefaultValueFactory = _ => Core.Neighbors.Metric.Euclidean };

    public Option<int?> Pca { get; } = new("--pca") { Description = "Reduce to N dimensions with PCA first (default 50 for t-SNE and UMAP when D > 50; 0 = off)" };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed; the same seed and threads give the same layout", DefaultValueFactory = _ => 42 };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Worker threads (default: all cores)" };

    public Option<bool> Quality { get; } = new("--quality") { Description = "Print kNN preservation, trustworthiness and label accuracy" };

    public Option<string?> Labels { get; } = new("--labels") { Description = "Metadata column for label accuracy (and --supervise)" };

    public Option<double?> Supervise { get; } = new("--supervise") { Description = "Supervise by the --labels column with this weight (t-SNE: 0..1 as the TF projector; UMAP: target weight)" };

    public CliOptions Read { get; } = new();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Input);
        foreach (var option in new Option[] { Output, Method, Dims, Perplexity, LearningRate, Iterations, Neighbors, MinDist, Metric, Pca, Seed, Threads, Quality, Labels, Supervise })
        {
            command.Options.Add(option);
        }

        Read.AddTo(command);
    }
}

/// <summary>The projections <c>projector project</c> computes.</summary>
internal enum ProjectionMethod
{
    Pca,
    Tsne,
    Umap,
}
