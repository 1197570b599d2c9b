using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Projector.Server.Tests.Endpoints;

namespace Projector.Server.Tests.Jobs;

public sealed class FrameStreamTests
{
    [Fact]
    public async Task Tsne_frames_arrive_with_the_header_rising_iterations_and_moving_points()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path)], MaxConcurrentJobs = 1 });

        // A long job holds the only slot, so the one under test waits in the queue until the socket is open.
        var (_, blocker) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", umap = new { epochs = 100_000 } });
        var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { perplexity = 20, iterations = 1500 } });
        Assert.Equal(202, status);
        var id = job.GetProperty("id").GetString()!;
        using var socket = await ConnectAsync(server, id);
        await server.PostJsonAsync($"/api/projections/{blocker.GetProperty("id").GetString()}/stop", new { });
        var frames = new List<Frame>();
        var statuses = new List<JsonElement>();
        await foreach (var message in ReadAsync(socket))
        {
            if (message.Frame is { } f)
            {
                frames.Add(f);
            }
            else
            {
                statuses.Add(message.Status!.Value);
            }
        }

        // A reader slower than the job skips to the newest frame, so only the first and the last are certain here.
        Assert.True(frames.Count >= 2, $"only {frames.Count} frames");
        var published = server.Services.GetRequiredService<ServerState>().Jobs.Get(id).Observe().FrameVersion;
        Assert.True(published >= 52, $"the job published {published} frames: the start, each of the first 50 iterations and the last");
        Assert.All(frames, f =>
        {
            Assert.Equal(300, f.Points);
            Assert.Equal(2, f.Dims);
            Assert.Equal(1500u, f.Total);
            Assert.Equal(300 * 2, f.Positions.Length);
        });
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.Iteration > p.First.Iteration), "iterations rise");
        Assert.Equal(1500u, frames[^1].Iteration);
        Assert.NotEqual(frames[0].Positions, frames[^1].Positions);
        Assert.Contains(frames, f => !float.IsNaN(f.Cost));
        var last = statuses[^1];
        Assert.Equal("status", last.GetProperty("type").GetString());
        Assert.Equal("done", last.GetProperty("status").GetString());
        Assert.Equal(WebSocketState.CloseReceived, socket.State);

        var layout = await ProjectionEndpointsTests.Layout(server, id);
        Assert.Equal(frames[^1].Positions, layout);
    }

    [Fact]
    public async Task Stop_ends_the_job_and_keeps_its_last_layout()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 100_000 } });
        var id = job.GetProperty("id").GetString()!;
        using var socket = await ConnectAsync(server, id);
        var frames = 0;
        var stopped = false;
        string? final = null;
        await foreach (var message in ReadAsync(socket))
        {
            if (message.Frame is not null && ++frames == 20 && !stopped)
            {
                stopped = true;
                var (status, answer) = await server.PostJsonAsync($"/api/projections/{id}/stop", new { });
                Assert.Equal(200, status);
                Assert.Equal(id, answer.GetProperty("id").GetString());
            }

            final = message.Status?.GetProperty("status").GetString() ?? final;
        }

        Assert.Equal("stopped", final);
        var info = await server.GetJsonAsync($"/api/projections/{id}");
        Assert.Equal("stopped", info.GetProperty("status").GetString());
        // The 20th frame may be the initial layout plus 19 iterations.
        Assert.InRange(info.GetProperty("iteration").GetInt32(), 19, 99_999);
        Assert.Equal(600, (await ProjectionEndpointsTests.Layout(server, id)).Length);
    }

    [Fact]
    public async Task Pause_holds_the_iteration_and_resume_continues()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", umap = new { epochs = 100_000 } });
        var id = job.GetProperty("id").GetString()!;
        await ProjectionEndpointsTests.WaitAsync(server, id, "running");
        while ((await server.GetJsonAsync($"/api/projections/{id}")).GetProperty("iteration").GetInt32() < 5)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var (_, paused) = await server.PostJsonAsync($"/api/projections/{id}/pause", new { });
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        // The epoch running when the pause came still finishes; wait for the count to settle.
        var held = -1;
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            var now = (await server.GetJsonAsync($"/api/projections/{id}")).GetProperty("iteration").GetInt32();
            if (now == held)
            {
                break;
            }

            held = now;
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var still = await server.GetJsonAsync($"/api/projections/{id}");
        Assert.Equal("paused", still.GetProperty("status").GetString());
        Assert.Equal(held, still.GetProperty("iteration").GetInt32());

        var (_, resumed) = await server.PostJsonAsync($"/api/projections/{id}/resume", new { });
        Assert.Equal("running", resumed.GetProperty("status").GetString());
        var moved = false;
        for (var i = 0; i < 100 && !moved; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            moved = (await server.GetJsonAsync($"/api/projections/{id}")).GetProperty("iteration").GetInt32() > held;
        }

        Assert.True(moved, "the iteration rises again after resume");
        await server.PostJsonAsync($"/api/projections/{id}/stop", new { });
        await ProjectionEndpointsTests.WaitAsync(server, id, "stopped");
    }

    [Fact]
    public async Task Frames_without_a_websocket_is_a_400_problem()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 30, 3));
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{job.GetProperty("id").GetString()}/frames", TestContext.Current.CancellationToken), 400);
    }

    private static async Task<ClientWebSocket> ConnectAsync(RunningServer server, string id)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{server.Address.Authority}/api/projections/{id}/frames"), TestContext.Current.CancellationToken);
        return socket;
    }

    private static async IAsyncEnumerable<Message> ReadAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            var bytes = message.ToArray();
            yield return result.MessageType == WebSocketMessageType.Binary
                ? new Message(Frame.Parse(bytes), null)
                : new Message(null, JsonDocument.Parse(Encoding.UTF8.GetString(bytes)).RootElement.Clone());
        }
    }

    private sealed record Message(Frame? Frame, JsonElement? Status);

    private sealed record Frame(uint Iteration, uint Total, int Points, int Dims, float Cost, float[] Positions)
    {
        public static Frame Parse(byte[] bytes)
        {
            Assert.Equal("PRJF", Encoding.ASCII.GetString(bytes, 0, 4));
            var points = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
            var dims = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16));
            Assert.Equal(24 + (points * dims * 4), bytes.Length);
            return new Frame(
                BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)),
                BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)),
                points,
                dims,
                BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(20)),
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(24)).ToArray());
        }
    }
}
