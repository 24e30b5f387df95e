namespace Actors.Runtime;

/// <summary>
/// Overrides a grain class's type name. By default the name is the class name, lower-cased, with a
/// trailing "grain" removed (ContactGrain → "contact"), as in Orleans.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
