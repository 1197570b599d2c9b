using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Projector.Server;

namespace Projector.Cli.Commands;

/// <summary>
/// <c>projector serve [PATH...] [--logdir DIR] [--port P] [--host H]</c>: the web page and its API
/// over the given inputs (demo:mnist when none), on 127.0.0.1 unless <c>--allow-remote</c>, until Ctrl-C.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 6006;

    // How many ports after a taken one are tried before giving up.
    private const int PortsToTry = 20;

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.ZeroOrMore, Description = "Data files, folders, standalone configs or demo:mnist (the default)" };
        var logdir = new Option<string?>("--logdir") { Description = "A TensorBoard log dir: one dataset per run, tensor and step" };
        var port = new Option<int>("--port") { Description = "Port to listen on; the next free one when taken", DefaultValueFactory = _ => DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a --host other than this machine (anyone who can reach it sees the data)" };
        var state = new Option<string?>("--state") { Description = "Folder for bookmarks and uploads (default: the user's local application data)" };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload accepted, in MB", DefaultValueFactory = _ => 512 };
        var webRoot = new Option<string?>("--web-root") { Description = "Serve the page from this folder (holding index.html)" };
        var allowOutside = new Option<string[]>("--allow-outside") { Description = "A folder outside the inputs that their configs may name files in (repeatable); any other outside file is refused", AllowMultipleArgumentsPerToken = false };
        var maxUploads = new Option<int>("--max-uploads") { Description = "Uploads kept in the state folder; past this the oldest not in use are removed", DefaultValueFactory = _ => new ServerOptions().MaxUploads };
        var maxUploadStorage = new Option<int>("--max-upload-storage-mb") { Description = "MB all kept uploads may take together; past this the oldest not in use are removed", DefaultValueFactory = _ => new ServerOptions().MaxUploadStorageMegabytes };
        var model = new Option<string?>("--model") { Description = "An ONNX model whose layer made the served vectors: the page can then place new images or model inputs into a finished map" };
        var layer = new Option<string?>("--layer") { Description = "The model's layer to take (a node output name; see embed --list); default the model's first output" };
        var workers = new Option<int>("--workers") { Description = "Threads for neighbour, search and projection-start requests (and for the projections' parallel loops)", DefaultValueFactory = _ => new ServerOptions().WorkerThreads };
        var command = new Command("serve", "Serve the web page and its HTTP API over embeddings") { paths, logdir, port, host, allowRemote, state, maxUpload, webRoot, maxUploads, maxUploadStorage, allowOutside, model, layer, workers };
        command.SetAction(async (parsed, ct) =>
        {
            var h = parsed.GetValue(host)!;
            if (!ProjectorServer.IsLoopback(h) && !parsed.GetValue(allowRemote))
            {
                throw new UsageException($"--host {h} would let other machines read the data; add --allow-remote to allow it");
            }

            var p = parsed.GetValue(port);
            if (p is < 0 or > 65535)
            {
                throw new UsageException($"--port {p} is not between 0 and 65535");
            }

            if (parsed.GetValue(maxUpload) < 1)
            {
                throw new UsageException("--max-upload-mb must be at least 1");
            }

            if (parsed.GetValue(maxUploads) < 1)
            {
                throw new UsageException("--max-uploads must be at least 1");
            }

            if (parsed.GetValue(maxUploadStorage) < parsed.GetValue(maxUpload))
            {
                throw new UsageException($"--max-upload-storage-mb {parsed.GetValue(maxUploadStorage)} is below --max-upload-mb {parsed.GetValue(maxUpload)}, so an upload of the largest size could never be kept");
            }

            if (parsed.GetValue(workers) < 1)
            {
                throw new UsageException("--workers must be at least 1");
            }

            if (parsed.GetValue(layer) is not null && parsed.GetValue(model) is null)
            {
                throw new UsageException("--layer names a layer of the --model; give the model too");
            }

            var options = new ServerOptions
            {
                Paths = parsed.GetValue(paths) ?? [],
                LogDir = parsed.GetValue(logdir),
                Host = h,
                AllowRemote = parsed.GetValue(allowRemote),
                Port = p,
                StateFolder = parsed.GetValue(state),
                MaxUploadMegabytes = parsed.GetValue(maxUpload),
                WebRoot = parsed.GetValue(webRoot),
                AllowOutside = parsed.GetValue(allowOutside) ?? [],
                MaxUploads = parsed.GetValue(maxUploads),
                MaxUploadStorageMegabytes = parsed.GetValue(maxUploadStorage),
                ModelPath = parsed.GetValue(model),
                ModelLayer = parsed.GetValue(layer),
                WorkerThreads = parsed.GetValue(workers),
            };
            if (options.LogDir is { } dir && !Directory.Exists(dir))
            {
                throw new UsageException($"--logdir {dir} is not a folder");
            }

            var app = await StartAsync(options, ct).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                var bound = ProjectorServer.BoundPort(app);
                if (p != 0 && bound != p)
                {
                    context.Error.WriteLine($"port {p} is in use; using {bound} instead");
                }

                var count = ProjectorServer.DatasetCount(app);
                var urlHost = h.Contains(':', StringComparison.Ordinal) && !h.StartsWith('[') ? $"[{h}]" : h;
                context.Out.WriteLine($"Serving {count} dataset{(count == 1 ? string.Empty : "s")} at http://{urlHost}:{bound}/");
                context.Out.WriteLine("Press Ctrl-C to stop.");
                context.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C is how a server is meant to end: a clean stop, exit code 0.
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            context.Out.WriteLine("stopped");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Starts on the requested port, or on the next free one when it is taken.</summary>
    private static async Task<WebApplication> StartAsync(ServerOptions options, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = options.Port == 0 ? 0 : options.Port + attempt;
            var app = ProjectorServer.Build(options with { Port = candidate });
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                return app;
            }
            catch (IOException e) when (IsAddressInUse(e) && options.Port != 0 && attempt < PortsToTry && candidate < 65535)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static bool IsAddressInUse(IOException e) =>
        e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
        || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
