namespace Actors.Runtime;

public static class GrainExtensions
{
    /// <summary>The string key this grain was addressed by.</summary>
    public static string GetPrimaryKeyString(this Grain grain) => grain.GrainId.Key;
}
