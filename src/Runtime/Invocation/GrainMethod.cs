using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Actors.Runtime.Catalog;
using Actors.Runtime.Concurrency;

namespace Actors.Runtime.Invocation;

/// <summary>
/// Everything the runtime needs to call one grain interface method, built once per method and cached:
/// its concurrency flags, and an invoker compiled from an expression tree so that a call costs a
/// delegate invocation rather than reflection.
/// </summary>
internal abstract class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> s_cache = new();

    protected GrainMethod(MethodInfo method, Func<object, object?[], Task> invoker)
    {
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Identity = MethodIdentity.Of(method);
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);
        IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        Invoker = invoker;
    }

    public string Name { get; }

    /// <summary>The method's stable name on the wire: interface, method and parameter types, never a reflection token.</summary>
    public string Identity { get; }

    /// <summary>The declared parameter types, by which arguments are serialized for another silo.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The type of the method's result on the wire; null for a Task or ValueTask without one.</summary>
    public abstract Type? ResultType { get; }
    public bool IsReadOnly { get; }
    public bool IsAlwaysInterleave { get; }

    /// <summary>Calls the method on a grain instance with the given arguments.</summary>
    public Func<object, object?[], Task> Invoker { get; }

    /// <summary>Sends the call through the dispatcher and returns the task type the interface declares.</summary>
    public abstract object SendThroughProxy(IGrainCallDispatcher dispatcher, GrainId target, object?[] arguments);

    /// <summary>Calls the grain through the catalog with a deadline, for a call that arrived from another process; the result is boxed.</summary>
    public abstract Task<object?> CallBoxed(GrainCatalog catalog, GrainId target, object?[] arguments, long deadlineTimestamp, int forwardCount);

    public static GrainMethod For(MethodInfo method) => s_cache.GetOrAdd(method, Create);

    private static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var resultType = returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(VoidResult);
        var kind = returnType == typeof(Task) ? ReturnKind.Task
            : returnType == typeof(ValueTask) ? ReturnKind.ValueTask
            : returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? ReturnKind.TaskOfT
            : returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) ? ReturnKind.ValueTaskOfT
            : throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        var closed = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(closed, method, CompileInvoker(method), kind)!;
    }

    /// <summary>Compiles <c>(grain, args) => ((IFoo)grain).Method((T0)args[0], ...)</c>, adapted to return a Task.</summary>
    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        if (method.ReturnType == typeof(ValueTask) || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            call = Expression.Call(call, method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
        if (call.Type != typeof(Task))
            call = Expression.Convert(call, typeof(Task));
        return Expression.Lambda<Func<object, object?[], Task>>(call, grain, args).Compile();
    }
}

internal enum ReturnKind { Task, TaskOfT, ValueTask, ValueTaskOfT }

/// <summary>The result type of grain methods that return a plain Task or ValueTask.</summary>
internal readonly struct VoidResult;

internal sealed class GrainMethod<TResult>(MethodInfo method, Func<object, object?[], Task> invoker, ReturnKind kind)
    : GrainMethod(method, invoker)
{
    public bool ReturnsValue { get; } = kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;

    public override Type? ResultType => ReturnsValue ? typeof(TResult) : null;

    public override async Task<object?> CallBoxed(GrainCatalog catalog, GrainId target, object?[] arguments, long deadlineTimestamp, int forwardCount)
    {
        var result = await catalog.Call(target, this, arguments, deadlineTimestamp, forwardCount).ConfigureAwait(false);
        return ReturnsValue ? result : null;
    }

    /// <summary>A call of this method that a router can send to another silo.</summary>
    public GrainCall<TResult> NewCall(GrainId target, object?[] arguments, long deadlineTimestamp, int forwardCount)
        => new(target, this, arguments, deadlineTimestamp, forwardCount);

    public override object SendThroughProxy(IGrainCallDispatcher dispatcher, GrainId target, object?[] arguments)
    {
        var task = dispatcher.Call(target, this, arguments);
        return kind switch
        {
            ReturnKind.ValueTask => new ValueTask(task),
            ReturnKind.ValueTaskOfT => new ValueTask<TResult>(task),
            _ => task,
        };
    }

    /// <summary>Reads the result of a completed invoker task.</summary>
    public TResult GetResult(Task completed) => ReturnsValue ? ((Task<TResult>)completed).Result : default!;
}
