using Spectre.Console;

namespace Projector.Cli;

/// <summary>Where a command writes, and whether a terminal is there to draw progress bars on.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, bool interactive)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Interactive { get; } = interactive;

    /// <summary>A Spectre console over <see cref="Out"/>, plain text unless it is a terminal.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>A Spectre console over <see cref="Error"/> for progress bars.</summary>
    public IAnsiConsole ErrorConsole { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stderr),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
