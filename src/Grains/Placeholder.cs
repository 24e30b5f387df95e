namespace Actors.Grains; internal static class Placeholder { }
