using Actors.Api.Hosting;
using Actors.Api.Users;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>
/// Makes sure the API can be used from the first start. With <see cref="ApiOptions.AdminPassword"/> set, the
/// configured admin exists, is a published admin and has that password; one that must be made (again) while another
/// user holds the email it is made with is left unmade, with a warning naming that user, and start-up goes on. With
/// none set and no user at all, it creates the admin with a random password and prints it once on the console (not to
/// the logs, which are often shipped elsewhere); later starts find a user and print nothing. Registered after the
/// silo, whose start has migrated the storage this reads.
/// </summary>
internal sealed partial class AdminUserBootstrap(
    IGrainFactory grains, UserPasswords passwords, IOptions<ApiOptions> options, StartupGrainCalls startup, ILogger<AdminUserBootstrap> logger)
    : IHostedService
{
    /// <summary>Done before the process listens, or, for a cluster client that starts before any silo, once one is Active.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => startup.RunAsync("the first API user", EnsureAdminAsync);

    private async Task EnsureAdminAsync()
    {
        var username = IUserGrain.KeyOf(options.Value.AdminUser);
        var admin = grains.GetGrain<IUserGrain>(username);
        var existing = await admin.Get();
        if (options.Value.AdminPassword is { } password)
        {
            await EnsureConfiguredAsync(admin, existing, username, password);
            return;
        }
        if (existing is not null || (await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List()).Count > 0)
            return;
        var generated = UserPasswords.Generate();
        if ((await admin.Create(NewAdmin(username, generated))).Outcome != UserOutcome.Done)
            return;
        await Console.Out.WriteLineAsync($"Created API user '{username}' with password '{generated}'; set {ApiOptions.SectionName}:AdminPassword to choose your own.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureConfiguredAsync(IUserGrain admin, UserRecord? existing, string username, string password)
    {
        if (existing is null)
        {
            // Exists: another front end starting at the same moment made it, and says so.
            switch ((await admin.Create(NewAdmin(username, password))).Outcome)
            {
                case UserOutcome.Done:
                    LogCreated(logger, username);
                    break;
                case UserOutcome.EmailTaken:
                    // Not fatal: the user holding the email was made by an admin, who can still sign in.
                    LogEmailTaken(logger, username, AdminEmail(username), await HolderOfAsync(AdminEmail(username)));
                    break;
            }
            return;
        }
        var passwordChanged = !passwords.Verify(existing, password);
        if (!passwordChanged && existing.IsActiveAdmin)
            return;
        await admin.Change(new UserChange(Role: UserRoles.Admin, IsPublished: true, PasswordHash: passwordChanged ? passwords.Hash(password) : null));
        LogUpdated(logger, username);
    }

    private NewUser NewAdmin(string username, string password)
        => new(username, AdminEmail(username), "API", "Administrator", UserRoles.Admin, true, passwords.Hash(password));

    private static string AdminEmail(string username) => $"{username}@localhost.invalid";

    private async Task<string> HolderOfAsync(string email)
    {
        var users = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List();
        return users.FirstOrDefault(user => user.Email == UserEmails.Normalize(email))?.Username ?? "another user";
    }

    [LoggerMessage(20, LogLevel.Information, "Created API user {Username} from configuration")]
    private static partial void LogCreated(ILogger logger, string username);

    [LoggerMessage(22, LogLevel.Warning,
        "Could not create API user {Username} from configuration: its email {Email} belongs to {Holder}; change that user's email or set Api:AdminUser to another name")]
    private static partial void LogEmailTaken(ILogger logger, string username, string email, string holder);

    [LoggerMessage(21, LogLevel.Information, "Reset API user {Username} to the configured password and admin role")]
    private static partial void LogUpdated(ILogger logger, string username);
}
