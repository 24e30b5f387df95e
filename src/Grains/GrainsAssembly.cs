namespace Actors.Grains;

/// <summary>Names this assembly for the silo's grain registration (AddGrains(typeof(GrainsAssembly).Assembly)).</summary>
public static class GrainsAssembly;
