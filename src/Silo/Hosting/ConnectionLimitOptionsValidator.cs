using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>Refuses a cap that cannot work, naming the setting: none or fewer connections, or as many as the process may open files.</summary>
internal sealed class ConnectionLimitOptionsValidator(long? openFileLimit) : IValidateOptions<ConnectionLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionLimitOptions options) => options.MaxConnections switch
    {
        <= 0 and var max => ValidateOptionsResult.Fail($"{ConnectionLimitOptions.SectionName}:MaxConnections must be positive (was {max})."),
        { } max when max >= openFileLimit => ValidateOptionsResult.Fail(
            $"{ConnectionLimitOptions.SectionName}:MaxConnections ({max}) must be below the process's open file limit ({openFileLimit}), which its own files count against too; raise the limit (ulimit -n) or lower the setting."),
        _ => ValidateOptionsResult.Success,
    };
}
