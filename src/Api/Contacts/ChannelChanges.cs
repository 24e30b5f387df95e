using System.Text.Json.Nodes;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Contacts;

/// <summary>
/// The "Change channels" batch action's body, <c>"channels": {"email": {"subscribed": false}, "sms": {"subscribed": true,
/// "frequencyNumber": 2, "frequencyTime": "week"}}</c>, as one contact edit. Unsubscribing adds a manual do-not-contact
/// entry for the channel and subscribing removes it, as Mautic's preference form does; a frequency number with a time
/// (day, week or month) stores the channel's frequency rule, and "frequencyNumber": null removes it.
/// </summary>
public static class ChannelChanges
{
    public const string UnsubscribedComment = "Unsubscribed in a batch action";

    public const string Invalid = "channels must be an object of channel names (lower-case letters, digits, _, - or ., starting with a letter, "
        + "at most 64 characters; case-sensitive), each with \"subscribed\" (true or false) and/or "
        + "\"frequencyNumber\" (a positive whole number, with \"frequencyTime\" day, week or month; null removes the rule).";

    public static ContactEdit? Read(JsonNode? node, DateTimeOffset at)
    {
        if (node is not JsonObject { Count: > 0 } channels)
            return null;
        var unsubscribe = new List<DoNotContact>();
        var subscribe = new List<string>();
        var rules = new List<FrequencyRule>();
        var removeRules = new List<string>();
        foreach (var (channel, value) in channels)
        {
            if (!DoNotContactEntry.IsChannelName(channel) || value is not JsonObject change || change.Count == 0)
                return null;
            if (change.TryGetPropertyValue("subscribed", out var subscribed))
            {
                if (subscribed is not JsonValue flag || !flag.TryGetValue<bool>(out var isSubscribed))
                    return null;
                if (isSubscribed)
                    subscribe.Add(channel);
                else
                    unsubscribe.Add(new DoNotContact(channel, DoNotContactReason.Manual, UnsubscribedComment, at));
            }
            if (change.ContainsKey("frequencyNumber"))
            {
                if (!TryFrequency(channel, change, rules, removeRules))
                    return null;
            }
            else if (!change.ContainsKey("subscribed"))
                return null;
        }
        return new ContactEdit
        {
            At = at,
            DoNotContact = unsubscribe,
            RemoveDoNotContact = subscribe,
            SetFrequencyRules = rules,
            RemoveFrequencyRules = removeRules,
        };
    }

    public const string InvalidRules = "frequencyRules must be an object of channel names (as in channels), each with \"frequencyNumber\" "
        + "(a positive whole number, with \"frequencyTime\" day, week or month; null removes the rule), as contact answers show them.";

    /// <summary>
    /// A contact body's <c>frequencyRules</c>, in the shape contact answers show them (an object keyed by channel, each
    /// with frequencyNumber and frequencyTime; the members this service keeps no value of, channel, preferredChannel and
    /// the pause dates, are read as shown), or the <c>[]</c> of none, which changes nothing; null when it is neither.
    /// </summary>
    public static (IReadOnlyList<FrequencyRule> Set, IReadOnlyList<string> Remove)? ReadRules(JsonNode? node)
    {
        if (node is null or JsonArray { Count: 0 })
            return ([], []);
        if (node is not JsonObject channels)
            return null;
        var rules = new List<FrequencyRule>();
        var removeRules = new List<string>();
        foreach (var (channel, value) in channels)
        {
            if (!DoNotContactEntry.IsChannelName(channel) || value is not JsonObject rule || !rule.ContainsKey("frequencyNumber")
                || (rule["channel"] is { } named && ContactPayload.Text(named) != channel)
                || rule.Any(member => member.Key is not ("channel" or "frequencyNumber" or "frequencyTime" or "preferredChannel" or "pauseFromDate" or "pauseToDate"))
                || !TryFrequency(channel, rule, rules, removeRules))
                return null;
        }
        return (rules, removeRules);
    }

    /// <summary>The channel's frequencyNumber and frequencyTime as a rule to set, or a null number as one to remove; false when invalid.</summary>
    private static bool TryFrequency(string channel, JsonObject change, List<FrequencyRule> rules, List<string> removeRules)
    {
        var number = change["frequencyNumber"];
        if (number is null)
            removeRules.Add(channel);
        else if (ContactPayload.TryInt(number, out var times) && times > 0
            && Enum.TryParse<FrequencyUnit>(ContactPayload.Text(change["frequencyTime"]), ignoreCase: true, out var unit)
            && Enum.IsDefined(unit))
            rules.Add(new FrequencyRule(channel, times.Value, unit));
        else
            return false;
        return true;
    }
}
