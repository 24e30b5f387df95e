using System.Text.Json.Serialization;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Tags;

namespace Actors.Grains.Contacts;

internal sealed partial class ContactState
{
    /// <summary>The collections to change; each is made here, on first use, and never by reading it.</summary>
    [JsonIgnore]
    public WritableCollections Writable => new(this);

    /// <summary>A view, not a copy: it allocates nothing and changes the state it was taken from.</summary>
    public readonly struct WritableCollections(ContactState state)
    {
        public Dictionary<string, string?> Fields => state._fields ??= [];
        public Dictionary<string, DateTimeOffset> FieldModifiedAt => state._fieldModifiedAt ??= [];
        public HashSet<string> Tags => state._tags ??= new(Tag.NameComparer);
        public HashSet<string> Ips => state._ips ??= [];
        public HashSet<string> Devices => state._devices ??= [];
        public HashSet<string> Identifiers => state._identifiers ??= [];
        public List<UtmRecord> Utm => state._utm ??= [];
        public List<DoNotContact> DoNotContact => state._doNotContact ??= [];
        public HashSet<long> Segments => state._segments ??= [];
        public Dictionary<long, DateTimeOffset> SegmentsJoined => state._segmentsJoined ??= [];
        public HashSet<long> Categories => state._categories ??= [];
        public Dictionary<string, FrequencyRule> FrequencyRules => state._frequencyRules ??= [];
        public List<CompanyLink> Companies => state._companies ??= [];
        public Dictionary<long, DateTimeOffset> Campaigns => state._campaigns ??= [];
        public HashSet<long> Notes => state._notes ??= [];
        public HashSet<long> Absorbed => state._absorbed ??= [];
        public Dictionary<string, ImportedRows> Imports => state._imports ??= [];
    }
}
