// Trains a small network on the demo MNIST digits and writes a TensorBoard projector log of its
// embedding (the layer before the logits) at two steps, for `projector serve --logdir LOGDIR` and
// `projector project LOGDIR --steps all -o DIR` to compare. See README.md.
//   MnistTrainingSample [LOGDIR] [--steps 100,10000] [--seed 1]
using System.Globalization;
using MnistTrainingSample;
using Projector.Core;
using Projector.Demos;

var logDir = "logs";
long[] steps = [100, 10_000];
var seed = 1;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--steps" when value is not null && TryParseSteps(value, out var parsed):
            steps = parsed;
            i++;
            break;
        case "--seed" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
            seed = s;
            i++;
            break;
        case "--steps" or "--seed":
            return Fail($"{args[i]} needs {(args[i] == "--steps" ? "ascending positive steps such as 100,10000" : "a whole number")}, got '{value}'");
        case var a when a.StartsWith('-'):
            return Fail($"unknown option {a}; usage: MnistTrainingSample [LOGDIR] [--steps 100,10000] [--seed 1]");
        default:
            logDir = args[i];
            break;
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    using var digits = MnistDemo.Load(cancel.Token);
    DigitTraining.Run(digits, logDir, steps, seed, Console.Out, cancel.Token);
    Console.WriteLine($"compare the steps: projector serve --logdir {logDir}");
    Console.WriteLine($"                   projector project {logDir} --steps all -o layouts");
    return 0;
}
catch (OperationCanceledException)
{
    return Fail("cancelled; the steps already written stay in the log");
}
catch (Exception e) when (e is DataFormatException or IOException or UnauthorizedAccessException)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}

static bool TryParseSteps(string text, out long[] steps)
{
    var parts = text.Split(',');
    steps = new long[parts.Length];
    for (var i = 0; i < parts.Length; i++)
    {
        // A million steps at batch 64 is 6,400 passes over the digits: far past anything useful here.
        if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out steps[i]) || steps[i] is < 1 or > 1_000_000 || (i > 0 && steps[i] <= steps[i - 1]))
        {
            return false;
        }
    }

    return true;
}
