using Actors.Runtime.Persistence;

namespace Actors.Runtime.Messaging;

/// <summary>
/// How exceptions cross the wire: by type name and message. Runtime and framework exception types that callers
/// catch by type are rebuilt as the same type; any other type arrives as a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class RemoteExceptions
{
    private static readonly Dictionary<string, Func<string, Exception>> s_known = new(StringComparer.Ordinal)
    {
        [typeof(TimeoutException).FullName!] = m => new TimeoutException(m),
        [typeof(SiloUnavailableException).FullName!] = m => new SiloUnavailableException(m),
        [typeof(GrainRoutingException).FullName!] = m => new GrainRoutingException(m),
        [typeof(ClusterProtocolException).FullName!] = m => new ClusterProtocolException(m),
        [typeof(InconsistentStateException).FullName!] = m => new InconsistentStateException(m, null, null),
        [typeof(ArgumentException).FullName!] = m => new ArgumentException(m),
        [typeof(ArgumentNullException).FullName!] = m => new ArgumentException(m),
        [typeof(ArgumentOutOfRangeException).FullName!] = m => new ArgumentOutOfRangeException(null, m),
        [typeof(InvalidOperationException).FullName!] = m => new InvalidOperationException(m),
        [typeof(KeyNotFoundException).FullName!] = m => new KeyNotFoundException(m),
        [typeof(NotSupportedException).FullName!] = m => new NotSupportedException(m),
        [typeof(NotImplementedException).FullName!] = m => new NotImplementedException(m),
        [typeof(FormatException).FullName!] = m => new FormatException(m),
        [typeof(OperationCanceledException).FullName!] = m => new OperationCanceledException(m),
        [typeof(TaskCanceledException).FullName!] = m => new TaskCanceledException(m),
    };

    public static (string Type, string Message) Describe(Exception exception)
        => exception is RemoteGrainException remote
            ? (remote.ExceptionType, remote.RemoteMessage)
            : (exception.GetType().FullName ?? exception.GetType().Name, exception.Message);

    public static Exception Rebuild(string type, string message)
        => s_known.TryGetValue(type, out var create) ? create(message) : new RemoteGrainException(type, message);
}
