namespace Actors.Runtime; internal static class Placeholder { }
