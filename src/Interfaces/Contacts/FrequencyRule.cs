namespace Actors.Interfaces.Contacts;

/// <summary>
/// How often a contact may be messaged on one channel (Mautic's lead_frequencyrules): at most
/// <see cref="Number"/> messages per <see cref="Unit"/>.
/// </summary>
public sealed record FrequencyRule(string Channel, int Number, FrequencyUnit Unit);

public enum FrequencyUnit
{
    Day,
    Week,
    Month,
}
