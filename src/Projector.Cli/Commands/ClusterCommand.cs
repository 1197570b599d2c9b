using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Projector.Cluster;
using Projector.Cluster.Grains;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;
using Projector.Core.Formats;
using Projector.Core.Projections;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector cluster silo</c> joins a machine to a layout cluster (Orleans, membership in Redis or PostgreSQL);
/// <c>projector cluster run INPUT</c> lays out a sample of the input on one silo, places every shard
/// into it on all silos and writes the tile set and the positions.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext context) =>
        new("cluster", "Lay out inputs too large for one machine on a cluster of silos (Orleans; membership in Redis or PostgreSQL)") { Silo(context), Run(context) };

    private static Option<string> Membership() => new("--membership")
    {
        Description = "Where the cluster's membership table lives: a Redis server, redis://HOST:PORT, or a PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (password also from PGPASSWORD; the tables are created in schema projector_cluster on first use, which needs the CREATE right on the database)",
        Required = true,
    };

    private static Command Silo(CliContext context)
    {
        var membership = Membership();
        var port = new Option<int>("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var address = new Option<string>("--address") { Description = "Address to listen on and be reached at (default 127.0.0.1: this machine only; give the machine's address to join other machines)", DefaultValueFactory = _ => "127.0.0.1" };
        var shared = new Option<string>("--shared") { Description = "The folder job inputs are read from (the same files on every machine; default: the current folder)", DefaultValueFactory = _ => "." };
        var command = new Command("silo", "Run a silo of the layout cluster until Ctrl+C") { membership, port, gatewayPort, address, shared };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = new SiloSettings(
                ParseMembership(parsed.GetValue(membership)!),
                ParseAddress(parsed.GetValue(address)!),
                CheckPort(parsed.GetValue(port), "--port"),
                CheckPort(parsed.GetValue(gatewayPort), "--gateway-port"),
                parsed.GetValue(shared)!);
            if (!Directory.Exists(settings.Shared))
            {
                throw new UsageException($"--shared {settings.Shared}: no such folder; name the folder that holds the job inputs");
            }

            await Cluster(() => settings.Membership.EnsureReachable(ct));
            using var host = ClusterSilo.Build(settings);
            try
            {
                await host.StartAsync(ct);
            }
            catch (Exception e) when (e is SocketException || e.GetBaseException() is SocketException)
            {
                throw new UsageException($"{settings.Address}:{settings.SiloPort} or gateway port {settings.GatewayPort} cannot be listened on ({e.GetBaseException().Message}): give free ports with --port and --gateway-port");
            }

            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"silo up at {settings.Address}:{settings.SiloPort} (clients: {settings.GatewayPort}), membership {settings.Membership}, inputs from {Path.GetFullPath(settings.Shared)}; Ctrl+C stops it"));
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how a silo is meant to stop: leave the cluster cleanly.
            }

            await host.StopAsync(CancellationToken.None);
            context.Error.WriteLine("silo stopped");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Run(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "The input, a file in the silos' shared folder (.npy is read by each silo shard by shard)" };
        var membership = Membership();
        var method = new Option<string>("--method") { Description = "umap (default) or tsne", DefaultValueFactory = _ => "umap" };
        var output = new Option<string>("--out") { Description = "A new or empty folder for the tile set and positions.npy", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample, its layout and every shard's placement; the same seed gives the same bytes on any number of silos", DefaultValueFactory = _ => ProjectionRecipe.DefaultSeed };
        var sample = new Option<int>("--sample") { Description = "Points laid out as the map the rest is placed into (default 1,000,000, at most all)", DefaultValueFactory = _ => 1_000_000 };
        var shardRows = new Option<int>("--shard-rows") { Description = $"Rows per shard (default {ShardPlan.DefaultShardRows:N0})", DefaultValueFactory = _ => ShardPlan.DefaultShardRows };
        var metadata = new Option<string?>("--metadata") { Description = "A metadata TSV beside the input in the shared folder" };
        var label = new Option<string?>("--label") { Description = "The metadata column the sample is stratified by (default: the first; no metadata: a seeded uniform sample)" };
        var iterations = new Option<int?>("--iterations") { Description = "UMAP epochs or t-SNE iterations of the sample's layout (default: the recipe's)" };
        var threads = new Option<int?>("--threads") { Description = "Threads of the sample's layout (default: the silo's cores)" };
        var timeout = new Option<int>("--shard-timeout") { Description = "Seconds after which a shard still running is sent to another silo", DefaultValueFactory = _ => 600 };
        var tilePoints = new Option<int?>("--tile-points") { Description = $"The most points one tile holds (default {TileSetOptions.DefaultTilePoints:N0})" };
        var quality = new Option<bool>("--quality") { Description = "Print the layout's kNN preservation, trustworthiness and (with labels) label accuracy" };
        var command = new Command("run", "Lay out INPUT on the cluster and write its tile set") { input, membership, method, output, seed, sample, shardRows, metadata, label, iterations, threads, timeout, tilePoints, quality };
        command.SetAction(async (parsed, ct) =>
        {
            var source = parsed.GetValue(input)!;
            var target = parsed.GetValue(output)!;
            var address = ParseMembership(parsed.GetValue(membership)!);
            var layoutMethod = ProjectionRecipe.ParseMethod(parsed.GetValue(method));
            if (layoutMethod is not (LayoutMethod.Umap or LayoutMethod.Tsne))
            {
                throw new UsageException($"--method '{parsed.GetValue(method)}' is not umap or tsne");
            }

            var settings = new ClusterRunSettings(Positive(parsed.GetValue(shardRows), "--shard-rows"), CallTimeout: TimeSpan.FromSeconds(Positive(parsed.GetValue(timeout), "--shard-timeout")));
            if (!File.Exists(source))
            {
                throw new UsageException($"{source}: no such file; put the input in the silos' shared folder and name it here");
            }

            await Cluster(() =>
            {
                ClusterOutput.EnsureWritable(target);
                return Task.CompletedTask;
            });
            var meta = parsed.GetValue(metadata);
            if (meta is not null && !string.Equals(Path.GetDirectoryName(Path.GetFullPath(meta)), Path.GetDirectoryName(Path.GetFullPath(source)), StringComparison.Ordinal))
            {
                throw new UsageException($"--metadata {meta} is not beside {source}: the silos read both from their shared folder");
            }

            // The client reads the input's header (all of it only when it is not a .npy) and streams the
            // metadata once to plan the tiles' columns: its memory does not grow with the input.
            using var jobInput = CliProgress.Run(context, $"Reading {source}", p => JobInput.Open(source, new ReadOptions { Progress = p, CancellationToken = ct }));
            var warnings = new List<string>();
            var columns = meta is null
                ? JobMetadata.Plan(null, jobInput.Embedded, jobInput.Rows, warnings)
                : CliProgress.Run(context, $"Reading {meta}", p => JobMetadata.Plan(meta, jobInput.Embedded, jobInput.Rows, warnings, new ReadOptions { Progress = p, CancellationToken = ct }));
            foreach (var warning in warnings)
            {
                context.Error.WriteLine("warning: " + CliText.Safe(warning));
            }

            var labelColumn = parsed.GetValue(label);
            if (labelColumn is not null && !columns.Columns.Any(c => c.Source == labelColumn))
            {
                throw new UsageException($"--label: no metadata column '{labelColumn}'; columns: {(columns.Columns.Length == 0 ? "(none)" : string.Join(", ", columns.Columns.Select(c => c.Source)))}");
            }

            var tileSize = parsed.GetValue(tilePoints) ?? TileSetOptions.DefaultTilePoints;
            if (tileSize < TileSetOptions.MinTilePoints)
            {
                throw new UsageException($"--tile-points must be at least {TileSetOptions.MinTilePoints}");
            }

            var jobId = Guid.NewGuid().ToString("N");
            using var folder = await Cluster(() => Task.FromResult(JobFolder.Create(Path.GetDirectoryName(Path.GetFullPath(source))!, jobId)));
            var job = new ClusterJob
            {
                JobId = jobId,
                TilePoints = tileSize,
                WorkFolder = folder.Name,
                InputName = Path.GetFileName(source),
                MetadataName = meta is null ? null : Path.GetFileName(meta),
                LabelColumn = labelColumn,
                Method = ProjectionRecipe.NameOf(layoutMethod.Value),
                Seed = parsed.GetValue(seed),
                SampleSize = Math.Min(Positive(parsed.GetValue(sample), "--sample"), jobInput.Rows),
                Threads = parsed.GetValue(threads),
                Iterations = parsed.GetValue(iterations),
                Rows = jobInput.Rows,
                Dimensions = jobInput.Dimensions,
            };
            job = columns.ApplyTo(job);
            try
            {
                ClusterRecipe.For(job).Validate(job.SampleSize, job.Dimensions);
            }
            catch (RecipeException e)
            {
                throw new UsageException(e.Message);
            }

            await using var connection = await Cluster(() => ClusterConnection.Open(address, ct));
            var result = await Cluster(() => new ClusterJobRunner(connection.Client, settings).Run(job, new ProgressLines(context), ct));
            var manifest = await Cluster(() => Task.FromResult(CliProgress.RunStages(context, p => ClusterOutput.Write(target, jobInput.Name, job, result, folder, p, ct))));
            var placed = result.PlacedPerSilo.Values.Sum();
            var rate = placed / Math.Max(result.PlaceTime.TotalSeconds, 1e-9);
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {target}: {manifest.Points:N0} points in {manifest.Tiles.Count:N0} tiles, and {ClusterOutput.PositionsFile}; sample of {result.Sample.Rows.Length:N0} ({result.Sample.Selection}) laid out in {result.SampleTime.TotalSeconds:F1} s; {placed:N0} points placed in {result.PlaceTime.TotalSeconds:F1} s ({rate:N0} points/s) on {result.ShardsPerSilo.Count} silo(s): {string.Join(", ", result.ShardsPerSilo.Select(s => $"{s.Key} {s.Value} shards"))}; {result.Retries} retried"));
            if (parsed.GetValue(quality))
            {
                // Read back from the written file: the client holds every position, the input and its
                // metadata only when asked for the quality.
                using var dataset = CliProgress.Run(context, $"Reading {source}", p => DatasetReader.Read(source, new ReadOptions { MetadataPath = meta, Progress = p, CancellationToken = ct }));
                using var written = DatasetReader.Read(Path.Combine(target, ClusterOutput.PositionsFile), ReadOptions.Default);
                var layout = written.Matrix;
                var labels = (labelColumn is null ? dataset.Metadata.Columns.FirstOrDefault() : dataset.Metadata[labelColumn])?.Values;
                ProjectCommand.WriteQuality(context, dataset, layout, labels, ct);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static async Task<T> Cluster<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (ClusterInputException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static Task Cluster(Func<Task> work) => Cluster(async () =>
    {
        await work();
        return true;
    });

    private static MembershipAddress ParseMembership(string text)
    {
        try
        {
            return MembershipAddress.Parse(text);
        }
        catch (ClusterInputException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--address '{text}' is not an IP address (e.g. 127.0.0.1, or this machine's address on the cluster's network)");

    private static int CheckPort(int port, string option) =>
        port is > 0 and <= 65535 ? port : throw new UsageException($"{option} {port} is not between 1 and 65535");

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} must be at least 1");

    /// <summary>One line per step on stderr, with the shards and points done so far.</summary>
    private sealed class ProgressLines(CliContext context) : IProgress<ClusterProgress>
    {
        public void Report(ClusterProgress value)
        {
            var counter = value.Shards > 0 && value.ShardsDone >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"[{value.ShardsDone}/{value.Shards} shards, {value.PointsDone:N0}/{value.Points:N0} points, {100.0 * value.PointsDone / Math.Max(1, value.Points):F0}%] ")
                : string.Empty;
            context.Error.WriteLine(counter + CliText.Safe(value.Message));
        }
    }
}
