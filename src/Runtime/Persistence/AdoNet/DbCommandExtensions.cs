using System.Data.Common;

namespace Actors.Runtime.Persistence.AdoNet;

public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter the same way for every ADO.NET provider; null becomes SQL NULL.</summary>
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
