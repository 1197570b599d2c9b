using System.CommandLine;

namespace Projector.Cli.Commands;

/// <summary>MERGE.</summary>
internal static class SpriteCommand
{
    public static Command Create(CliContext context)
    {
        _ = context;
        return new Command("sprite", "Build a sprite sheet");
    }
}
