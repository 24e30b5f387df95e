using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Tests.Storage.Query;

/// <summary>The shape of the filter a search string parses to; what each shape selects is proven in Api.Tests' ContactListTests.</summary>
public sealed class SearchStringParserTests
{
    static readonly FieldDefinition[] Fields = [.. new[] { "firstname", "city", "zipcode" }.Select(alias => new FieldDefinition(alias, alias, "text", "core", false, false, null, true))];

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var filter = SearchStringParser.Parse("city:a OR city:b zipcode:c", Fields, currentUserId: null);

        var any = Assert.IsType<AnyOf>(filter);
        Assert.Equal(["a%"], Assert.IsType<Condition>(any.Parts[0]).Values);
        var all = Assert.IsType<AllOf>(any.Parts[1]);
        Assert.Equal(["city", "zipcode"], all.Parts.Cast<Condition>().Select(c => c.Column.Name));
        Assert.True(all.Parts.Cast<Condition>().Last().Column.InFields);
    }

    [Fact]
    public void Prefixes_work_in_either_order_and_quotes_keep_one_term()
    {
        var strictNegated = Assert.IsType<Not>(SearchStringParser.Parse("+!city:\"new york\"", Fields, currentUserId: null));
        var negatedStrict = Assert.IsType<Not>(SearchStringParser.Parse("!+city:\"new york\"", Fields, currentUserId: null));

        Assert.Equal(["new york"], Assert.IsType<Condition>(strictNegated.Inner).Values);
        Assert.Equal(["new york"], Assert.IsType<Condition>(negatedStrict.Inner).Values);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("city:")]
    [InlineData("( ) OR")]
    public void Terms_that_mean_nothing_leave_every_contact(string search) =>
        Assert.Same(ContactFilter.All, SearchStringParser.Parse(search, Fields, currentUserId: null));

    [Theory]
    [InlineData("shoe:42", "shoe:42")]
    [InlineData("!shoe:42", "shoe:42")]
    [InlineData("is:everything", "is:everything")]
    public void A_command_Mautic_does_not_know_is_one_strict_word_never_negated(string search, string word)
    {
        var any = Assert.IsType<AnyOf>(SearchStringParser.Parse(search, Fields, currentUserId: null));

        Assert.All(any.Parts, part => Assert.Equal([word], Assert.IsType<Condition>(part).Values));
    }

    [Fact]
    public void A_command_over_records_this_service_does_not_keep_is_refused() =>
        Assert.Contains("email_sent:", Assert.Throws<ContactQueryException>(() => SearchStringParser.Parse("email_sent:3", Fields, currentUserId: null)).Message);

    [Fact]
    public void Is_mine_without_a_user_matches_nothing() =>
        Assert.Same(ContactFilter.None, SearchStringParser.Parse("is:mine", Fields, currentUserId: null));
}
