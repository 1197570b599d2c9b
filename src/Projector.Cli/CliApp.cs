namespace Projector.Cli;

/// <summary>The command tree of <c>projector</c>.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stderr;
        stdout.WriteLine("projector");
        return 0;
    }
}
