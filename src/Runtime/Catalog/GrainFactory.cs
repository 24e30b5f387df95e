using System.Collections.Concurrent;
using System.Reflection;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Catalog;

/// <summary>
/// Builds typed references: a DispatchProxy bound to the grain id and the dispatcher. No I/O.
/// DispatchProxy.Create finds the generated proxy type and invokes its constructor through reflection on every call;
/// a reference is made on nearly every grain call (a tracking hit makes two), so each interface's first proxy is kept
/// as a prototype and later references are shallow copies of it, bound to their own grain.
/// </summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IGrainCallDispatcher dispatcher) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (string TypeName, GrainProxy Prototype)> _interfaces = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var (typeName, prototype) = _interfaces.GetOrAdd(typeof(TGrainInterface),
            static (type, registry) => (registry.TypeNameOf(type), (GrainProxy)(object)DispatchProxy.Create<TGrainInterface, GrainProxy>()!), registry);
        return (TGrainInterface)(object)prototype.BoundCopy(new GrainId(typeName, primaryKey), dispatcher);
    }
}
