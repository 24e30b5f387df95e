using Actors.Runtime.Catalog;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Messaging;

/// <summary>The methods a silo can be called on, by their stable identity: every method of every grain interface of its grain classes.</summary>
internal sealed class GrainMethodDirectory
{
    private readonly Dictionary<string, GrainMethod> _methods = new(StringComparer.Ordinal);

    public GrainMethodDirectory(GrainTypeRegistry registry)
    {
        var interfaces = registry.Classes
            .SelectMany(c => c.Type.GetInterfaces())
            .Where(i => typeof(IGrain).IsAssignableFrom(i))
            .Distinct();
        // Static members of grain interfaces (key helpers and the like) are not grain methods.
        foreach (var method in interfaces.SelectMany(i => i.GetMethods()).Where(m => !m.IsStatic))
        {
            var grainMethod = GrainMethod.For(method);
            _methods.TryAdd(grainMethod.Identity, grainMethod);
        }
    }

    public GrainMethod? Find(string identity) => _methods.GetValueOrDefault(identity);
}
