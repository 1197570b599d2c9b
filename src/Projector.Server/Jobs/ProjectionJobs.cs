using System.Collections.Concurrent;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Projections;
using Projector.Core.Projections.Custom;
using Projector.Server.Catalog;
using Projector.Server.Work;

namespace Projector.Server.Jobs;

/// <summary>
/// Starts and tracks projection jobs. PCA and custom axes finish inside the request; t-SNE and UMAP
/// run on background threads, at most <c>maxConcurrent</c> computing at once and at most <c>maxQueued</c>
/// waiting; one more is refused with a <see cref="ServerBusyException"/> (503). Final layouts are cached;
/// every job is cancelled when the server stops.
/// </summary>
internal sealed class ProjectionJobs : IDisposable
{
    // Finished jobs keep their last layout for the page to fetch; past this many the oldest finished ones are forgotten.
    private const int MaxJobs = 64;

    // A job waits for minutes, not seconds: ask a refused caller to come back later than a neighbour request.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Past this many rows a dataset's default t-SNE is not prepared ahead: the search would hold a worker
    // for minutes (an approximate graph, one thread) for a layout nobody may ask for.
    private const int MaxWarmPoints = 50_000;

    private readonly ConcurrentDictionary<string, InputWarmup> _warmups = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, ProjectionJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<ProjectionJob, Task> _running = new();

    // The order jobs were started in, for forgetting the oldest: ids are random and say nothing of it.
    private readonly ConcurrentDictionary<string, long> _started = new(StringComparer.Ordinal);
    private long _count;
    private readonly int _slotCount;
    private readonly int _maxQueued;
    private int _unfinished;

    private readonly ComputeThreads? _compute;

    public ProjectionJobs(int maxConcurrent, int maxQueued = int.MaxValue, ComputeThreads? compute = null)
    {
        _compute = compute;
        _slotCount = Math.Max(1, maxConcurrent);
        _maxQueued = Math.Max(0, maxQueued);
        _slots = new SemaphoreSlim(_slotCount);
    }

    /// <summary>t-SNE and UMAP jobs computing or waiting to.</summary>
    public int Unfinished => Volatile.Read(ref _unfinished);

    public LayoutCache Layouts { get; } = new();

    /// <summary>Clusters and quality figures of finished layouts.</summary>
    public AnalysisCache Analyses { get; } = new();

    public ProjectionInputs Inputs { get; } = new();

    /// <summary>Where each job's time went (at Information: not shown unless the log level asks for it).</summary>
    public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The job <paramref name="id"/>, or a 404 problem.</summary>
    public ProjectionJob Get(string id) =>
        _jobs.TryGetValue(id, out var job) ? job : throw ApiProblem.NotFound($"There is no projection job '{id}'.");

    /// <summary>Starts a job for <paramref name="plan"/>; the job is finished already when its layout was cached or is immediate.</summary>
    /// <exception cref="ServerBusyException">As many jobs as allowed are already waiting.</exception>
    public ProjectionJob Start(ProjectionPlan plan)
    {
        var id = NewId();
        ProjectionJob job;
        if (Layouts.TryGet(plan.CacheKey, out var cached))
        {
            job = ProjectionJob.Finished(id, plan, cached, cached: true);
        }
        else if (plan.Method is "pca" or "custom")
        {
            var layout = plan.Method == "pca" ? Pca(plan) : Custom(plan);
            Layouts.Set(plan.CacheKey, layout);
            job = ProjectionJob.Finished(id, plan, layout, cached: false);
        }
        else
        {
            // Counted from here until its run ends, so concurrent starts cannot overshoot the cap.
            if (Interlocked.Increment(ref _unfinished) > (long)_slotCount + _maxQueued)
            {
                Interlocked.Decrement(ref _unfinished);
                throw new ServerBusyException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The projection queue is full ({_maxQueued} waiting, {_slotCount} computing); retry in {RetryAfter.TotalSeconds:0} s or stop a projection."),
                    RetryAfter);
            }

            job = new ProjectionJob(id, plan, plan.Dims, plan.TotalIterations, _shutdown.Token);
            _running[job] = Task.Run(() => RunAsync(job));
        }

