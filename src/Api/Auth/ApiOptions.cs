namespace Actors.Api.Auth;

/// <summary>REST API settings (configuration section "Api"): access, and how many long answers stream at once.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public const string DefaultAdminUser = "admin";
    public const int DefaultMaxFailedLogins = 5;
    public static readonly TimeSpan DefaultFailedLoginWindow = TimeSpan.FromMinutes(1);
    public const int DefaultMaxTrackedAddresses = 10_000;
    public const int DefaultMaxFailedLoginsPerUser = 10;
    public static readonly TimeSpan DefaultUserLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultMaxUserLockout = TimeSpan.FromHours(1);
    public const int DefaultMaxTrackedUsernames = 100_000;
    public static readonly TimeSpan DefaultKnownClientLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultVerifiedCredentialLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Npgsql's Max Pool Size when the connection string sets none.</summary>
    public const int NpgsqlDefaultPoolSize = 100;

    /// <summary>The share of the database pool the default leaves to streamed answers: a quarter.</summary>
    public const int StreamPoolDivisor = 4;

    public static readonly TimeSpan DefaultStreamQueueTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest <see cref="StreamQueueTimeout"/>: a waiting request holds its client's connection meanwhile.</summary>
    public static readonly TimeSpan MaxStreamQueueTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The administrator ensured at start-up. Default "admin".</summary>
    public string AdminUser { get; set; } = DefaultAdminUser;

    /// <summary>
    /// The administrator's password. Default none: then, if no user exists yet, <see cref="AdminUser"/> is created
    /// with a random password printed once. When set, the user is created with it, or its password is reset to it.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Failed sign-ins from one client within <see cref="FailedLoginWindow"/> after which it gets 429. A client is an
    /// IPv4 address, or the /64 network of an IPv6 address (one host owns a whole /64). Default 5.
    /// </summary>
    public int MaxFailedLogins { get; set; } = DefaultMaxFailedLogins;

    /// <summary>The window in which failures are counted, and for which a client is then refused. Default 1 minute.</summary>
    public TimeSpan FailedLoginWindow { get; set; } = DefaultFailedLoginWindow;

    /// <summary>
    /// Most clients whose failures are counted at once, and most remembered successful sign-ins (user and client),
    /// bounding the memory of each table. Default 10,000.
    /// </summary>
    public int MaxTrackedAddresses { get; set; } = DefaultMaxTrackedAddresses;

    /// <summary>
    /// Failed sign-ins for one username, from any clients, within <see cref="UserLockout"/> after which that username
    /// is locked out (429) for <see cref="UserLockout"/>. Default 10.
    /// </summary>
    public int MaxFailedLoginsPerUser { get; set; } = DefaultMaxFailedLoginsPerUser;

    /// <summary>
    /// The window in which a username's failures are counted and the length of its first lockout; each lockout that
    /// follows within <see cref="MaxUserLockout"/> of the last one lasts twice as long. Default 15 minutes.
    /// </summary>
    public TimeSpan UserLockout { get; set; } = DefaultUserLockout;

    /// <summary>
    /// The longest a username is locked out; after this long without a lockout, the next one is back to
    /// <see cref="UserLockout"/>. Default 1 hour.
    /// </summary>
    public TimeSpan MaxUserLockout { get; set; } = DefaultMaxUserLockout;

    /// <summary>
    /// Most usernames whose failures are counted at once. When every one is still counting, a username not among
    /// them is refused (429) until one expires, rather than guessed uncounted. Filling it takes as many failures, each
    /// costing a password hash, within <see cref="UserLockout"/>. Default 100,000 (some 20 MB at most).
    /// </summary>
    public int MaxTrackedUsernames { get; set; } = DefaultMaxTrackedUsernames;

    /// <summary>
    /// How long a client that signed in as a user stays exempt from that username's lockout, so that a lockout caused
    /// by someone else's guesses does not shut out the user's own clients. Zero exempts no one. Default 7 days.
    /// </summary>
    public TimeSpan KnownClientLifetime { get; set; } = DefaultKnownClientLifetime;

    /// <summary>How long a verified username and password are accepted without hashing again. Default 60 seconds.</summary>
    public TimeSpan VerifiedCredentialLifetime { get; set; } = DefaultVerifiedCredentialLifetime;

    /// <summary>
    /// Most streamed answers (a contacts, companies or notes list page of more than 500 rows, <c>limit=0</c> among them,
    /// and the contacts export) running at once in this process; each holds a database connection while its client reads.
    /// Default: a quarter (<see cref="StreamPoolDivisor"/>) of the PostgreSQL connection string's Max Pool Size, at least
    /// 1, which is 25 with Npgsql's default pool of 100, so three quarters of the pool stay for tracking, grain storage
    /// and everything else; 25 on SQLite too, whose pool has no bound but whose WAL each held read keeps from being
    /// reset. When set, it must be positive, and on PostgreSQL below Max Pool Size (refused at start otherwise,
    /// <see cref="Lists.StreamSlotsValidator"/>), better well below it.
    /// </summary>
    public int? MaxConcurrentStreams { get; set; }

    /// <summary>
    /// How long a streamed answer waits for a slot (<see cref="MaxConcurrentStreams"/>) before it is refused with 503 and
    /// Retry-After. Zero refuses at once. Default 2 seconds, at most 1 minute.
    /// </summary>
    public TimeSpan StreamQueueTimeout { get; set; } = DefaultStreamQueueTimeout;

    /// <summary>The default <see cref="MaxConcurrentStreams"/> for a database pool of <paramref name="poolSize"/> connections.</summary>
    public static int DefaultMaxConcurrentStreams(int poolSize) => Math.Max(1, poolSize / StreamPoolDivisor);
}
