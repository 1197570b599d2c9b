using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Projector.Bench.Server;

/// <summary>
/// A <c>projector serve</c> started as a child process on 127.0.0.1 with a free port and a temporary state
/// folder, whose resident memory (VmRSS of /proc/PID/status) is sampled every 100 ms until it is stopped.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _state;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakBytes;

    private ServerProcess(Process process, string state, Uri address)
    {
        _process = process;
        _state = state;
        Address = address;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri Address { get; }

    /// <summary>The largest resident set seen so far, in bytes.</summary>
    public long PeakBytes => Math.Max(Interlocked.Read(ref _peakBytes), Rss());

    /// <summary>Starts <c>dotnet PROJECTOR_DLL serve INPUT --port 0</c> and waits for the address it prints.</summary>
    public static async Task<ServerProcess> StartAsync(string projectorDll, string input)
    {
        var state = Path.Combine(Path.GetTempPath(), $"projector-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(state);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { projectorDll, "serve", input, "--host", "127.0.0.1", "--port", "0", "--state", state })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {projectorDll}");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  server: {line}");
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the server exited ({process.ExitCode}) before printing its address");
            if (ServingLine().Match(line) is { Success: true } m)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new ServerProcess(process, state, new Uri(m.Groups[1].Value));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampler.ConfigureAwait(false);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>Forgets the peak so far, so a phase reports only its own.</summary>
    public void ResetPeak() => Interlocked.Exchange(ref _peakBytes, Rss());

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = Rss();
                var peak = Interlocked.Read(ref _peakBytes);
                while (rss > peak && Interlocked.CompareExchange(ref _peakBytes, rss, peak) != peak)
                {
                    peak = Interlocked.Read(ref _peakBytes);
                }

                await Task.Delay(100, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private long Rss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has exited.
        }

        return 0;
    }

    [GeneratedRegex(@"Serving \d+ datasets? at (http://\S+/)")]
    private static partial Regex ServingLine();
}
