namespace Projector.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C asks the running command to stop cleanly; outputs are written atomically.
            e.Cancel = true;
            cancel.Cancel();
        };
        var interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        return CliApp.Run(args, Console.Out, Console.Error, interactive, cancel.Token);
    }
}
