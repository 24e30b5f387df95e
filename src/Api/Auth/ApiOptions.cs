namespace Actors.Api.Auth;

/// <summary>REST API access settings (configuration section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public const string DefaultAdminUser = "admin";
    public const int DefaultMaxFailedLogins = 5;
    public static readonly TimeSpan DefaultFailedLoginWindow = TimeSpan.FromMinutes(1);
    public const int DefaultMaxTrackedAddresses = 10_000;
    public static readonly TimeSpan DefaultVerifiedCredentialLifetime = TimeSpan.FromSeconds(60);

    /// <summary>The administrator ensured at start-up. Default "admin".</summary>
    public string AdminUser { get; set; } = DefaultAdminUser;

    /// <summary>
    /// The administrator's password. Default none: then, if no user exists yet, <see cref="AdminUser"/> is created
    /// with a random password printed once. When set, the user is created with it, or its password is reset to it.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>Failed sign-ins from one address within <see cref="FailedLoginWindow"/> after which it gets 429. Default 5.</summary>
    public int MaxFailedLogins { get; set; } = DefaultMaxFailedLogins;

    /// <summary>The window in which failures are counted, and for which an address is then refused. Default 1 minute.</summary>
    public TimeSpan FailedLoginWindow { get; set; } = DefaultFailedLoginWindow;

    /// <summary>Most addresses whose failures are counted at once, bounding the counters' memory. Default 10,000.</summary>
    public int MaxTrackedAddresses { get; set; } = DefaultMaxTrackedAddresses;

    /// <summary>How long a verified username and password are accepted without hashing again. Default 60 seconds.</summary>
    public TimeSpan VerifiedCredentialLifetime { get; set; } = DefaultVerifiedCredentialLifetime;
}
