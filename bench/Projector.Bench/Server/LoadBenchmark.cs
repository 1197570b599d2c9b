using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Projector.Bench.Server;

/// <summary>
/// <c>load</c>: drives <c>projector serve demo:mnist</c> on 127.0.0.1 the way the server-hardening issue
/// describes, for one or more builds of the CLI (<c>--projector NAME=DLL,...</c>), alternating them run by
/// run so that other load on the machine falls on all alike. Each phase runs on a freshly started server
/// (a child process whose VmRSS is sampled every 100 ms):
/// <list type="bullet">
/// <item>mixed: <c>--jobs</c> t-SNE / UMAP jobs are started (alternating, distinct seeds), then
/// <c>--clients</c> closed-loop clients, a third each on the catalog, the metadata and the neighbours of
/// random points, for <c>--duration</c> seconds (the issue's scenario);</item>
/// <item>probe: the same jobs, <c>--probe-neighbors</c> closed-loop neighbour clients (more than the
/// server computes at once) and <c>--probe-clients</c> catalog clients each asking <c>--probe-rate</c>
/// times a second, for <c>--probe-duration</c> seconds: whether the catalog waits behind heavy work;</item>
/// <item>alone: <c>--alone-clients</c> clients on neighbours only, no jobs, for <c>--alone-duration</c> seconds.</item>
/// </list>
/// Every request has a <c>--timeout</c>; a 503 is counted apart and the client waits its Retry-After, as
/// docs/api.md asks clients to. Reported per endpoint: p50/p95/p99 of the answered (2xx) requests,
/// answered per second, 503s, other statuses and timeouts; per phase the server's peak resident memory
/// and how far the jobs got. Bounded: phases end at their deadline, requests at their timeout, and the
/// jobs are stopped and the server killed at the end of each phase. A phase with duration 0 is skipped.
/// </summary>
internal static class LoadBenchmark
{
    private const string Dataset = "mnist";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var builds = Builds(Arg(args, "--projector", string.Empty));
        var runs = Int(args, "--runs", 1);
        var clients = Int(args, "--clients", 500);
        var jobs = Int(args, "--jobs", 20);
        var duration = TimeSpan.FromSeconds(Int(args, "--duration", 60));
        var probeClients = Int(args, "--probe-clients", 10);
        var probeRate = Int(args, "--probe-rate", 10);
        var probeNeighbors = Int(args, "--probe-neighbors", 100);
        var probeDuration = TimeSpan.FromSeconds(Int(args, "--probe-duration", 30));
        var aloneClients = Int(args, "--alone-clients", 10);
        var aloneDuration = TimeSpan.FromSeconds(Int(args, "--alone-duration", 20));
        var timeout = TimeSpan.FromSeconds(Int(args, "--timeout", 10));
        foreach (var (_, dll) in builds)
        {
            if (!File.Exists(dll))
            {
                Console.Error.WriteLine($"{dll} does not exist; build it with dotnet build Projector.slnx -c Release");
                return 2;
            }
        }

