using System.Net;
using Actors.Api.Auth;
using Microsoft.Extensions.Logging;

namespace Actors.Api.Tests.Auth;

/// <summary>A failed sign-in's username is the client's text: it reaches the log on one line, and reads as what was sent.</summary>
public sealed class FailedSignInLogTests
{
    [Theory]
    [InlineData("admin\r\nFailed API sign-in as root from 10.0.0.1", @"admin\r\nFailed API sign-in as root from 10.0.0.1")]
    [InlineData("a\tb\u0000c\u0085d\u2028e", @"a\tb\u0000c\u0085d\u2028e")]
    [InlineData("evil\u202Enimda", @"evil\u202Enimda")]
    [InlineData(@"back\slash\n", @"back\\slash\\n")]
    [InlineData("Müller@example.com", "Müller@example.com")]
    public void Both_warnings_log_the_username_escaped_on_one_line(string username, string logged)
    {
        var log = new RecordingLogger();

        FailedSignInLog.Basic(log, username, IPAddress.Loopback);
        FailedSignInLog.Form(log, username, IPAddress.Loopback);

        Assert.Equal([$"Failed API sign-in as {logged} from 127.0.0.1", $"Failed operator UI sign-in as {logged} from 127.0.0.1"], log.Lines);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Lines.Add(formatter(state, exception));
    }
}
