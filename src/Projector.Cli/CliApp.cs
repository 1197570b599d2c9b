using System.CommandLine;
using Projector.Cli.Commands;
using Projector.Core;
using Projector.Core.Formats;
using Projector.Demos;

namespace Projector.Cli;

/// <summary>
/// The command tree of <c>projector</c>. Exit codes: 0 done, 2 bad input or arguments (one line on
/// stderr), 1 a bug, 130 cancelled.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Bug = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken cancellationToken = default)
    {
        DemoSources.Register();
        var context = new CliContext(stdout, stderr, interactive);
        var root = new RootCommand($"projector: look at embeddings. Reads {string.Join(", ", FormatRegistry.All.Select(f => f.Name))} files, projector folders and TensorBoard logs (see `projector formats`).")
        {
            InspectCommand.Create(context),
            FormatsCommand.Create(context),
            ConvertCommand.Create(context),
            SpriteCommand.Create(context),
            ProjectCommand.Create(context),
            EmbedCommand.Create(context),
            NeighborsCommand.Create(context),
            ExportCommand.Create(context),
            RenderCommand.Create(context),
            DemoCommand.Create(context),
            ServeCommand.Create(context),
            ClusterCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {CliText.Safe(error.Message)}");
            }

            stderr.WriteLine("Run 'projector --help' for usage.");
            return BadInput;
        }

        try
        {
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parsed.InvokeAsync(config, cancellationToken).GetAwaiter().GetResult();
        }
        catch (DataFormatException e)
        {
            stderr.WriteLine($"error: {CliText.Safe(e.Describe(CliRemedies.Flag))}");
            return BadInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {CliText.Safe(e.Message)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: a bug becomes exit code 1 with one line, not a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")} -- this is a bug; please report it with the command line.");
            if (Environment.GetEnvironmentVariable("PROJECTOR_DEBUG") is "1")
            {
                stderr.WriteLine(e.ToString());
            }

            return Bug;
        }
    }
}
