using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orleans.Messaging;
using Orleans.Runtime.Placement;
using Projector.Cluster.Grains;

namespace Projector.Cluster.Jobs;

/// <summary>How the client drives a job: how many shards a silo works on at once, when a call is given up.</summary>
/// <param name="ShardRows">Rows per shard.</param>
/// <param name="PerSilo">Calls in flight per silo (two keep a silo busy while a result travels back).</param>
/// <param name="CallTimeout">A shard call running longer is sent to another silo.</param>
/// <param name="MaxAttempts">Attempts per shard before the job fails.</param>
/// <param name="Poll">How often the cluster's live silos are read.</param>
public sealed record ClusterRunSettings(int ShardRows = ShardPlan.DefaultShardRows, int PerSilo = 2, TimeSpan? CallTimeout = null, int MaxAttempts = 8, TimeSpan? Poll = null)
{
    /// <summary>The call timeout in force (10 minutes unless given).</summary>
    public TimeSpan Timeout => CallTimeout ?? TimeSpan.FromMinutes(10);

    /// <summary>The poll interval in force (1 second unless given).</summary>
    public TimeSpan PollInterval => Poll ?? TimeSpan.FromSeconds(1);
}

/// <summary>
/// The job's coordinator, run by the client: the sample laid out on one silo, then every shard placed on
/// the live silos in parallel. A call that fails, outlives its timeout or whose silo leaves the cluster is
/// sent again to a live silo; as every step is deterministic (seeds derived from the job's and the shard's
/// number), a retried shard gives the bytes the first attempt would have.
/// </summary>
public sealed class ClusterJobRunner(IClusterClient grains, ClusterRunSettings settings)
{
    private readonly Dictionary<SiloAddress, int> _gatewayPorts = [];
    private int _retries;

    /// <summary>Runs <paramref name="job"/> to the end.</summary>
    /// <exception cref="ClusterInputException">Bad input (reported by a silo), no live silo, or a shard that failed every attempt.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<ClusterJobResult> Run(ClusterJob job, IProgress<ClusterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        _retries = 0;
        var shards = ShardPlan.Cut(job.Rows, settings.ShardRows);
        void Report(string message, int done, long points) => progress?.Report(new ClusterProgress(message, done, shards.Count, points, job.Rows));

        var clock = Stopwatch.StartNew();
        var sampleGrain = grains.GetGrain<ISampleGrain>(job.JobId);
        Report(string.Create(CultureInfo.InvariantCulture, $"laying out a sample of {Math.Min(job.SampleSize, job.Rows):N0} points ({job.Method})"), 0, 0);
        var sample = (await Dispatch(1, (_, _, token) => sampleGrain.Layout(job, token), s => s.Error, (_, s) => Report($"sample laid out on {s.Silo} ({s.Selection})", 0, 0), Report, cancellationToken).ConfigureAwait(false))[0];
        var sampleTime = clock.Elapsed;

