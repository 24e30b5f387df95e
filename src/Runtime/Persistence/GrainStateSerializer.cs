using System.Text.Json;

namespace Actors.Runtime.Persistence;

/// <summary>
/// The one payload format every storage provider writes: UTF-8 JSON. Keeping it in one place means a
/// record written by one provider can be copied to another, and a read model can parse it.
/// </summary>
public static class GrainStateSerializer
{
    // Web defaults (camelCase, case-insensitive reads) so payloads look like the API's own JSON.
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads a payload; a JSON null yields a fresh state so grains never see a null State.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> payload) where T : new() =>
        JsonSerializer.Deserialize<T>(payload, Options) ?? new T();
}
