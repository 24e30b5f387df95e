using Actors.Runtime.Invocation;

namespace Actors.Runtime.Tests.Infrastructure;

public static class GrainReferenceExtensions
{
    public static string GetGrainKey(this IGrain reference) => ((GrainProxy)(object)reference).GrainId.Key;
}
