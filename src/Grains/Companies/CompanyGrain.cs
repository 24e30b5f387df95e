using System.Globalization;
using Actors.Grains.Persistence;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Identity;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

/// <summary>
/// One company and its field values. A write that changes the name claims the new one at the identifier index and frees
/// the one it replaced in its own turn, so between writes the company always holds its name: no other write of the
/// company, and no release of a rename that came before, can leave a moment in which another company takes it.
/// </summary>
internal sealed class CompanyGrain(
    [PersistentState("company", CompanyTable.Name)] IPersistentState<CompanyState> company) : Grain, ICompanyGrain
{
    private CompanyState State => company.State;

    public async Task<CompanyWritten?> Write(CompanyEdit edit)
    {
        if (State.Going)
            return null;
        var before = State.DateAdded is null ? null : Snapshot();
        var replaced = State.Fields.GetValueOrDefault(CompanyNames.Alias);
        var name = edit.Fields.TryGetValue(CompanyNames.Alias, out var named) ? named : edit.Replace ? null : replaced;
        var renamed = replaced is not null && (name is null || CompanyNames.Key(name) != CompanyNames.Key(replaced));
        // The name's owner may be a company claimed and not yet written, or another that took it: this write waits its turn.
        if (name is not null && (replaced is null || renamed) && await Index(name).Claim(Id) != Id)
            return new CompanyWritten(before, Snapshot(), NameTaken: true);
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
        if (renamed)
            await Index(replaced!).Release(Id);
        return new CompanyWritten(before, Snapshot());
    }

    public async Task<bool> HandOver(string name, long heir)
        => (State.DateAdded is null || State.Going) && await Index(name).Redirect(Id, heir) == heir;

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

    private long Id => long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);

    private IIdentifierIndexGrain Index(string name) => GrainFactory.GetGrain<IIdentifierIndexGrain>(CompanyNames.Key(name));

    private CompanySnapshot Snapshot() => StoredCompany.Snapshot(Id, State);
}
