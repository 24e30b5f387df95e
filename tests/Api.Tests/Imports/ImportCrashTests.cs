using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Testing;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// Killing the process (SIGKILL) in the middle of an import and starting it again: the import resumes from its
/// checkpoint by itself and ends with every row counted once and no contact made twice, and a stop during the replay
/// counts the rows applied before the kill.
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
            var importId = await ImportUntilKilled(Environment, folder, Rows,
                async (client, id) => (int)(await Status(client, id))["insertedCount"]! >= 100);

            await using var second = await StartSignedIn(Environment, folder);
            var before = await Status(second.Client, importId);
            Assert.InRange((int)before["insertedCount"]!, 100, Rows - 1);
            var import = await WaitUntilEnded(second.Client, importId, TimeSpan.FromMinutes(3));

            Assert.Equal("imported", (string)import["status"]!);
            Assert.Equal(Rows, (int)import["insertedCount"]!);
            Assert.Equal(0, (int)import["updatedCount"]!);
            Assert.Equal(0, (int)import["ignoredCount"]!);
            Assert.Equal(Rows, await ContactTotal(second.Client));
            Assert.Single((await ListContacts(second.Client, "email:person7@example.com")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_import_stopped_while_it_replays_the_batch_a_kill_cut_short_counts_the_rows_applied_before_the_kill()
    {
        // One batch of the whole file: the kill cuts it short with thousands of rows applied and none counted. The replay
        // then writes a row at a time, so the stop comes while it is still far from them: most of them are rows the
        // replay never starts, and the stopped import must count them all the same.
        const int rows = 8000, appliedBeforeKill = 3000;
        var environment = new Dictionary<string, string>(Environment) { ["Import__BatchSize"] = $"{rows}" };
        var folder = Directory.CreateTempSubdirectory("actors-import-crash-").FullName;
        try
        {
            var importId = await ImportUntilKilled(environment, folder, rows,
                async (client, _) => await ContactTotal(client) >= appliedBeforeKill);

            environment["Import__ConcurrentRows"] = "1";
            await using var second = await StartSignedIn(environment, folder);
            using var stop = await second.Client.PostAsync($"/api/contacts/import/{importId}/stop", null);
            var stopped = JsonNode.Parse(await stop.Content.ReadAsStringAsync())!["import"]!;

            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            Assert.Equal("stopped", (string)stopped["status"]!);
            Assert.InRange((int)stopped["insertedCount"]!, appliedBeforeKill, rows - 1);
            Assert.Equal(await ContactTotal(second.Client), (int)stopped["insertedCount"]!);
            Assert.Equal(0, (int)stopped["updatedCount"]!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the Api, uploads a file of people and kills the process once <paramref name="killWhen"/> holds; answers the import's id.</summary>
    private static async Task<string> ImportUntilKilled(Dictionary<string, string> environment, string folder, int rows,
        Func<HttpClient, string, Task<bool>> killWhen)
    {
        await using var first = await StartSignedIn(environment, folder);
        var (status, body) = await Upload(first.Client, People(rows));
        Assert.Equal(HttpStatusCode.Created, status);
        var importId = (string)body["import"]!["id"]!;
        while (!await killWhen(first.Client, importId))
            await Task.Delay(20);
        await first.KillAsync();
        return importId;
    }

    private static async Task<HostProcess> StartSignedIn(Dictionary<string, string> environment, string folder)
    {
        var host = HostProcess.Start("Actors.Api.dll", environment, workingDirectory: folder);
        try
        {
            await host.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        SignIn(host.Client);
        return host;
    }

    private static async Task<int> ContactTotal(HttpClient client)
        => int.Parse((string)JsonNode.Parse(await client.GetStringAsync("/api/contacts?limit=1"))!["total"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static void SignIn(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
}
