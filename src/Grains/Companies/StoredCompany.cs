using Actors.Interfaces.Companies;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

/// <summary>Reads a company's stored payload (a row of the companies table) the way its grain would, so the list answers from the read model alone.</summary>
public static class StoredCompany
{
    public static CompanySnapshot ToSnapshot(long id, byte[] payload) => Snapshot(id, GrainStateSerializer.Deserialize<CompanyState>(payload));

    internal static CompanySnapshot Snapshot(long id, CompanyState state) => new()
    {
        Id = id,
        Fields = new Dictionary<string, string?>(state.Fields),
        DateAdded = state.DateAdded ?? DateTimeOffset.MinValue,
        DateModified = state.DateModified ?? state.DateAdded ?? DateTimeOffset.MinValue,
    };
}
