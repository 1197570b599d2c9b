using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Projector.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_prints_the_url_answers_and_stops_cleanly_on_cancel()
    {
        using var state = new TempDir();
        await using var serve = Serving.Start("serve", "--port", "0", "--state", state.Path);
        var line = await serve.WaitForAsync("Serving");
        var match = UrlLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal("1", match.Groups[1].Value);
        using var client = new HttpClient();
        var items = await client.GetStringAsync($"{match.Groups[2].Value}api/datasets", TestContext.Current.CancellationToken);
        Assert.Contains("\"id\":\"mnist\"", items, StringComparison.Ordinal);
        Assert.Equal(0, await serve.StopAsync());
    }

    [Fact]
    public async Task Serve_takes_the_next_port_when_the_asked_one_is_taken_and_says_so()
    {
        using var state = new TempDir();
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var serve = Serving.Start("serve", "--port", taken.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", state.Path);
        var line = await serve.WaitForAsync("Serving");
        var port = int.Parse(UrlLine().Match(line).Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(taken, port);
        Assert.InRange(port, taken + 1, taken + 20);
        Assert.Contains($"port {taken} is in use; using {port}", serve.Error, StringComparison.Ordinal);
        Assert.Equal(0, await serve.StopAsync());
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    public void Serve_refuses_a_non_local_host_without_allow_remote(string host)
    {
        var run = CliRun.Of("serve", "--host", host, "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--allow-remote", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Serving", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_of_a_missing_file_is_exit_2_with_one_line()
    {
        var run = CliRun.Of("serve", "/nonexistent/vectors.tsv", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--max-uploads", "0", "--max-uploads must be at least 1")]
    [InlineData("--max-upload-storage-mb", "100", "--max-upload-storage-mb 100 is below --max-upload-mb 512")]
    [InlineData("--workers", "0", "--workers must be at least 1")]
    [InlineData("--layer", "dense", "--layer names a layer of the --model; give the model too")]
    public void Serve_refuses_upload_limits_that_cannot_work(string flag, string value, string message)
    {
        var run = CliRun.Of("serve", flag, value, "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Serving", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_with_a_model_that_is_not_onnx_stops_with_one_line_naming_it()
    {
        using var dir = new TempDir();
        var model = Path.Combine(dir.Path, "model.onnx");
        File.WriteAllText(model, "not a model");
        var run = CliRun.Of("serve", "--model", model, "--port", "0", "--state", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an ONNX model", run.Error, StringComparison.Ordinal);
        Assert.Contains("model.onnx", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("Serving", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_keeps_at_most_max_uploads()
    {
        using var state = new TempDir();
        await using var serve = Serving.Start("serve", "--port", "0", "--state", state.Path, "--max-uploads", "1", "--max-upload-mb", "1", "--max-upload-storage-mb", "1");
        var url = UrlLine().Match(await serve.WaitForAsync("Serving")).Groups[2].Value;
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var form = new MultipartFormDataContent { { new StringContent("1\t2\n3\t4\n"), "tensor", "v.tsv" } };
            using var response = await client.PostAsync("api/datasets", form, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode == 201, body);
            ids.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        }

        var items = await client.GetStringAsync("api/datasets", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ids[0], items, StringComparison.Ordinal);
        Assert.Contains(ids[1], items, StringComparison.Ordinal);
        Assert.Equal(0, await serve.StopAsync());
    }

    [GeneratedRegex(@"Serving (\d+) datasets? at (http://127\.0\.0\.1:(\d+)/)")]
    private static partial Regex UrlLine();

    /// <summary>The CLI running <c>serve</c> in-process on a background thread until cancelled.</summary>
    private sealed class Serving : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly StringWriter _out = new();
        private readonly StringWriter _error = new();
        private readonly TextWriter _syncOut;
        private readonly TextWriter _syncError;
        private Task<int> _run = Task.FromResult(-1);

        private Serving()
        {
            _syncOut = TextWriter.Synchronized(_out);
            _syncError = TextWriter.Synchronized(_error);
        }

        public string Error
        {
            get
            {
                lock (_syncError)
                {
                    return _error.ToString();
                }
            }
        }

        public static Serving Start(params string[] args)
        {
            var s = new Serving();
            s._run = Task.Run(() => CliApp.Run(args, s._syncOut, s._syncError, cancellationToken: s._cancel.Token));
            return s;
        }

        public async Task<string> WaitForAsync(string text)
        {
            for (var i = 0; i < 600; i++)
            {
                string output;
                lock (_syncOut)
                {
                    output = _out.ToString();
                }

                var line = output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line.Trim();
                }

                Assert.False(_run.IsCompleted, $"serve ended early ({(_run.IsCompleted ? _run.Result : 0)}): {Error}");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            throw new TimeoutException($"no '{text}' line; stderr: {Error}");
        }

        public async Task<int> StopAsync()
        {
            await _cancel.CancelAsync();
            return await _run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await _cancel.CancelAsync();
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
            }

            _cancel.Dispose();
            _out.Dispose();
            _error.Dispose();
        }
    }
}
