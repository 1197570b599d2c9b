using System.CommandLine;

namespace Projector.Cli.Commands;

/// <summary>The options of <c>projector project</c>.</summary>
internal sealed class ProjectOptions
{
    public Argument<string[]> Input { get; } = new("INPUT") { Description = "Any readable input (see inspect); with --steps all, several files of the same rows, one per step", Arity = ArgumentArity.OneOrMore };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Layout file: .npy, .bytes, .csv or .tsv (with --steps: a folder)", Required = true };

    public Option<string?> Steps { get; } = new("--steps") { Description = "all, or steps like 100,200: one layout per checkpoint of a TensorBoard run (or per INPUT file), each started from and turned onto the step before" };

    public Option<string?> LayoutFormat { get; } = new("--layout-format") { Description = "--steps: csv (default), npy, tsv or bytes" };

    public Option<ProjectionMethod> Method { get; } = new("--method") { Description = "pca, tsne or umap", DefaultValueFactory = _ => ProjectionMethod.Tsne };

    public Option<bool> Quality { get; } = new("--quality") { Description = "Print kNN preservation, trustworthiness and label accuracy" };

    public Option<string?> Clusters { get; } = new("--clusters") { Description = "Also write each point's cluster (HDBSCAN on the layout) and the cluster's name from the metadata to this TSV (-1: noise)" };

    public Option<int?> MinClusterSize { get; } = new("--min-cluster-size") { Description = "--clusters: the smallest cluster (default 1% of the points, 10 to 10,000)" };

    public Option<string?> Labels { get; } = new("--labels") { Description = "Metadata column for label accuracy (and --supervise)" };

    public Option<double?> Supervise { get; } = new("--supervise") { Description = "Supervise by the --labels column with this weight, 0 to 1 (t-SNE: as the TF projector; UMAP: target weight)" };

    public RecipeOptions Recipe { get; } = new();

    public CliOptions Read { get; } = new();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Input);
        foreach (var option in new Option[] { Output, Method, Quality, Clusters, MinClusterSize, Labels, Supervise, Steps, LayoutFormat })
        {
            command.Options.Add(option);
        }

        Recipe.AddTo(command);
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
