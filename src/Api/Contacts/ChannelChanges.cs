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
            if (change.TryGetPropertyValue("frequencyNumber", out var number))
            {
                if (number is null)
                    removeRules.Add(channel);
                else if (ContactPayload.TryInt(number, out var times) && times > 0
                    && Enum.TryParse<FrequencyUnit>(ContactPayload.Text(change["frequencyTime"]), ignoreCase: true, out var unit)
                    && Enum.IsDefined(unit))
                    rules.Add(new FrequencyRule(channel, times.Value, unit));
                else
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
}
