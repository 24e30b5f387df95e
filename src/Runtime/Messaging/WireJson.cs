using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Runtime.Messaging;

/// <summary>The JSON settings of every cluster message and of the grain arguments and results inside them.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        IncludeFields = true,
    };
}
