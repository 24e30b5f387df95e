using System.Reflection;

namespace Actors.Runtime.Invocation;

/// <summary>
/// The typed grain reference: a <see cref="DispatchProxy"/> implementing the grain interface. Each call
/// looks up its cached <see cref="GrainMethod"/> and hands the arguments to the dispatcher.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainId _target;
    private IGrainCallDispatcher _dispatcher = null!;

    /// <summary>The grain this reference addresses.</summary>
    public GrainId GrainId => _target;

    /// <summary>A reference of the same generated proxy type as this one, addressing <paramref name="target"/>.</summary>
    internal GrainProxy BoundCopy(GrainId target, IGrainCallDispatcher dispatcher)
    {
        var copy = (GrainProxy)MemberwiseClone();
        copy._target = target;
        copy._dispatcher = dispatcher;
        return copy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return GrainMethod.For(targetMethod).SendThroughProxy(_dispatcher, _target, args ?? []);
    }

    public override string ToString() => $"GrainReference:{_target}";
}
