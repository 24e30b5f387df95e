using System.Net;

namespace Actors.Testing;

/// <summary>
/// What both hosts, the Api (embedded silo) and the silo process, promise an operator who starts the built
/// assembly in an empty folder. Start-up failures are tested on the process rather than in-process because what
/// matters is what the operator sees: the exit code, one line on stderr, and that nothing ever listened.
/// </summary>
public abstract class HostProcessTests(string assemblyFileName)
{
    const string UnreachablePostgreSql = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3";

    [Fact]
    public async Task With_nothing_configured_it_serves_health_and_keeps_sqlite_under_data_in_its_working_directory()
    {
        await using var host = HostProcess.Start(assemblyFileName);

        await host.WaitForStatusAsync("/healthz", HttpStatusCode.OK);
        await host.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
        Assert.True(File.Exists(Path.Combine(host.WorkingDirectory, "data", "actors.db")));
    }

    [Fact]
    public async Task Its_answers_do_not_name_the_server()
    {
        await using var host = HostProcess.Start(assemblyFileName);
        await host.WaitForStatusAsync("/healthz", HttpStatusCode.OK);

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task Requests_are_not_logged_line_by_line_wherever_it_is_started()
    {
        // A fresh working directory holds no appsettings.json: the levels are the process's own defaults.
        await using var host = HostProcess.Start(assemblyFileName);
        await host.WaitForStatusAsync("/healthz", HttpStatusCode.OK);

        Assert.Equal(0, await host.StopAsync());
        // Logged after the request, so the request's lines, had they been written, would be in the output by now.
        Assert.Contains("Application is shutting down", host.StandardOutput);
        Assert.DoesNotContain("Request starting", host.StandardOutput);
    }

    [Theory]
    [InlineData("Storage__Provider=Mongo", "Storage:Provider 'Mongo' is not a storage provider; use one of: Memory, Sqlite, PostgreSql.")]
    [InlineData("Storage__Provider=PostgreSql", "Storage:ConnectionString is required when Storage:Provider is PostgreSql.")]
    [InlineData("Storage__Provider=PostgreSql|Storage__ConnectionString=Host", "Storage:ConnectionString is not a valid Npgsql connection string")]
    [InlineData($"Storage__Provider=PostgreSql|Storage__ConnectionString={UnreachablePostgreSql}", "Storage could not be reached or initialised (PostgreSqlGrainStorage); check Storage:Provider and Storage:ConnectionString: Failed to connect to 127.0.0.1:1")]
    [InlineData("Messaging__ResponseTimeout=-00:00:01", "Messaging:ResponseTimeout must be positive")]
    [InlineData("Messaging__ResponseTimeout=soon", "Failed to convert configuration value 'soon' at 'Messaging:ResponseTimeout'")]
    [InlineData("GrainCollection__CollectionAge=00:00:30", "GrainCollection:CollectionAge (00:00:30) must be longer than GrainCollection:CollectionQuantum")]
    [InlineData("Dashboard__SampleInterval=00:00:00.050", "Dashboard:SampleInterval must be at least 100 ms (was 00:00:00.0500000).")]
    [InlineData("Dashboard__ReportTimeout=00:00:00", "Dashboard:ReportTimeout must be positive (was 00:00:00).")]
    [InlineData("Server__MaxConnections=0", "Server:MaxConnections must be positive (was 0).")]
    [InlineData("Server__MaxConnections=many", "Failed to convert configuration value 'many' at 'Server:MaxConnections'")]
    public Task A_misconfiguration_exits_1_with_one_line_naming_it_before_anything_listens(string environment, string reason)
        => AssertStartRefusedAsync(environment, reason);

    /// <summary>
    /// Starts the host with <paramref name="environment"/> (<c>NAME=value</c> pairs joined by <c>|</c>) and checks that it
    /// exits 1 having logged, and then written alone on stderr, the line that begins with <paramref name="reason"/>.
    /// </summary>
    protected async Task AssertStartRefusedAsync(string environment, string reason)
    {
        var variables = environment.Split('|').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
        await using var host = HostProcess.Start(assemblyFileName, variables);

        Assert.Equal(1, await host.WaitForExitAsync());
        var line = Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Start-up failed: {reason}", line);
        Assert.Contains($"crit: {Path.GetFileNameWithoutExtension(assemblyFileName)}[0]{Environment.NewLine}      Start-up failed: {reason}", host.StandardOutput);
        // Kestrel logs this once it has bound; validation and the silo's storage start come before it.
        Assert.DoesNotContain("Now listening on", host.StandardOutput);
        Assert.DoesNotContain("   at ", host.StandardOutput + host.StandardError);
    }

    [Fact]
    public async Task An_address_already_in_use_exits_1_with_one_line_saying_so()
    {
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        await using var host = HostProcess.Start(assemblyFileName, port: ((IPEndPoint)occupant.LocalEndpoint).Port);

        Assert.Equal(1, await host.WaitForExitAsync());
        var line = Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up failed: Failed to bind to address", line);
        Assert.Contains("address already in use", line);
    }
}
