namespace Actors.Grains.Tests.Infrastructure;

/// <summary>A test class whose every test gets a fresh silo with empty storage.</summary>
public abstract class SiloTest : IAsyncLifetime
{
    protected ContactSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await ContactSilo.StartAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    /// <summary>Stops the silo and starts another on its storage: every grain is deactivated, nothing stored is lost.</summary>
    protected async Task RestartSilo() => Silo = await Silo.RestartAsync();
}
