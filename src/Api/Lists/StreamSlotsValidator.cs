using Actors.Api.Auth;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Api.Lists;

/// <summary>
/// Refuses an <see cref="ApiOptions.MaxConcurrentStreams"/> that is not below the PostgreSQL connection string's Max
/// Pool Size: every streamed answer holds a connection of that one pool while its client reads, so as many slow
/// clients as the pool has connections would leave tracking and grain storage none (see <see cref="StreamSlots"/>).
/// SQLite has no pool bound to check. Storage settings that are wrong in themselves are left to their own validation,
/// which names them.
/// </summary>
internal sealed class StreamSlotsValidator(IOptions<StorageOptions> storage) : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        if (options.MaxConcurrentStreams is not { } configured || PoolSize() is not { } pool || configured < pool)
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"{ApiOptions.SectionName}:{nameof(ApiOptions.MaxConcurrentStreams)} ({configured}) must be less than the Max Pool Size ({pool}) of "
            + $"{StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)}: each streamed answer holds one of the pool's connections, "
            + "and tracking and grain storage need the others. Lower it, or raise Max Pool Size (within PostgreSQL's max_connections).");
    }

    private int? PoolSize()
    {
        try
        {
            return StreamSlots.PostgreSqlPoolSize(storage.Value);
        }
        catch (Exception unusable) when (unusable is OptionsValidationException or ArgumentException or FormatException or InvalidCastException)
        {
            return null;
        }
    }
}
