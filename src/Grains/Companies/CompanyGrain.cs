using System.Globalization;
using Actors.Grains.Persistence;
using Actors.Interfaces.Companies;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

/// <summary>One company and its field values. Who owns its name is the identifier index's business, not the company's.</summary>
internal sealed class CompanyGrain(
    [PersistentState("company", CompanyTable.Name)] IPersistentState<CompanyState> company) : Grain, ICompanyGrain
{
    private CompanyState State => company.State;

    public async Task<CompanyWritten?> Write(CompanyEdit edit)
    {
        if (State.Going)
            return null;
        var before = State.DateAdded is null ? null : Snapshot();
        if (edit.Replace)
            State.Fields.Clear();
        foreach (var (alias, value) in edit.Fields)
        {
            if (value is null)
                State.Fields.Remove(alias);
            else
                State.Fields[alias] = value;
        }
        State.DateAdded ??= edit.At;
        State.DateModified = State.DateModified > edit.At ? State.DateModified : edit.At;
        await company.WriteOrReloadAsync();
        return new CompanyWritten(before, Snapshot());
    }

    public Task<CompanySnapshot?> Get() => Task.FromResult(State.DateAdded is null || State.Going ? null : Snapshot());

    public async Task<CompanySnapshot?> BeginDelete()
    {
        if (State.DateAdded is null)
            return null;
        if (!State.Going)
        {
            State.Going = true;
            await company.WriteOrReloadAsync();
        }
        return Snapshot();
    }

    public async Task<CompanySnapshot?> Delete()
    {
        if (State.DateAdded is null)
            return null;
        var deleted = Snapshot();
        // Cleared, not written empty: the row keeps its version and leaves the list.
        await company.ClearStateAsync();
        return deleted;
    }

    private CompanySnapshot Snapshot() => StoredCompany.Snapshot(long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture), State);
}
