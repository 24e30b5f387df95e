using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

/// <summary>The default cap leaves the process room for its own files under its open file limit; a set cap is checked against that limit.</summary>
public sealed class ConnectionLimitOptionsTests
{
    [Theory]
    [InlineData(1024, 512)]      // the reserve is at least 512
    [InlineData(1200, 688)]
    [InlineData(20000, 18000)]   // a tenth past 5120
    [InlineData(1048576, 943719)]
    [InlineData(600, 150)]       // never below a quarter of the limit
    public void The_default_cap_is_the_open_file_limit_less_a_reserve(long openFileLimit, long cap)
        => Assert.Equal(cap, ConnectionLimitOptions.DefaultFor(openFileLimit));

    [Fact]
    public void Without_a_known_open_file_limit_there_is_no_default_cap_and_a_set_one_applies()
    {
        Assert.Null(ConnectionLimitOptions.DefaultFor(null));
        Assert.Equal(50, new ConnectionLimitOptions { MaxConnections = 50 }.EffectiveFor(null));
        Assert.Equal(50, new ConnectionLimitOptions { MaxConnections = 50 }.EffectiveFor(20000));
    }

    [Fact]
    public void The_soft_limit_is_read_from_proc_limits_and_unlimited_is_no_limit()
    {
        const string limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max processes             63455                63455                processes
            Max open files            1024                 4096                 files
            Max locked memory         8388608              8388608              bytes
            """;
        Assert.Equal(1024, OpenFileLimit.Parse(limits));
        Assert.Null(OpenFileLimit.Parse("Max open files            unlimited            unlimited            files\n"));
        Assert.Null(OpenFileLimit.Parse("Max processes             63455                63455                processes\n"));
    }

    [Fact]
    public void On_linux_this_process_has_an_open_file_limit()
    {
        if (OperatingSystem.IsLinux())
            Assert.True(OpenFileLimit.Read() > 0);
        else
            Assert.Null(OpenFileLimit.Read());
    }

    [Theory]
    [InlineData(0, "Server:MaxConnections must be positive (was 0).")]
    [InlineData(-3, "Server:MaxConnections must be positive (was -3).")]
    [InlineData(1024, "Server:MaxConnections (1024) must be below the process's open file limit (1024)")]
    public void A_cap_that_cannot_work_stops_the_start_naming_the_setting(int max, string message)
    {
        var result = new ConnectionLimitOptionsValidator(1024).Validate(null, new ConnectionLimitOptions { MaxConnections = max });
        Assert.True(result.Failed);
        Assert.StartsWith(message, result.FailureMessage);
    }

    [Fact]
    public void An_unset_cap_or_one_below_the_limit_is_accepted()
    {
        var validator = new ConnectionLimitOptionsValidator(1024);
        Assert.True(validator.Validate(null, new ConnectionLimitOptions()).Succeeded);
        Assert.True(validator.Validate(null, new ConnectionLimitOptions { MaxConnections = 1023 }).Succeeded);
        Assert.True(new ConnectionLimitOptionsValidator(null).Validate(null, new ConnectionLimitOptions { MaxConnections = 100000 }).Succeeded);
    }
}
