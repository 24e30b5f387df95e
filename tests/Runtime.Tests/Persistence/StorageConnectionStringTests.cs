using Actors.Runtime.Hosting;
using Npgsql;

namespace Actors.Runtime.Tests.Persistence;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void A_connection_string_that_does_not_say_keeps_prepared_statements()
    {
        var settings = new NpgsqlConnectionStringBuilder(StorageConnectionString.WithDefaults("Host=db;Username=actors;Password=secret;Database=actors"));

        Assert.Equal(StorageConnectionString.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal("db", settings.Host);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=10", 10)]
    [InlineData("Host=db;MaxAutoPrepare=20", 20)]
    public void A_connection_string_that_sets_its_own_number_keeps_it(string connectionString, int expected)
    {
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(StorageConnectionString.WithDefaults(connectionString)).MaxAutoPrepare);
    }
}
