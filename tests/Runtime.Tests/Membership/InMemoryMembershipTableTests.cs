using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;

namespace Actors.Runtime.Tests.Membership;

public sealed class InMemoryMembershipTableTests : MembershipTableConformance
{
    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new InMemoryMembershipTable());
}

public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("10.0.0.7:11111@123456")]
    [InlineData("silo-0.silos.actors.svc:11111@1")]
    [InlineData("[::1]:11111@99")]
    public void The_text_form_round_trips(string text) => Assert.Equal(text, SiloAddress.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("host:11111")]
    [InlineData("host@5")]
    [InlineData("host:0@5")]
    [InlineData("host:70000@5")]
    [InlineData("host:port@5")]
    [InlineData(":11111@5")]
    public void Malformed_text_is_not_an_address(string text) => Assert.False(SiloAddress.TryParse(text, out _));

    [Fact]
    public void Two_generations_of_one_endpoint_are_the_same_place_but_different_silos()
    {
        var old = new SiloAddress("10.0.0.7", 11111, 1);
        var restarted = old with { Generation = 2 };

        Assert.True(old.IsSameEndpoint(restarted));
        Assert.NotEqual(old, restarted);
    }
}
