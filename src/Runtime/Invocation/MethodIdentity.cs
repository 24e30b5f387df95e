using System.Reflection;

namespace Actors.Runtime.Invocation;

/// <summary>
/// The stable wire name of a grain method: "Namespace.IFoo.Method(Int32,String)". It depends only on source names,
/// so two builds of the same interface agree on it, unlike a metadata token.
/// </summary>
internal static class MethodIdentity
{
    public static string Of(MethodInfo method)
        => $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(",", method.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type type)
        => type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(TypeName))}>"
            : type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;
}
