using Actors.Interfaces.Devices;

namespace Actors.Api.Contacts;

/// <summary>How contacts are recognised (configuration section "Contacts").</summary>
public sealed class ContactOptions
{
    public const string SectionName = "Contacts";

    /// <summary>
    /// How several unique-identifier fields combine when a hit, an API call or an import carries more than one:
    /// Or (default, as Mautic): any one of them identifies the contact; And: only all of them together do.
    /// </summary>
    public UniqueIdentifiersOperator UniqueIdentifiersOperator { get; set; } = UniqueIdentifiersOperator.Or;
}
