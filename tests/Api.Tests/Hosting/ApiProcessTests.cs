using Actors.Testing;

namespace Actors.Api.Tests.Hosting;

/// <summary>`dotnet Actors.Api.dll`: the embedded default the README's `dotnet run --project src/Api` starts.</summary>
public sealed class ApiProcessTests() : HostProcessTests("Actors.Api.dll");