        output.WriteLine($"load: mixed {clients} clients + {jobs} jobs for {duration.TotalSeconds:0} s; probe {probeClients} catalog clients at {probeRate}/s + {probeNeighbors} neighbour clients + {jobs} jobs for {probeDuration.TotalSeconds:0} s; alone {aloneClients} neighbour clients for {aloneDuration.TotalSeconds:0} s; timeout {timeout.TotalSeconds:0} s; {runs} run(s) of {string.Join(", ", builds.Select(b => b.Name))}");
        var results = new List<PhaseResult>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var (name, dll) in builds)
            {
                var third = clients / 3;
                Phase[] phases =
                [
                    new("mixed", [new("catalog", Int(args, "--catalog", third), null), new("metadata", Int(args, "--metadata", third), null), new("neighbors", Int(args, "--neighbors", clients - (2 * third)), null)], jobs, duration, timeout),
                    new("probe", [new("catalog", probeClients, TimeSpan.FromSeconds(1.0 / probeRate)), new("neighbors", probeNeighbors, null)], jobs, probeDuration, timeout),
                    new("alone", [new("neighbors", aloneClients, null)], 0, aloneDuration, timeout),
                ];
                foreach (var phase in phases.Where(p => p.Duration > TimeSpan.Zero))
                {
                    var r = await PhaseAsync(dll, phase).ConfigureAwait(false) with { Build = name, Run = run };
                    results.Add(r);
                    Print(output, [r], $"run {run}, {name}, {r.Phase}");
                }
            }
        }

        if (runs > 1)
        {
            foreach (var phase in new[] { "mixed", "probe", "alone" })
            {
                foreach (var (name, _) in builds)
                {
                    // A phase given a duration of 0 was skipped and has nothing to summarise.
                    PhaseResult[] ofPhase = [.. results.Where(r => r.Phase == phase && r.Build == name)];
                    if (ofPhase.Length > 0)
                    {
                        Print(output, ofPhase, $"median of {runs} runs, {name}, {phase}");
                    }
                }
            }
        }

        return 0;
    }

    private static async Task<PhaseResult> PhaseAsync(string dll, Phase phase)
    {
        await using var server = await ServerProcess.StartAsync(dll, "demo:mnist").ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };

        // Warm-up: read the digits and compile the paths, so the phase measures serving, not start-up.
        foreach (var path in new[] { "/api/datasets", $"/api/datasets/{Dataset}/metadata", $"/api/datasets/{Dataset}/neighbors?point=0&k=10" })
        {
            using var r = await http.GetAsync(path).ConfigureAwait(false);
            r.EnsureSuccessStatusCode();
        }

        server.ResetPeak();
        var stats = new Dictionary<string, EndpointStats>(StringComparer.Ordinal)
        {
            ["catalog"] = new(),
            ["metadata"] = new(),
            ["neighbors"] = new(),
            ["start job"] = new(),
        };
        var jobIds = new List<string>();
        for (var j = 0; j < phase.Jobs; j++)
        {
            var method = j % 2 == 0 ? "tsne" : "umap";
            await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/projections")
            {
                Content = JsonContent.Create(new { dataset = Dataset, method, seed = 1000 + j }),
            }, phase.Timeout, stats["start job"], async response =>
            {
                var job = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                lock (jobIds)
                {
                    jobIds.Add(job.GetProperty("id").GetString()!);
                }
            }).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var deadline = phase.Duration;
        var tasks = new List<Task>();
        foreach (var group in phase.Clients)
        {
            for (var c = 0; c < group.Count; c++)
            {
                var random = new Random(c);
                Func<string> path = group.Endpoint switch
                {
                    "catalog" => () => "/api/datasets",
                    "metadata" => () => $"/api/datasets/{Dataset}/metadata",
                    _ => () => $"/api/datasets/{Dataset}/neighbors?point={random.Next(10_000)}&k=10",
                };
                tasks.Add(ClientAsync(http, path, group.Interval, clock, deadline, phase.Timeout, stats[group.Endpoint]));
            }
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = server.PeakBytes;

        // How far the jobs got, then stop them: the next phase starts from a quiet machine.
        var iterations = 0L;
        var running = 0;
        foreach (var id in jobIds)
        {
            try
            {
                var job = await http.GetFromJsonAsync<JsonElement>($"/api/projections/{id}").ConfigureAwait(false);
                iterations += job.GetProperty("iteration").GetInt32();
                running += job.GetProperty("status").GetString() is "running" or "done" ? 1 : 0;
                using var stop = await http.PostAsync($"/api/projections/{id}/stop", null).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The report shows the jobs it could read.
            }
        }

        return new PhaseResult(phase.Name, string.Empty, 0, seconds, peak, stats.Where(s => s.Value.Total > 0).ToDictionary(), phase.Jobs, jobIds.Count, running, iterations);
    }

    /// <summary>
    /// One client: the next request as soon as the last is answered (closed loop), or, with an
    /// <paramref name="interval"/>, one request per interval (a page polling), so that its latency measures
    /// the server and not the client's own queue.
    /// </summary>
    private static async Task ClientAsync(HttpClient http, Func<string> path, TimeSpan? interval, Stopwatch clock, TimeSpan deadline, TimeSpan timeout, EndpointStats stats)
    {
        // Spread the first requests over 100 ms, as real clients would not all start on the same tick.
        await Task.Delay(Random.Shared.Next(100)).ConfigureAwait(false);
        var next = clock.Elapsed;
        while (clock.Elapsed < deadline)
        {
            var retryAfter = await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, path()), timeout, stats, null).ConfigureAwait(false);
            if (interval is { } every && retryAfter is null)
            {
                next += every;
                var pause = next - clock.Elapsed;
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause).ConfigureAwait(false);
                }
                else
                {
                    next = clock.Elapsed;
                }
            }

            if (retryAfter is { } wait)
            {
                var left = deadline - clock.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(wait < left ? wait : left).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Sends one request and records it; returns the wait a 503 asks for, else null.</summary>
    private static async Task<TimeSpan?> SendAsync(HttpClient http, Func<HttpRequestMessage> request, TimeSpan timeout, EndpointStats stats, Func<HttpResponseMessage, Task>? onSuccess)
    {
        using var cts = new CancellationTokenSource(timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && onSuccess is not null)
            {
                await onSuccess(response).ConfigureAwait(false);
            }
            else
            {
                // Read the whole body: the latency is that of the complete answer.
                await using var body = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
                await body.CopyToAsync(Stream.Null, cts.Token).ConfigureAwait(false);
            }

            var ms = sw.Elapsed.TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                stats.Answered(ms);
                return null;
            }

            stats.Status((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            }

            return null;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            stats.TimedOut();
            return null;
        }
        catch (HttpRequestException)
        {
            stats.Status(0);
            return null;
        }
    }

    private static void Print(TextWriter output, IReadOnlyList<PhaseResult> results, string title)
    {
        var first = results[0];
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine($"peak server memory {Median(results.Select(r => r.PeakBytes / 1048576.0)):0} MB; jobs started {Median(results.Select(r => (double)r.JobsAccepted)):0}/{first.JobsAsked}, reached running {Median(results.Select(r => (double)r.JobsRunning)):0}, iterations done {Median(results.Select(r => (double)r.Iterations)):0}");
        output.WriteLine("| endpoint | answered | per s | p50 ms | p95 ms | p99 ms | 503 | other errors | timeouts |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var endpoint in first.Endpoints.Keys)
        {
            var all = results.Where(r => r.Endpoints.ContainsKey(endpoint)).Select(r => (r, s: r.Endpoints[endpoint])).ToList();
            var errors = all.SelectMany(x => x.s.Errors).GroupBy(e => e.Key).Where(g => g.Key != 503)
                .Select(g => $"{(g.Key == 0 ? "failed" : g.Key.ToString(CultureInfo.InvariantCulture))}: {Median(g.Select(e => (double)e.Value)):0}");
            var other = string.Join(", ", errors);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {endpoint} | {Median(all.Select(x => (double)x.s.Count)):0} | {Median(all.Select(x => x.s.Count / x.r.Seconds)):0.0} | {Median(all.Select(x => x.s.Percentile(0.50))):0.0} | {Median(all.Select(x => x.s.Percentile(0.95))):0.0} | {Median(all.Select(x => x.s.Percentile(0.99))):0.0} | {Median(all.Select(x => (double)x.s.Errors.GetValueOrDefault(503))):0} | {(other.Length > 0 ? other : "0")} | {Median(all.Select(x => (double)x.s.Timeouts)):0} |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>NAME=DLL pairs, comma-separated; by default this checkout's Release build, named "new".</summary>
    private static List<(string Name, string Dll)> Builds(string spec)
    {
        if (spec.Length == 0)
        {
            var root = AppContext.BaseDirectory;
            while (root is not null && !File.Exists(Path.Combine(root, "Projector.slnx")))
            {
                root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar));
            }

            return [("new", Path.Combine(root ?? ".", "src", "Projector.Cli", "bin", "Release", "net10.0", "projector.dll"))];
        }

        return [.. spec.Split(',').Select(p => p.Split('=', 2)).Select(p => p.Length == 2 ? (p[0], Path.GetFullPath(p[1])) : (Path.GetFileName(Path.GetDirectoryName(p[0]) ?? p[0]), Path.GetFullPath(p[0])))];
    }

    private static int Int(string[] args, string name, int fallback) => int.Parse(Arg(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed record Phase(string Name, ClientGroup[] Clients, int Jobs, TimeSpan Duration, TimeSpan Timeout);

    /// <summary>Count clients on one endpoint, closed-loop or paced one request per interval.</summary>
    private sealed record ClientGroup(string Endpoint, int Count, TimeSpan? Interval);

    private sealed record PhaseResult(string Phase, string Build, int Run, double Seconds, long PeakBytes, Dictionary<string, EndpointStats> Endpoints, int JobsAsked, int JobsAccepted, int JobsRunning, long Iterations);

    /// <summary>Latencies of answered requests and counts of the others; thread-safe.</summary>
    private sealed class EndpointStats
    {
        private readonly Lock _lock = new();
        private readonly List<double> _latencies = [];

        public Dictionary<int, int> Errors { get; } = [];

        public int Timeouts { get; private set; }

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _latencies.Count;
                }
            }
        }

        public int Total
        {
            get
            {
                lock (_lock)
                {
                    return _latencies.Count + Timeouts + Errors.Values.Sum();
                }
            }
        }

        public void Answered(double ms)
        {
            lock (_lock)
            {
                _latencies.Add(ms);
            }
        }

        public void Status(int status)
        {
            lock (_lock)
            {
                Errors[status] = Errors.GetValueOrDefault(status) + 1;
            }
        }

        public void TimedOut()
        {
            lock (_lock)
            {
                Timeouts++;
            }
        }

        public double Percentile(double p)
        {
            lock (_lock)
            {
                if (_latencies.Count == 0)
                {
                    return double.NaN;
                }

                var sorted = _latencies.Order().ToList();
                return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
            }
        }
    }
}
