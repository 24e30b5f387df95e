using System.Globalization;

namespace Actors.Api.Contacts;

public static class ContactIds
{
    /// <summary>A contact id in a route: digits only, positive; anything else is a contact that cannot exist.</summary>
    public static bool TryParse(string text, out long id)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
