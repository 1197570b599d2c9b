using Spectre.Console;

namespace Projector.Cli;

/// <summary>Where a command writes, and whether a terminal is there to draw progress bars on.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, bool interactive)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Interactive { get; } = interactive;

    /// <summary>A Spectre console over <see cref="Out"/>, plain text unless it is a terminal.</summary>
    public IAnsiConsole Console { get; } = CreateOutput(stdout, interactive);

    private static IAnsiConsole CreateOutput(TextWriter stdout, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Redirected output has no width to detect; 80 columns would wrap every table into slivers.
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>A Spectre console over <see cref="Error"/> for progress bars.</summary>
    public IAnsiConsole ErrorConsole { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stderr),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
