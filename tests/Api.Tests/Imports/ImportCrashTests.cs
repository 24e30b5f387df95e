using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Testing;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// Killing the process (SIGKILL) in the middle of an import and starting it again: the import resumes from its
/// checkpoint by itself and ends with every row counted once and no contact made twice.
/// </summary>
public sealed class ImportCrashTests
{
    private const string AdminPassword = "crash-import-admin-password";
    private const int Rows = 3000;

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Api__AdminUser"] = "admin",
        ["Api__AdminPassword"] = AdminPassword,
        ["Import__BatchSize"] = "25",
    };

    [Fact]
    public async Task An_import_killed_mid_file_resumes_after_a_restart_without_counting_or_applying_a_row_twice()
    {
        var folder = Directory.CreateTempSubdirectory("actors-import-crash-").FullName;
        try
        {
            string importId;
            await using (var first = HostProcess.Start("Actors.Api.dll", Environment, workingDirectory: folder))
            {
                await first.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
                SignIn(first.Client);
                var csv = new StringBuilder("email,firstname\n");
                for (var i = 0; i < Rows; i++)
                    csv.Append($"person{i}@example.com,Person {i}\n");
                var (status, body) = await Upload(first.Client, csv.ToString());
                Assert.Equal(HttpStatusCode.Created, status);
                importId = (string)body["import"]!["id"]!;
                while ((int)(await Status(first.Client, importId))["insertedCount"]! < 100)
                    await Task.Delay(20);
                await first.KillAsync();
            }

            await using var second = HostProcess.Start("Actors.Api.dll", Environment, workingDirectory: folder);
            await second.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
            SignIn(second.Client);
            var before = await Status(second.Client, importId);
            Assert.InRange((int)before["insertedCount"]!, 100, Rows - 1);
            var import = await WaitUntilEnded(second.Client, importId, TimeSpan.FromMinutes(3));

            Assert.Equal("imported", (string)import["status"]!);
            Assert.Equal(Rows, (int)import["insertedCount"]!);
            Assert.Equal(0, (int)import["updatedCount"]!);
            Assert.Equal(0, (int)import["ignoredCount"]!);
            var list = JsonNode.Parse(await second.Client.GetStringAsync("/api/contacts?limit=1"))!;
            Assert.Equal(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)list["total"]!);
            Assert.Single((await ListContacts(second.Client, "email:person7@example.com")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void SignIn(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
}
