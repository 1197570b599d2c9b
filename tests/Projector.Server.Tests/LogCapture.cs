using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Projector.Server.Tests;

/// <summary>Every line a running server logs from the moment it is attached, with its exception if any.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public static LogCapture On(RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var capture = new LogCapture();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    /// <summary>Asserts nothing logged carries an exception or a stack trace.</summary>
    public void AssertNoStackTrace()
    {
        foreach (var line in Lines)
        {
            Assert.True(line.Exception is null, $"{line.Category} logged an exception: {line.Exception}");
            Assert.DoesNotContain("\n", line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", line.Message, StringComparison.Ordinal);
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception);
