using System.Reflection;
using Actors.Runtime.Concurrency;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Catalog;

/// <summary>
/// What the runtime knows about one grain class: its type name, whether it is reentrant, and how to
/// construct it. Constructor parameters marked [PersistentState] get a state record bound to the
/// activation; every other parameter comes from the silo's service provider.
/// </summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<ActivationData, object>[] _arguments;

    public GrainClass(Type type)
    {
        Type = type;
        TypeName = type.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(type);
        IsReentrant = type.IsDefined(typeof(ReentrantAttribute), inherit: true);
        _constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {type.FullName} has no public constructor.");
        _arguments = _constructor.GetParameters().Select(ArgumentFactory).ToArray();
    }

    public Type Type { get; }
    public string TypeName { get; }
    public bool IsReentrant { get; }

    /// <summary>Orleans's rule: the class name, lower-cased, without a trailing "grain".</summary>
    public static string DefaultTypeName(Type type)
    {
        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
            name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    public Grain CreateInstance(ActivationData activation)
    {
        var arguments = new object[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = _arguments[i](activation);
        return (Grain)_constructor.Invoke(arguments);
    }

    private static Func<ActivationData, object> ArgumentFactory(ParameterInfo parameter)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is null)
            return activation => activation.Runtime.Services.GetRequiredService(parameter.ParameterType);

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException($"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType?.Name} is marked [PersistentState] but is not an IPersistentState<T>.");
        var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
        var storageName = stateAttribute.StorageName ?? GrainStorageNames.Default;
        return activation =>
        {
            var storage = activation.Runtime.Services.GetRequiredKeyedService<IGrainStorage>(storageName);
            var state = Activator.CreateInstance(stateType, stateAttribute.StateName, activation.GrainId, storage)!;
            activation.AddStateLoader((IStateLoader)state);
            return state;
        };
    }
}
