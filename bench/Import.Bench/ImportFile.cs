using System.Globalization;
using System.Text;

namespace Actors.Bench.Import;

/// <summary>A CSV of new contacts (email, firstname, lastname, city), every email unique to the file's prefix.</summary>
internal sealed class ImportFile : IDisposable
{
    public const string Columns = "email,firstname,lastname,city";

    ImportFile(string path, int rows) => (Path, Rows) = (path, rows);

    public string Path { get; }

    public int Rows { get; }

    public static ImportFile Write(string prefix, int rows)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actors-import-bench-{prefix}-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.Write(Columns + "\n");
        for (var i = 0; i < rows; i++)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}@example.com,First{i},Last{i % 997},City{i % 101}\n"));
        return new ImportFile(path, rows);
    }

    public void Dispose() => File.Delete(Path);
}
