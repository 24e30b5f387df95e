using System.Collections;
using System.Reflection;
using Actors.Api.Hosting;
using Actors.Grains.Hosting;
using Actors.Runtime.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace Actors.Deploy.Tests;

/// <summary>
/// The configuration keys the service reads, found in its code: every options class (a type with a
/// <c>SectionName</c> constant) contributes "Section:Property" for each settable property, the host contributes
/// <see cref="WebHostDefaults"/>'s keys, and a public constant named "...Key" holding "Section:Key" is a key too.
/// </summary>
public static class ConfigurationKeys
{
    private static readonly Assembly[] ServiceAssemblies =
    [
        typeof(StorageOptions).Assembly, typeof(GrainsServiceCollectionExtensions).Assembly,
        typeof(Actors.Silo.Health.HealthEndpoints).Assembly, typeof(ApiComposition).Assembly,
    ];

    public static IReadOnlySet<string> Known { get; } = Discover();

    /// <summary>The configuration key an environment variable sets, as the .NET host maps it.</summary>
    public static string FromEnvironmentVariable(string name)
    {
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return name[prefix.Length..];
        }
        return name.Replace("__", ":");
    }

    public static bool IsKnown(string key) =>
        Known.Contains(key) || Known.Any(known => known.EndsWith(":*") && key.StartsWith(known[..^1], StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> Discover()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(WebHostDefaults).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.FieldType == typeof(string)))
            keys.Add((string)field.GetValue(null)!);
        foreach (var type in ServiceAssemblies.SelectMany(assembly => assembly.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } section)
                AddProperties(keys, (string)section.GetRawConstantValue()!, type);
            foreach (var constant in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (constant is { IsLiteral: true } && constant.Name.EndsWith("Key") && constant.GetRawConstantValue() is string value && value.Contains(':'))
                    keys.Add(value);
            }
        }
        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(TimeSpan) || propertyType == typeof(decimal))
                keys.Add(key);
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
                keys.Add(key + ":*");
            else
                AddProperties(keys, key, propertyType);
        }
    }
}
