using System.Text.Json;
using Actors.Grains.Storage.Records;

namespace Actors.Grains.Companies;

/// <summary>The companies table: the company grain's state plus the columns the company list searches and orders by.</summary>
public static class CompanyTable
{
    public const string Name = "companies";

    public static readonly RecordTable Definition = new(Name,
    [
        new("companyname", RecordColumnType.Text, Indexed: true),
        new("companyemail", RecordColumnType.Text),
        new("companycity", RecordColumnType.Text),
        new("companycountry", RecordColumnType.Text),
        new("date_added", RecordColumnType.Timestamp),
        new("date_modified", RecordColumnType.Timestamp),
        new("fields", RecordColumnType.Text),
    ], Project);

    static object?[] Project(object state)
    {
        var company = (CompanyState)state;
        string? Field(string alias) => company.Fields.GetValueOrDefault(alias);
        return
        [
            Field("companyname"), Field("companyemail"), Field("companycity"), Field("companycountry"),
            company.DateAdded, company.DateModified, JsonSerializer.Serialize(company.Fields),
        ];
    }
}
