using System.Globalization;
using Projector.Bench.Formats;
using Projector.Bench.Imaging;
using Projector.Bench.Neighbors;
using Projector.Bench.Onnx;
using Projector.Bench.Projections;
using Projector.Bench.Quality;

namespace Projector.Bench;

/// <summary>
/// Speed and quality benchmarks, run by hand (never in the test suite), each a verb:
/// <c>dotnet run -c Release --project bench/Projector.Bench -- VERB [options]</c>; docs/benchmarks.md lists them with their results.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Projector.Bench read|checkpoint [--size-mb 1024] [--runs 5] [--dir DIR]
               Projector.Bench parquet [--rows 1000000] [--dims 256] [--runs 3] [--dir DIR]
               Projector.Bench knn [--exact-rows 100000] [--exact-k 90] [--approx-rows 1000000] [--approx-k 15] [--threads 0]
               Projector.Bench quality --input X.f32 --dims D --embedding Y.f32 [--emb-dims 2] --labels L.tsv
               Projector.Bench clusters [--sizes 10000,100000,1000000] [--runs 3] [--exact-max 20000] [--reference-max 100000]
               Projector.Bench pca [--runs 7] [--components 50]
               Projector.Bench tsne [--gradient auto|fft|bh] [--threads N] [--iterations 750] [--initial-momentum 0.5] [--dims 2|3] [--theta θ]
               Projector.Bench tsne-theta [--runs 7]
               Projector.Bench scale --input X.f32 --dims D --labels L.tsv [--method tsne|umap|knn] [--iterations 750] [--out-dims 2] [--layout Y.f32]
                                      [--rows N] [--k 15] [--epochs N] [--quality-sample 5000] [--nnd-iterations 12] [--heap 30] [--candidates N] [--trees N] [--seed 42]
               Projector.Bench tsne-repulsion [--points 10000] [--dims 2] [--threads N] [--runs 9]
               Projector.Bench synthetic [--rows 100000] [--methods tsne,umap] [--knn-cache FILE-PREFIX] [--iterations N]
               Projector.Bench embed [--batches 1,16,64,256] [--runs 3] [--threads N] [--dir DIR]
               Projector.Bench steps [--checkpoints 5] [--methods tsne,umap,pca] [--dir DIR]
               Projector.Bench load [--projector NAME=DLL,...] [--runs 3] [--clients 500 | --catalog N --metadata N --neighbors N] [--jobs 20] [--duration 60] [--probe-clients 10] [--probe-rate 10] [--probe-neighbors 100] [--probe-duration 30] [--alone-clients 10] [--alone-duration 20] [--timeout 10]
               Projector.Bench crc32c [--size-mb 256] [--runs 5]
               Projector.Bench image-scale [--count 20] [--width 4000] [--height 3000] [--side 224] [--runs 3] [--dir DIR]
               Projector.Bench images-data [--dir DIR]   (inputs of bench/scripts/compare-builds.sh --images)
               Projector.Bench neighbor-index [--sizes 20000,100000,300000] [--queries 2000]
               Projector.Bench place [--reference 20000] [--rows 20000] [--runs 3]
               Projector.Bench tile-merge [--points 5000000] [--shard-rows 50000] [--tile-points 50000] [--dir DIR] [--keep SETDIR]
               Projector.Bench umap [--runs 3] [--threads N] [--epochs N] [--init spectral|pca|random] [--knn-cache FILE] [--seed 42] [--neighbors 15] [--pca 50 (0: off)]
        """;

    private static int Main(string[] args)
    {
        var dir = StringArg(args, "--dir", Path.Combine(Path.GetTempPath(), "projector-bench"));
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "read":
                ReadBenchmarks.Run(dir, IntArg(args, "--size-mb", 1024), IntArg(args, "--runs", 5), Console.Out);
                return 0;
            case "checkpoint":
                CheckpointBenchmarks.Run(dir, IntArg(args, "--size-mb", 1024), IntArg(args, "--runs", 5), Console.Out);
                return 0;
            case "parquet":
                ColumnarBenchmarks.Run(dir, IntArg(args, "--rows", 1_000_000), IntArg(args, "--dims", 256), IntArg(args, "--runs", 3), Console.Out);
                return 0;
            case "parquet-once":
                ColumnarBenchmarks.ReadOnce(args[1], Console.Out);
                return 0;
            case "knn":
                KnnBenchmarks.Run(IntArg(args, "--exact-rows", 100_000), IntArg(args, "--approx-rows", 1_000_000), IntArg(args, "--exact-k", 90), IntArg(args, "--approx-k", 15), IntArg(args, "--threads", 0), Console.Out, Tuning(args));
                return 0;
            case "quality":
                QualityCheck.Run(StringArg(args, "--input", string.Empty), IntArg(args, "--dims", 0), StringArg(args, "--embedding", string.Empty), IntArg(args, "--emb-dims", 2), StringArg(args, "--labels", string.Empty), Console.Out);
                return 0;
            case "clusters":
                ClusterBenchmarks.Run(StringArg(args, "--sizes", "10000,100000,1000000"), IntArg(args, "--runs", 3), IntArg(args, "--exact-max", 20_000), IntArg(args, "--reference-max", 100_000), Console.Out);
                return 0;
            case "place":
                Projections.PlaceBenchmarks.Run(IntArg(args, "--reference", 20_000), IntArg(args, "--rows", 20_000), IntArg(args, "--runs", 3), Console.Out);
                return 0;
            case "neighbor-index":
                NeighborIndexBenchmarks.Run(StringArg(args, "--sizes", "20000,100000,300000"), IntArg(args, "--queries", 2000), Console.Out);
                return 0;
            case "tile-merge":
                Cluster.TileMergeBenchmarks.Run(IntArg(args, "--points", 5_000_000), IntArg(args, "--shard-rows", 50_000), IntArg(args, "--tile-points", Core.Publishing.Tiles.TileSetOptions.DefaultTilePoints), dir, Array.IndexOf(args, "--keep") >= 0 ? StringArg(args, "--keep", string.Empty) : null, Console.Out);
                return 0;
            case "umap":
                var threads = IntArg(args, "--threads", 0);
                var epochs = IntArg(args, "--epochs", 0);
                var init = Enum.Parse<Core.Projections.Umap.UmapInitialization>(StringArg(args, "--init", "Spectral"), ignoreCase: true);
                var cache = Array.IndexOf(args, "--knn-cache") >= 0 ? StringArg(args, "--knn-cache", string.Empty) : null;
                UmapBenchmarks.Run(IntArg(args, "--runs", 3), threads > 0 ? threads : null, epochs > 0 ? epochs : null, init, cache, IntArg(args, "--seed", 42), IntArg(args, "--neighbors", 15), IntArg(args, "--pca", 50), Console.Out);
                return 0;
            case "pca":
                PcaBenchmarks.Run(IntArg(args, "--runs", 7), IntArg(args, "--components", 50), Console.Out);
                return 0;
            case "tsne":
                TsneBenchmarks.Run(StringArg(args, "--gradient", "auto"), IntArg(args, "--threads", Environment.ProcessorCount), IntArg(args, "--iterations", 750), Array.IndexOf(args, "--initial-momentum") >= 0 ? double.Parse(StringArg(args, "--initial-momentum", "0.5"), CultureInfo.InvariantCulture) : null, Console.Out, IntArg(args, "--dims", 2), Array.IndexOf(args, "--theta") >= 0 ? double.Parse(StringArg(args, "--theta", "0.5"), CultureInfo.InvariantCulture) : null);
                return 0;
            case "scale":
                ScaleBenchmarks.Run(StringArg(args, "--input", string.Empty), IntArg(args, "--dims", 50), StringArg(args, "--labels", string.Empty), StringArg(args, "--method", "tsne"), Array.IndexOf(args, "--iterations") >= 0 ? IntArg(args, "--iterations", 750) : null, IntArg(args, "--out-dims", 2), Array.IndexOf(args, "--layout") >= 0 ? StringArg(args, "--layout", string.Empty) : null, Console.Out, ScaleSettings(args));
                return 0;
            case "tsne-theta":
                TsneThetaBenchmarks.Run(IntArg(args, "--runs", 7), Console.Out);
                return 0;
            case "tsne-repulsion":
                TsneRepulsionBenchmarks.Run(IntArg(args, "--points", 10_000), IntArg(args, "--dims", 2), IntArg(args, "--threads", Environment.ProcessorCount), IntArg(args, "--runs", 9), Console.Out);
                return 0;
            case "synthetic":
                SyntheticBenchmarks.Run(IntArg(args, "--rows", 100_000), StringArg(args, "--methods", "tsne,umap"), Array.IndexOf(args, "--knn-cache") >= 0 ? StringArg(args, "--knn-cache", string.Empty) : null, Array.IndexOf(args, "--iterations") >= 0 ? IntArg(args, "--iterations", 750) : null, Console.Out);
                return 0;
            case "embed":
                var embedThreads = IntArg(args, "--threads", 0);
                EmbedBenchmarks.Run(dir, StringArg(args, "--batches", "1,16,64,256"), IntArg(args, "--runs", 3), embedThreads > 0 ? embedThreads : null, Console.Out);
                return 0;
            case "steps":
                StepBenchmarks.Run(dir, IntArg(args, "--checkpoints", 5), StringArg(args, "--methods", "tsne,umap,pca"), Console.Out);
                return 0;
            case "crc32c":
                Crc32CBenchmarks.Run(IntArg(args, "--size-mb", 256), IntArg(args, "--runs", 5), Console.Out);
                return 0;
            case "image-scale":
                ImageScaleBenchmarks.Run(dir, IntArg(args, "--count", 20), IntArg(args, "--width", 4000), IntArg(args, "--height", 3000), IntArg(args, "--side", 224), IntArg(args, "--runs", 3), Console.Out);
                return 0;
            case "images-data":
                ImageBenchData.Run(dir, Console.Out);
                return 0;
            case "load":
                return Server.LoadBenchmark.RunAsync(args, Console.Out).GetAwaiter().GetResult();
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>Optional NN-descent knobs for tuning runs: --candidates, --iterations, --trees.</summary>
    private static ScaleSettings ScaleSettings(string[] args) => new ScaleSettings(
        OptionalInt(args, "--rows"),
        OptionalInt(args, "--k"),
        OptionalInt(args, "--epochs"),
        OptionalInt(args, "--quality-sample"),
        new Core.Neighbors.NeighborOptions
        {
            Candidates = OptionalInt(args, "--candidates"),
            Iterations = OptionalInt(args, "--nnd-iterations"),
            HeapSize = OptionalInt(args, "--heap"),
            Trees = OptionalInt(args, "--trees"),
            LocalityFrom = OptionalInt(args, "--locality-from"),
            Exact = OptionalInt(args, "--exact") is { } exact ? exact != 0 : null,
        })
    {
        Affinity = Enum.Parse<Core.Projections.Tsne.TsneAffinityKernel>(StringArg(args, "--affinity", "gaussian"), ignoreCase: true),
        Seed = IntArg(args, "--seed", 42),
    };

    private static int? OptionalInt(string[] args, string name) => Array.IndexOf(args, name) >= 0 ? IntArg(args, name, 0) : null;

    private static Core.Neighbors.NeighborOptions Tuning(string[] args) => new()
    {
        Candidates = Array.IndexOf(args, "--candidates") >= 0 ? IntArg(args, "--candidates", 0) : null,
        Iterations = Array.IndexOf(args, "--iterations") >= 0 ? IntArg(args, "--iterations", 0) : null,
        Trees = Array.IndexOf(args, "--trees") >= 0 ? IntArg(args, "--trees", 0) : null,
        HeapSize = OptionalInt(args, "--heap"),
        LocalityFrom = OptionalInt(args, "--locality-from"),
    };

    private static int IntArg(string[] args, string name, int fallback) =>
        int.Parse(StringArg(args, name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
