using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>One log entry as a host wrote it: its category, level, formatted message and the exception it carried.</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Keeps every entry a host logs, so that a test can read what an operator would see.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentBag<LogLine> Lines { get; } = [];

    /// <summary>The entries of <typeparamref name="T"/>'s logger.</summary>
    public IReadOnlyList<LogLine> Of<T>() => [.. Lines.Where(line => line.Category == typeof(T).FullName)];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentBag<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Add(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
