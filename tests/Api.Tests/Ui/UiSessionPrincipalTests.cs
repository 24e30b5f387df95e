using System.Text;
using Actors.Api.Ui;
using Actors.Interfaces.Users;
using Actors.Runtime.Persistence;

namespace Actors.Api.Tests.Ui;

/// <summary>Users stored by builds before security stamps: they read back without one, and still sign in.</summary>
public sealed class UiSessionPrincipalTests
{
    private const string StoredBeforeStamps = """
        {"user":{"id":7,"username":"old","email":"old@example.com","firstName":"O","lastName":"Ld","role":"user",
        "isPublished":true,"passwordHash":"AQAAAA","dateAdded":"2024-01-01T00:00:00+00:00","dateModified":null}}
        """;

    [Fact]
    public void A_user_stored_before_stamps_reads_without_one_and_its_new_session_speaks_for_it()
    {
        var user = GrainStateSerializer.Deserialize<StoredUser>(Encoding.UTF8.GetBytes(StoredBeforeStamps)).User!;

        Assert.Null(user.SecurityStamp);
        Assert.True(UiSessionPrincipal.SpeaksFor(UiSessionPrincipal.For(user), user));
        Assert.False(UiSessionPrincipal.SpeaksFor(UiSessionPrincipal.For(user), user with { SecurityStamp = "changed" }));
        Assert.False(UiSessionPrincipal.SpeaksFor(UiSessionPrincipal.For(user), user with { Id = 8 }));
    }

    /// <summary>The shape the user grain stores (its state class is the grain's own).</summary>
    private sealed class StoredUser
    {
        public UserRecord? User { get; set; }
    }
}
