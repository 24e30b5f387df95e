using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;

namespace Actors.Grains.Tests.Contacts;

/// <summary>Product decision 3, checked on the fold alone: a merge loses nothing.</summary>
public sealed class MergeRuleTests
{
    [Fact]
    public void The_most_recently_modified_non_empty_value_wins_per_field()
    {
        var winner = new ContactState();
        foreach (var (alias, value, at) in new[] { ("email", "jim@example.com", 0), ("city", "Leeds", 10), ("phone", null, 10) })
        {
            winner.Writable.Fields[alias] = value;
            winner.Writable.FieldModifiedAt[alias] = Hits.Minute(at);
        }
        var loser = new ContactSnapshot
        {
            Id = 2,
            Fields = new Dictionary<string, string?> { ["email"] = "jim@work.example", ["city"] = "York", ["phone"] = "0113", ["company"] = "" },
            FieldModifiedAt = new Dictionary<string, DateTimeOffset>
            {
                ["email"] = Hits.Minute(5), ["city"] = Hits.Minute(5), ["phone"] = Hits.Minute(1), ["company"] = Hits.Minute(20),
            },
        };

        ContactMerge.Fold(winner, loser);

        Assert.Equal("jim@work.example", winner.Fields["email"]);
        Assert.Equal("Leeds", winner.Fields["city"]);
        Assert.Equal("0113", winner.Fields["phone"]);
        Assert.False(winner.Fields.ContainsKey("company"));
        Assert.Equal(Hits.Minute(5), winner.FieldModifiedAt["email"]);
    }

    [Fact]
    public void Dates_take_the_earliest_added_and_identified_and_the_latest_activity()
    {
        var winner = new ContactState { DateAdded = Hits.Minute(10), DateIdentified = null, LastActive = Hits.Minute(30) };
        var loser = new ContactSnapshot { Id = 2, DateAdded = Hits.Minute(0), DateIdentified = Hits.Minute(5), LastActive = Hits.Minute(20) };

        ContactMerge.Fold(winner, loser);

        Assert.Equal((Hits.Minute(0), Hits.Minute(5), Hits.Minute(30)), (winner.DateAdded, winner.DateIdentified, winner.LastActive));
    }

    [Fact]
    public void Do_not_contact_entries_segments_and_owner_are_united_and_an_unsubscribe_is_never_overridden()
    {
        var winner = new ContactState();
        winner.Writable.Segments.Add(1);
        winner.Writable.DoNotContact.Add(new DoNotContact("sms", DoNotContactReason.Manual, null, Hits.Minute(0)));
        var loser = new ContactSnapshot
        {
            Id = 2,
            OwnerId = 42,
            Segments = [1, 2],
            DoNotContact =
            [
                new DoNotContact("email", DoNotContactReason.Unsubscribed, "footer link", Hits.Minute(1)),
                new DoNotContact("sms", DoNotContactReason.Bounced, null, Hits.Minute(2)),
            ],
        };
        winner.Writable.DoNotContact.Add(new DoNotContact("email", DoNotContactReason.Unsubscribed, "preference centre", Hits.Minute(3)));

        ContactMerge.Fold(winner, loser);

        Assert.Equal([1L, 2L], winner.Segments.Order());
        Assert.Equal(42, winner.OwnerId);
        Assert.Equal(DoNotContactReason.Bounced, winner.DoNotContact.Single(e => e.Channel == "sms").Reason);
        Assert.Equal("preference centre", winner.DoNotContact.Single(e => e.Channel == "email").Comments);
    }

    [Fact]
    public void A_repeated_fold_adds_no_utm_row_the_winner_holds_though_its_query_is_another_dictionary()
    {
        var winner = new ContactState();
        var loser = new ContactSnapshot { Id = 2, Utm = [UtmRow(7)] };

        ContactMerge.Fold(winner, loser);
        ContactMerge.Fold(winner, loser with { Utm = [UtmRow(7)] });

        Assert.Equal(7, Assert.Single(winner.Utm).Id);
        Assert.NotEqual(UtmRow(7), UtmRow(7) with { Query = new Dictionary<string, string> { ["utm_source"] = "newsletter" } });
    }

    [Fact]
    public void A_fold_keeps_a_losers_utm_row_with_its_id_though_the_winner_holds_one_of_the_same_values()
    {
        var winner = new ContactState();
        ContactMerge.Fold(winner, new ContactSnapshot { Id = 1, Utm = [UtmRow(7)] });

        ContactMerge.Fold(winner, new ContactSnapshot { Id = 2, Utm = [UtmRow(8)] });

        Assert.Equal([7L, 8L], winner.Utm.Select(row => row.Id));
    }

    private static UtmRecord UtmRow(long id) => new(Hits.Minute(1), "newsletter", "email", "spring", null, null, "https://shop.test/?utm_source=newsletter", null)
    {
        Id = id,
        Query = new Dictionary<string, string> { ["utm_source"] = "newsletter", ["page"] = "2" },
        UserAgent = "Firefox",
    };
}
