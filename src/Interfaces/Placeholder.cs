namespace Actors.Interfaces; internal static class Placeholder { }
