using System.CommandLine;
using System.Text.Json;
using Projector.Core.Formats;
using Spectre.Console;

namespace Projector.Cli.Commands;

/// <summary><c>projector formats [--json]</c>: every file format the registry reads and writes.</summary>
internal static class FormatsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table" };
        var command = new Command("formats", "List the file formats projector reads and writes") { json };
        command.SetAction((parsed, ct) =>
        {
            if (parsed.GetValue(json))
            {
                var items = FormatRegistry.All.Select(f => new { name = f.Name, description = f.Description, extensions = f.Extensions, read = true, write = f.CanWrite, holdsMany = f.HoldsMany, needsShape = f.NeedsShape });
                context.Out.WriteLine(JsonSerializer.Serialize(items));
                return Task.FromResult(CliApp.Ok);
            }

            var table = new Table().AddColumn("format").AddColumn("extensions").AddColumn("write").AddColumn("what it is");
            foreach (var f in FormatRegistry.All)
            {
                table.AddRow(Markup.Escape(f.Name), Markup.Escape(string.Join(" ", f.Extensions)), f.CanWrite ? "yes" : "-", Markup.Escape(f.Description));
            }

            context.Console.Write(table);
            context.Out.WriteLine("Folders: a standalone projector folder (projector_config.json) or a TensorBoard log dir; demo:mnist, demo:words.");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }
}
