using System.Reflection;

namespace Actors.Runtime.Catalog;

/// <summary>
/// Maps grain interfaces to the classes that implement them and grain type names to classes, built once
/// at start-up from the grain assemblies the host registered.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _typeNameByInterface = [];
    private readonly HashSet<Type> _ambiguousInterfaces = [];

    public GrainTypeRegistry(IEnumerable<GrainAssembly> assemblies)
    {
        foreach (var type in assemblies.Select(a => a.Assembly).Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(Grain)))
                continue;
            var grainClass = new GrainClass(type);
            if (!_byTypeName.TryAdd(grainClass.TypeName, grainClass))
                throw new InvalidOperationException($"Grain classes {_byTypeName[grainClass.TypeName].Type.FullName} and {type.FullName} share the type name '{grainClass.TypeName}'; give one a [GrainType] name.");
            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                if (!_typeNameByInterface.TryAdd(grainInterface, grainClass.TypeName))
                    _ambiguousInterfaces.Add(grainInterface);
            }
        }
    }

    public IEnumerable<GrainClass> Classes => _byTypeName.Values;

    public string TypeNameOf(Type grainInterface)
    {
        if (_ambiguousInterfaces.Contains(grainInterface))
            throw new ArgumentException($"Several grain classes implement {grainInterface.Name}; the runtime cannot choose one.");
        return _typeNameByInterface.TryGetValue(grainInterface, out var name)
            ? name
            : throw new ArgumentException($"No grain class implements {grainInterface.Name}. Was its assembly registered with AddGrains?");
    }

    public GrainClass ClassOf(string typeName)
        => _byTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new ArgumentException($"Unknown grain type '{typeName}'.");

    private static bool IsGrainInterface(Type type)
        => type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey);
}

/// <summary>An assembly whose grain classes the silo hosts (registered with AddGrains).</summary>
public sealed record GrainAssembly(Assembly Assembly);
