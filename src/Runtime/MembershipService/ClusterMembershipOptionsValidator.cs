using Microsoft.Extensions.Options;

namespace Actors.Runtime.MembershipService;

/// <summary>Refuses membership settings that cannot work, naming the setting.</summary>
internal sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        const string section = ClusterMembershipOptions.SectionName;
        var failures = new List<string>();
        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
                failures.Add($"{section}:{setting} must be positive (was {value}).");
        }
        void AtLeastOne(int value, string setting)
        {
            if (value < 1)
                failures.Add($"{section}:{setting} must be at least 1 (was {value}).");
        }

        AtLeastOne(options.NumProbedSilos, nameof(options.NumProbedSilos));
        AtLeastOne(options.NumMissedProbesLimit, nameof(options.NumMissedProbesLimit));
        AtLeastOne(options.NumVotesForDeathDeclaration, nameof(options.NumVotesForDeathDeclaration));
        AtLeastOne(options.NumMissedTableIAmAliveLimit, nameof(options.NumMissedTableIAmAliveLimit));
        Positive(options.ProbeTimeout, nameof(options.ProbeTimeout));
        Positive(options.DeathVoteExpirationTimeout, nameof(options.DeathVoteExpirationTimeout));
        Positive(options.TableRefreshTimeout, nameof(options.TableRefreshTimeout));
        Positive(options.IAmAliveTablePublishTimeout, nameof(options.IAmAliveTablePublishTimeout));
        Positive(options.MaxJoinAttemptTime, nameof(options.MaxJoinAttemptTime));
        Positive(options.DefunctSiloExpiration, nameof(options.DefunctSiloExpiration));
        Positive(options.DefunctSiloCleanupPeriod, nameof(options.DefunctSiloCleanupPeriod));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
