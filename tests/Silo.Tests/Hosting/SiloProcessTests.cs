using Actors.Testing;

namespace Actors.Silo.Tests.Hosting;

/// <summary>`dotnet Actors.Silo.dll`: one silo process of a cluster.</summary>
public sealed class SiloProcessTests() : HostProcessTests("Actors.Silo.dll");
