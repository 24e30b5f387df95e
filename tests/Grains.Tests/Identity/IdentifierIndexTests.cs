using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Identity;

namespace Actors.Grains.Tests.Identity;

public sealed class IdentifierIndexTests : SiloTest
{
    private IIdentifierIndexGrain Index(string email) => Silo.Factory.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize("email", email));

    [Fact]
    public async Task The_first_of_a_hundred_concurrent_claims_wins_and_every_claimant_hears_the_same_owner()
    {
        var index = Index("race@example.com");

        var answers = await Task.WhenAll(Enumerable.Range(1, 100).Select(id => Task.Run(() => index.Claim(id))));

        var owner = Assert.Single(answers.Distinct());
        Assert.InRange(owner, 1, 100);
        Assert.Equal(owner, await index.Owner());
    }

    [Fact]
    public async Task The_owner_survives_a_restart()
    {
        await Index("kept@example.com").Claim(7);
        await RestartSilo();

        Assert.Equal(7, await Index("kept@example.com").Claim(8));
    }

    [Fact]
    public async Task Only_the_owner_can_release_a_value()
    {
        var index = Index("free@example.com");
        await index.Claim(1);

        Assert.False(await index.Release(2));
        Assert.True(await index.Release(1));

        Assert.Null(await index.Owner());
        Assert.Equal(2, await index.Claim(2));
    }

    [Fact]
    public async Task A_redirect_moves_the_value_only_away_from_the_loser()
    {
        var index = Index("merged@example.com");
        await index.Claim(1);

        Assert.Equal(1, await index.Redirect(loserId: 5, winnerId: 6));
        Assert.Equal(9, await index.Redirect(loserId: 1, winnerId: 9));

        Assert.Equal(9, await index.Owner());
    }

    [Theory]
    [InlineData("email", " Jim@Example.COM ", "email:jim@example.com")]
    [InlineData(" Email ", "jim@example.com", "email:jim@example.com")]
    public void Identifiers_are_trimmed_and_lower_cased(string alias, string value, string expected)
        => Assert.Equal(expected, UniqueIdentifier.Normalize(alias, value));

    [Theory]
    [InlineData("jose\u0301@x.test", "email:jos\u00e9@x.test")]
    [InlineData(" JOSE\u0301@X.TEST", "email:jos\u00e9@x.test")]
    [InlineData("\u212Bse@x.test", "email:\u00e5se@x.test")]
    [InlineData("a\u0301\u0323@x.test", "email:\u1ea1\u0301@x.test")]
    public void Identifiers_are_in_Unicode_NFC(string value, string expected)
        => Assert.Equal(expected, UniqueIdentifier.Normalize("email", value));

    [Theory]
    [InlineData("\u0130", "I\u0307")]
    [InlineData("\u01F0", "J\u030C")]
    [InlineData("\u00ed", "I\u0301")]
    public void Identifiers_one_text_once_lower_cased_are_one(string value, string other)
        => Assert.Equal(UniqueIdentifier.NormalizeValue(value), UniqueIdentifier.NormalizeValue(other));

    [Theory]
    [InlineData("email", "  ")]
    [InlineData(" ", "jim@example.com")]
    public void Empty_identifiers_are_refused(string alias, string value)
        => Assert.Throws<ArgumentException>(() => UniqueIdentifier.Normalize(alias, value));
}