        clock.Restart();
        var done = 0;
        long points = 0;
        var perSilo = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var placedPerSilo = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await Dispatch(
            shards.Count,
            (i, attempt, token) => grains.GetGrain<IShardGrain>(FormattableString.Invariant($"{job.JobId}/{i}/{attempt}")).Place(job, shards[i], token),
            r => r.Error,
            (i, r) =>
            {
                var shard = shards[i];
                done++;
                points += shard.Count;
                perSilo[r.Silo] = perSilo.GetValueOrDefault(r.Silo) + 1;
                placedPerSilo[r.Silo] = placedPerSilo.GetValueOrDefault(r.Silo) + r.Placed;
                Report(string.Create(CultureInfo.InvariantCulture, $"shard {i + 1}/{shards.Count} placed on {r.Silo} ({r.Placed:N0} points)"), done, points);
            },
            Report,
            cancellationToken).ConfigureAwait(false);
        return new ClusterJobResult(shards, sample, perSilo, placedPerSilo, _retries, sampleTime, clock.Elapsed);
    }

    // Runs calls 0..count-1 on the live silos, each silo given at most PerSilo at a time (through the
    // placement hint of a fresh grain per attempt), until every one has a result. After a silo is lost,
    // calls in flight on the others that run far longer than those that finished are sent again (LostCalls). Each call gets a token
    // of its own, cancelled when it is given up on, and all of them when the job ends early (cancelled or
    // failed), so the silos stop work whose result nobody waits for.
    private async Task<T[]> Dispatch<T>(int count, Func<int, int, CancellationToken, Task<T>> call, Func<T, string?> errorOf, Action<int, T> finished, Action<string, int, long> report, CancellationToken cancellationToken)
    {
        var results = new T[count];
        var complete = new bool[count];
        var attempts = new int[count];
        var lastError = new string?[count];
        var queue = new LinkedList<int>(Enumerable.Range(0, count));
        var notBefore = new TimeSpan[count];
        var clock = Stopwatch.StartNew();
        var running = new List<Running<T>>();
        var remaining = count;
        var silos = await LiveSilos(null, cancellationToken).ConfigureAwait(false) ?? [];
        var noSiloSince = silos.Count == 0 ? Stopwatch.StartNew() : null;
        var durations = new List<TimeSpan>();
        TimeSpan? lostAt = null;
        try
        {
            while (remaining > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var silo in silos)
                {
                    while (running.Count(r => r.Silo.Equals(silo)) < settings.PerSilo && Ready(queue, notBefore, clock.Elapsed) is { } next)
                    {
                        var item = next.Value;
                        queue.Remove(next);
                        if (++attempts[item] > settings.MaxAttempts)
                        {
                            throw new ClusterInputException($"part {item + 1} of the job failed {settings.MaxAttempts} times (last: {lastError[item]}); check the silos' logs and that every silo reads the same shared folder");
                        }

                        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        running.Add(new Running<T>(item, silo, Start(call, item, attempts[item], silo, stop.Token), Stopwatch.StartNew(), stop, clock.Elapsed));
                    }
                }

                var tick = Task.Delay(settings.PollInterval, cancellationToken);
                await Task.WhenAny(running.Select(r => (Task)r.Task).Append(tick)).ConfigureAwait(false);
                foreach (var r in running.Where(r => r.Task.IsCompleted).ToList())
                {
                    running.Remove(r);
                    r.Stop.Dispose();
                    if (r.Task.IsCompletedSuccessfully)
                    {
                        var value = r.Task.Result;
                        if (errorOf(value) is { } error)
                        {
                            throw new ClusterInputException(error);
                        }

                        if (!complete[r.Item])
                        {
                            complete[r.Item] = true;
                            results[r.Item] = value;
                            remaining--;
                            durations.Add(r.Clock.Elapsed);
                            finished(r.Item, value);
                        }
                    }
                    else if (!complete[r.Item])
                    {
                        lastError[r.Item] = FirstLine(r.Task.Exception?.GetBaseException().Message ?? "cancelled");
                        // While the cluster settles after a loss, calls fail at once (the lost silo's part of the
                        // grain directory is not yet taken over): wait a little longer after each failure.
                        notBefore[r.Item] = clock.Elapsed + TimeSpan.FromSeconds(attempts[r.Item]);
                        Retry(queue, r, $"call failed on {r.Silo} ({lastError[r.Item]})", report);
                    }
                }

                var before = silos;
                silos = await LiveSilos(silos, cancellationToken).ConfigureAwait(false) ?? silos;
                if (before.Any(s => !silos.Contains(s)))
                {
                    lostAt = clock.Elapsed;
                }

                foreach (var r in running.Where(r => !silos.Contains(r.Silo) || r.Clock.Elapsed > settings.Timeout || LostCalls.Overdue(r.StartedAt, lostAt, r.Clock.Elapsed, durations)).ToList())
                {
                    running.Remove(r);
                    GiveUp(r);
                    var why = !silos.Contains(r.Silo) ? $"silo {r.Silo} left the cluster"
                        : r.Clock.Elapsed > settings.Timeout ? $"no answer from {r.Silo} within {settings.Timeout}"
                        : $"no answer from {r.Silo} since a silo was lost, after {r.Clock.Elapsed.TotalSeconds:F0} s (four times the shards' median)";
                    lastError[r.Item] = !silos.Contains(r.Silo) ? "silo lost" : "timed out";
                    Retry(queue, r, why, report);
                }

                if (silos.Count > 0)
                {
                    noSiloSince = null;
                }
                else if ((noSiloSince ??= Stopwatch.StartNew()).Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new ClusterInputException("no silo is left in the cluster: start one with `projector cluster silo` and run the job again");
                }
            }

            return results;
        }
        finally
        {
            // Orleans carries each cancellation to the silo running the call, whose shard stops at its next
            // check (an epoch, a row's neighbour search) and writes no file.
            foreach (var r in running)
            {
                GiveUp(r);
            }
        }
    }

    private static void GiveUp<T>(Running<T> run)
    {
        run.Stop.Cancel();
        Observe(run.Task);
        _ = run.Task.ContinueWith(_ => run.Stop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    // The first queued item whose retry delay has passed.
    private static LinkedListNode<int>? Ready(LinkedList<int> queue, TimeSpan[] notBefore, TimeSpan now)
    {
        for (var node = queue.First; node is not null; node = node.Next)
        {
            if (notBefore[node.Value] <= now)
            {
                return node;
            }
        }

        return null;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private void Retry<T>(LinkedList<int> queue, Running<T> run, string why, Action<string, int, long> report)
    {
        _retries++;
        queue.AddFirst(run.Item);
        report($"{why}: part {run.Item + 1} sent again", -1, -1);
    }

    private static Task<T> Start<T>(Func<int, int, CancellationToken, Task<T>> call, int item, int attempt, SiloAddress silo, CancellationToken cancellationToken)
    {
        // The hint travels with the call and places the fresh activation on that silo.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return call(item, attempt, cancellationToken);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    // The silos the membership table lists as active, in a fixed order; null when it could not be read.
    // Orleans gives a client no membership service of its own (IClusterMembershipService lives in the
    // silo runtime; a client's cluster manifest keeps defunct silos until a complete one arrives), so the
    // list comes from the management grain, i.e. from the view of whichever silo hosts it, which can lag
    // behind the table or be the silo just lost. It is checked against the client's own reading of the
    // table, its gateway list (refreshed every two seconds, and the gateways the client found dead
    // dropped at once): a silo whose gateway the client no longer lists is taken as lost, even while the
    // management grain still names it, and when that grain cannot answer the last list is kept, so filtered.
    private async Task<List<SiloAddress>?> LiveSilos(List<SiloAddress>? last, CancellationToken cancellationToken)
    {
        var gateways = await Gateways(cancellationToken).ConfigureAwait(false);
        bool Listed(SiloAddress silo, int gatewayPort) => gateways is null || gateways.Contains((silo.Endpoint.Address, gatewayPort));
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            foreach (var host in hosts)
            {
                _gatewayPorts[host.SiloAddress] = host.ProxyPort;
            }

            return [.. hosts.Where(h => Listed(h.SiloAddress, h.ProxyPort)).Select(h => h.SiloAddress).OrderBy(s => s.ToString(), StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The management grain's own silo may be the one just lost: ask again next round.
            return last?.Where(s => Listed(s, _gatewayPorts.GetValueOrDefault(s))).ToList();
        }
    }

    // The client's gateways (address, port) as its gateway list provider reads them from the membership
    // table; null when unknown (no provider, a failed read, or an empty list, which is a table being rewritten).
    private async Task<HashSet<(IPAddress, int)>?> Gateways(CancellationToken cancellationToken)
    {
        if (grains.ServiceProvider.GetService(typeof(IGatewayListProvider)) is not IGatewayListProvider provider)
        {
            return null;
        }

        try
        {
            var uris = await provider.GetGateways().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var found = new HashSet<(IPAddress, int)>();
            foreach (var uri in uris)
            {
                if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
                {
                    return null;
                }

                found.Add((address, uri.Port));
            }

            return found.Count == 0 ? null : found;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    // A call given up on may still fail later; its exception is seen, not left to the finalizer.
    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private sealed record Running<T>(int Item, SiloAddress Silo, Task<T> Task, Stopwatch Clock, CancellationTokenSource Stop, TimeSpan StartedAt);
}