        _started[id] = Interlocked.Increment(ref _count);
        _jobs[id] = job;
        Forget();
        return job;
    }

    private void Forget()
    {
        if (_jobs.Count <= MaxJobs)
        {
            return;
        }

        var finished = _jobs.Values.Where(j => j.IsFinished).OrderBy(j => _started.GetValueOrDefault(j.Id)).ToList();
        foreach (var job in finished.Take(_jobs.Count - MaxJobs))
        {
            if (_jobs.TryRemove(job.Id, out _))
            {
                _started.TryRemove(job.Id, out _);
                job.Dispose();
            }
        }
    }

    /// <summary>
    /// Prepares the default t-SNE of <paramref name="entry"/> (PCA-reduced rows, kNN graph) on
    /// <paramref name="pool"/>, once per dataset, so the user's first t-SNE starts from the cache. Null when
    /// the dataset is too large or too small, or the pool is full (nothing is lost: a job prepares itself).
    /// </summary>
    public InputWarmup? Warm(CatalogEntry entry, WorkPool pool)
    {
        var data = entry.Dataset;
        // One thread, the work pool's own at low priority: parallel loops would run on the thread pool at
        // normal priority and slow the page's first picture, which is loading at the same moment.
        var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Threads = 1 };
        if (data.Points > MaxWarmPoints || data.Points < 2 || _shutdown.IsCancellationRequested)
        {
            return null;
        }

        var warm = new InputWarmup(recipe, _shutdown.Token);
        if (!_warmups.TryAdd(entry.Id, warm))
        {
            warm.Dispose();
            return _warmups.GetValueOrDefault(entry.Id);
        }

        try
        {
            recipe.Validate(data.Points, data.Dimensions);
            warm.Done = pool.RunAsync(ct => Prepare(recipe, entry, ct), warm.Token);
        }
        catch (Exception e) when (e is ServerBusyException or RecipeException or OperationCanceledException)
        {
            _warmups.TryRemove(entry.Id, out _);
            warm.Dispose();
            return null;
        }

        // A preparation that failed is simply not in the cache; the job that needs it will say why.
        warm.Done.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return warm;
    }

    private bool Prepare(ProjectionRecipe recipe, CatalogEntry entry, CancellationToken ct)
    {
        var timeline = new JobTimeline();
        timeline.Begin("started");
        using var prepared = recipe.Prepare(entry.Dataset.Matrix, Inputs.For(entry.Id), timeline.Watch(null), ct);
        Logger.LogInformation("Prepared the default t-SNE of '{Dataset}' ahead in {Seconds:0.00} s: {Steps}", entry.Id, timeline.Elapsed.TotalSeconds, timeline.Describe());
        return true;
    }

    /// <summary>The preparation of <paramref name="datasetId"/> started ahead, if any.</summary>
    public InputWarmup? WarmupOf(string datasetId) => _warmups.GetValueOrDefault(datasetId);

    /// <summary>True when a job that has not finished projects the dataset <paramref name="datasetId"/>.</summary>
    public bool Uses(string datasetId) => _jobs.Values.Any(j => !j.IsFinished && j.Plan.Entry.Id == datasetId);

    /// <summary>Stops every job and waits for their threads to leave the algorithms.</summary>
    public void StopAll()
    {
        _shutdown.Cancel();
        Task.WaitAll([.. _running.Values], TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        StopAll();
        foreach (var job in _jobs.Values)
        {
            job.Dispose();
        }

        foreach (var warm in _warmups.Values)
        {
            warm.Dispose();
        }

        Inputs.Dispose();
        _slots.Dispose();
        _shutdown.Dispose();
    }

    private FinalLayout Pca(ProjectionPlan plan)
    {
        var layout = plan.Recipe!.Compute(plan.Entry.Dataset.Matrix, Inputs.For(plan.Entry.Id));
        var frame = new ProjectionFrame(layout.Positions, layout.Points, layout.Dimensions, 0, 0, null, "done");
        return new FinalLayout(plan.Aligned?.Apply(frame) ?? frame, layout.ExplainedVariance);
    }

    private static FinalLayout Custom(ProjectionPlan plan)
    {
        var dataset = plan.Entry.Dataset;
        using var subset = plan.Indices is { } rows ? Subset(dataset, rows) : null;
        var (left, right, down, up) = plan.Axes!.Value;
        try
        {
            var frame = CustomAxes.Project(subset ?? dataset, left, right, down, up);
            return new FinalLayout(frame with { Phase = "done" }, null);
        }
        catch (ArgumentException e)
        {
            throw ApiProblem.BadRequest(e.Message);
        }
    }

    private static Dataset Subset(Dataset dataset, int[] rows)
    {
        var d = dataset.Dimensions;
        var values = new float[(long)rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            dataset.Matrix.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        var columns = dataset.Metadata.Columns.Select(c => new MetadataColumn(c.Name, [.. rows.Select(i => c[i])]));
        return new Dataset(dataset.Name, EmbeddingMatrix.FromArray(values, rows.Length, d), new MetadataTable(rows.Length, columns));
    }

    private async Task RunAsync(ProjectionJob job)
    {
        var entered = false;
        try
        {
            job.Timeline.Begin("queued");
            await _slots.WaitAsync(job.Token).ConfigureAwait(false);
            entered = true;

            // The iterations are long synchronous loops: on the thread pool two of them would take both
            // of a 2-core machine's pool threads, and requests and queued jobs would wait for new ones.
            // Its parallel loops run on the compute threads, not on the pool that answers requests.
            await Task.Factory.StartNew(() => Run(() => Compute(job)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while it waited in the queue.
            job.Finish(JobStatus.Stopped);
        }
        finally
        {
            if (entered)
            {
                _slots.Release();
            }

            _running.TryRemove(job, out _);
            Interlocked.Decrement(ref _unfinished);
        }
    }

    private void Run(Action work)
    {
        if (_compute is null)
        {
            work();
        }
        else
        {
            _compute.ExecuteOnDedicatedThread(work);
        }
    }

    private void Compute(ProjectionJob job)
    {
        var ct = job.Token;
        IIterativeProjection? run = null;
        try
        {
            job.Timeline.Begin("paused");
            job.WhilePaused().GetAwaiter().GetResult();
            var plan = job.Plan;
            job.SetPhase(plan.Recipe!.Method == LayoutMethod.Tsne || plan.Recipe.Method == LayoutMethod.Umap ? "neighbours" : "preparing", JobStatus.Running);
            // One job's parallel loops use at most one thread per core. Left unbounded, the loops of two jobs
            // keep queueing work to the thread pool, which grows to a dozen busy threads and leaves requests
            // and the work pool a sliver of the CPU. t-SNE's default is this count and UMAP's and the kNN
            // search's results do not depend on it, so the layout is the same bytes.
            var recipe = plan.Recipe! with { Threads = plan.Recipe!.Threads ?? Environment.ProcessorCount };
            TakeOverWarmup(job, recipe);
            job.Timeline.Begin("cache");
            var phase = new PreparationPhase(p => job.SetPhase(p));
            using var prepared = recipe.Prepare(plan.Entry.Dataset.Matrix, Inputs.For(plan.Entry.Id), job.Timeline.Watch(phase), ct);
            job.SetPhase(recipe.Method == LayoutMethod.Tsne ? "affinities" : "fuzzy set");
            job.Timeline.Begin("start");
            run = recipe.Start(prepared, phase, ct);
            job.Timeline.Begin("first iteration");
            job.BeginStreaming();
            foreach (var frame in ProjectionRunner.Frames(run, job.Control, new JobProgress(job), ct))
            {
                job.Publish(frame);
                if (frame.Iteration == 1)
                {
                    Logger.LogInformation("{Method} job {Job} of '{Dataset}': first moving frame {Seconds:0.00} s after the request ({Steps})", plan.Method, job.Id, plan.Entry.Id, job.Timeline.Elapsed.TotalSeconds, job.Timeline.Describe());
                    job.Timeline.Begin("iterations");
                }
            }

            if (job.Control.IsStopRequested)
            {
                job.Finish(JobStatus.Stopped);
                return;
            }

            if (plan.Aligned is { } aligned)
            {
                // The frames went out as the optimiser made them; the final layout is the one turned onto the step before.
                job.Publish(aligned.Apply(job.LatestFrame!));
            }

            Layouts.Set(plan.CacheKey, new FinalLayout(job.LatestFrame!, null));
            job.Finish(JobStatus.Done);
            Logger.LogInformation("{Method} job {Job} of '{Dataset}' done {Seconds:0.00} s after the request ({Steps})", plan.Method, job.Id, plan.Entry.Id, job.Timeline.Elapsed.TotalSeconds, job.Timeline.Describe());
        }
        catch (OperationCanceledException)
        {
            // Stopped before the frames began, or by shutdown: the layout so far is the final one.
            if (run is not null)
            {
                job.Publish(run.Snapshot());
            }

            job.Finish(JobStatus.Stopped);
        }
#pragma warning disable CA1031 // A job that fails reports why to the page; it must not take the server down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            job.Finish(JobStatus.Failed, e is ApiProblem or ArgumentException ? e.Message : $"The projection failed: {e.Message}");
        }
    }

    /// <summary>
    /// When the dataset's preparation started ahead still runs and prepares what <paramref name="recipe"/>
    /// needs, stops it: the job's own preparation reuses the stages it finished (see <see cref="InputWarmup"/>).
    /// </summary>
    private void TakeOverWarmup(ProjectionJob job, ProjectionRecipe recipe)
    {
        if (WarmupOf(job.Plan.Entry.Id) is { } warm && warm.Serves(recipe) && !warm.Done.IsCompleted)
        {
            job.Timeline.Begin("took over the preparation ahead");
            warm.TakeOver();
        }
    }

    /// <summary>Records the iterations between published frames.</summary>
    private sealed class JobProgress(ProjectionJob job) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => job.Progress((int)value.Done, (int)value.Total, value.Phase, value.Cost);
    }

    // 128 random bits: a page elsewhere cannot guess a job to watch its frames or stop it.
    private static string NewId() =>
        "j" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
