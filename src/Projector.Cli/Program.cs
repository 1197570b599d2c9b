namespace Projector.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl-C asks the running command to stop cleanly; outputs are written atomically.
            e.Cancel = true;
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A signal that arrives while the program is already leaving has nothing left to stop.
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            var interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
            return CliApp.Run(args, Console.Out, Console.Error, interactive, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            cancel.Dispose();
        }
    }
}
