using Actors.Grains.Fields;
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

    public const int DefaultMaxFieldLength = 255;
    public const int DefaultMaxTextareaLength = 65535;
    public const int DefaultBatchLimit = 200;
    public const int DefaultMaxBodyLength = 1 << 20;

    /// <summary>
    /// The longest value, in characters (code points, as MySQL counts them), that a contact field other than a textarea
    /// takes (default 255, Mautic's VARCHAR width): longer answers 400 in the API, ignores an import row, and is cut to
    /// this length in a tracking hit (the hit's company name too; its other company fields are left out instead).
    /// </summary>
    public int MaxFieldLength { get; set; } = DefaultMaxFieldLength;

    /// <summary>
    /// The longest value, in characters, of a textarea field (default 65535: Mautic makes a textarea a TEXT column, 64 KB).
    /// A unique textarea keeps <see cref="MaxFieldLength"/>: its values are keys of the identifier index.
    /// </summary>
    public int MaxTextareaLength { get; set; } = DefaultMaxTextareaLength;

    /// <summary>The two limits above, as the field value rules take them.</summary>
    public FieldValueLimits FieldLimits => new(MaxFieldLength, MaxTextareaLength);

    /// <summary>The most items one batch request may carry (default 200, Mautic's api_batch_max_limit); more answers 400.</summary>
    public int BatchLimit { get; set; } = DefaultBatchLimit;

    /// <summary>The longest request body, in characters, the contact write endpoints read (default 1 MiB); longer answers 413.</summary>
    public int MaxBodyLength { get; set; } = DefaultMaxBodyLength;
}
