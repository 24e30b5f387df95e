using Microsoft.Extensions.Options;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Tags;
using Actors.Runtime;
using Actors.Runtime.Text;

namespace Actors.Api.Tracking;

/// <summary>
/// Rations the tags tracking hits create. Hits are unauthenticated and every tag a contact holds is a tag of the one
/// catalog grain, so a script sending fresh names could grow the tag list without end. This silo creates at most
/// <see cref="TrackingOptions.NewTagsPerMinute"/> a minute (a token bucket holding one minute's worth); past it a hit's
/// names the catalog does not hold are left off the hit, its known ones still added.
/// <para>
/// Whether a name exists is the catalog's answer, by its own fold: a hit's names go to it in one call
/// (<see cref="IEntityCatalogGrain{T}.EnsureAtMost"/>), which adds at most the tokens taken for them and answers
/// which names it holds; the tokens of names it held already are given back. This silo then remembers those names for
/// <see cref="KnownFor"/>, so hits naming the site's usual tags cost no call. A tag deleted meanwhile can still be
/// added to a contact here until then, and the tag list gives it back its id as it does for every name contacts hold.
/// </para>
/// </summary>
public sealed partial class TrackedTagBudget(IGrainFactory grains, TimeProvider clock, IOptions<TrackingOptions> options, ILogger<TrackedTagBudget> logger)
{
    /// <summary>How long a name the catalog answered is taken as known without asking it again.</summary>
    public static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly int _perMinute = options.Value.NewTagsPerMinute;

    // Folded names (LowerCase.Of), as the catalog tells names apart.
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private DateTimeOffset _knownSince = clock.GetUtcNow();

    private double _tokens = options.Value.NewTagsPerMinute;
    private DateTimeOffset _refilledAt = clock.GetUtcNow();

    private DateTimeOffset? _warnedAt;
    private int _leftOutSinceWarning;

    /// <summary>The names of <paramref name="names"/> the hit may add: those the catalog holds, and those it created for them.</summary>
    public async ValueTask<IReadOnlyList<string>> AdmitAsync(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return names;
        string[] unknown;
        int granted;
        lock (_lock)
        {
            unknown = Unknown(names);
            granted = unknown.Length == 0 ? 0 : Take(unknown.Length);
        }
        if (unknown.Length == 0)
            return names;

        var ensured = await grains.GetGrain<IEntityCatalogGrain<Tag>>(Tag.CatalogKey)
            .EnsureAtMost(unknown.Select(name => new Tag(0, name, null)).ToArray(), granted);

        var leftOut = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            _tokens = Math.Min(_perMinute, _tokens + granted - ensured.Added);
            for (var i = 0; i < unknown.Length; i++)
            {
                if (ensured.Entries[i] is null)
                    leftOut.Add(unknown[i]);
                else
                    _known.Add(LowerCase.Of(unknown[i]));
            }
            if (leftOut.Count > 0)
                Warn(leftOut.Count);
        }
        return leftOut.Count == 0 ? names : names.Where(name => !leftOut.Contains(name)).ToArray();
    }

    private string[] Unknown(IReadOnlyList<string> names)
    {
        var now = clock.GetUtcNow();
        if (now - _knownSince >= KnownFor)
        {
            _known.Clear();
            _knownSince = now;
        }
        return names.Where(name => !_known.Contains(LowerCase.Of(name))).ToArray();
    }

    /// <summary>Takes up to <paramref name="wanted"/> whole tokens, after adding those the time since the last refill earned.</summary>
    private int Take(int wanted)
    {
        var now = clock.GetUtcNow();
        _tokens = Math.Min(_perMinute, _tokens + (now - _refilledAt).TotalMinutes * _perMinute);
        _refilledAt = now;
        var granted = Math.Min(wanted, (int)Math.Floor(_tokens));
        _tokens -= granted;
        return granted;
    }

    private void Warn(int leftOut)
    {
        _leftOutSinceWarning += leftOut;
        var now = clock.GetUtcNow();
        if (_warnedAt is { } warned && now - warned < WarnEvery)
            return;
        NewTagsLeftOut(logger, _leftOutSinceWarning, _perMinute);
        _warnedAt = now;
        _leftOutSinceWarning = 0;
    }

    [LoggerMessage(1, LogLevel.Warning,
        "Tracking hits named {LeftOut} new tags that were left out: this silo creates at most {PerMinute} a minute (Tracking:NewTagsPerMinute)")]
    private static partial void NewTagsLeftOut(ILogger logger, int leftOut, int perMinute);
}
