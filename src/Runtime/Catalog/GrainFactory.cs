using System.Collections.Concurrent;
using System.Reflection;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Catalog;

/// <summary>Builds typed references: a DispatchProxy bound to the grain id and the dispatcher. No I/O.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IGrainCallDispatcher dispatcher) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, string> _typeNames = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var typeName = _typeNames.GetOrAdd(typeof(TGrainInterface), registry.TypeNameOf);
        var reference = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)reference).Bind(new GrainId(typeName, primaryKey), dispatcher);
        return reference;
    }
}
