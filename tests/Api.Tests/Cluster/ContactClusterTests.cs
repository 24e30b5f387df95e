using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Users;
using Actors.Runtime.Membership;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// The product on a cluster: three silos running the contact grains on a real store, and the Api as a cluster
/// client sending each call to the owner silo.
/// </summary>
public abstract class ContactClusterTests(Func<TestStore> store)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    [Fact]
    public async Task Fifty_devices_spread_over_the_silos_identifying_at_once_with_one_new_email_end_as_one_contact()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store());
        var api = deployment.Api;
        var visitors = Enumerable.Range(0, 50).Select(_ => api.Visitor()).ToArray();
        var first = await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/{i}" })));

        var identified = await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/{i}/signup", ["email"] = "cluster-race@example.com" })));

        var devices = first.Select(r => (string)r["device_id"]!).ToList();
        Assert.True(devices.Select(d => deployment.Cluster.OwnerOf(new Runtime.GrainId("device", d))).Distinct().Count() == 3, "the devices should live on all three silos");
        var winner = Assert.Single(identified.Select(r => (long)r["id"]!).Distinct());
        var contact = await api.Grains.GetContact(winner).Get();
        Assert.Equal(devices.Order(), contact!.Devices.Order());
        Assert.Equal(100, (await api.Grains.GetContact(winner).Timeline()).Count(e => e.Type == "page.hit"));
    }

    [Fact]
    public async Task A_silo_killed_while_hits_flow_loses_no_acknowledged_hit_and_its_contacts_come_back_on_the_survivors()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store());
        var api = deployment.Api;
        var visitors = Enumerable.Range(0, 12).Select(_ => api.Visitor()).ToArray();
        var contacts = (await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/{i}", ["email"] = $"visitor{i}@example.com" }))))
            .Select(r => (long)r["id"]!).ToArray();
        var acknowledged = new ConcurrentDictionary<long, int>(contacts.ToDictionary(id => id, _ => 1));
        var attempted = new ConcurrentDictionary<long, int>(contacts.ToDictionary(id => id, _ => 1));
        var victim = deployment.Cluster.RunningSilos[1];
        var onVictim = contacts.Where(id => deployment.Cluster.OwnerOf(new Runtime.GrainId("contact", id.ToString(System.Globalization.CultureInfo.InvariantCulture))) == victim).ToList();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var hitting = visitors.Select((visitor, i) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                attempted.AddOrUpdate(contacts[i], 1, (_, c) => c + 1);
                var response = await Send(visitor, new() { ["page_url"] = $"https://shop.example/{i}/{n}" });
                if (response.StatusCode == HttpStatusCode.OK)
                    acknowledged.AddOrUpdate(contacts[i], 1, (_, c) => c + 1);
                else
                    await Task.Delay(50);
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await deployment.Cluster.KillSiloAsync(victim);
        await Task.WhenAll(hitting);
        await deployment.Cluster.WaitForLivenessToStabilizeAsync();

        Assert.NotEmpty(onVictim);
        Assert.Equal(SiloStatus.Dead, (await deployment.Cluster.MembershipTable.ReadAll()).Find(victim.Address)!.Entry.Status);
        foreach (var id in contacts)
        {
            var stored = (await api.Grains.GetContact(id).Timeline()).Count(e => e.Type == "page.hit");
            Assert.InRange(stored, acknowledged[id], attempted[id]);
        }
        foreach (var id in onVictim)
        {
            var contact = await api.Grains.GetContact(id).Get();
            Assert.Equal($"visitor{Array.IndexOf(contacts, id)}@example.com", contact!.Fields["email"]);
        }
    }

    [Fact]
    public async Task The_api_as_a_cluster_client_lists_the_page_hits_of_all_contacts_from_the_event_log()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store());
        var visitors = Enumerable.Range(0, 3).Select(_ => deployment.Api.Visitor()).ToArray();
        await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/activity/{i}" })));

        using var response = await deployment.Api.ApiClient().GetAsync("/api/contacts/activity?filters[includeEvents][]=page.hit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!);
    }

    [Fact]
    public async Task The_dashboard_of_the_api_as_a_cluster_client_lists_every_silo_and_a_killed_one_without_figures_never_failing()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store());
        var visitors = Enumerable.Range(0, 12).Select(_ => deployment.Api.Visitor()).ToArray();
        await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/dashboard/{i}" })));
        var operatorBrowser = Ui.UiSessionTests.Browser(deployment.Api);
        await Ui.UiSessionTests.SignInAsync(operatorBrowser);
        var silos = deployment.Cluster.RunningSilos.Select(s => s.Address.ToString()).Order().ToList();

        var dashboard = JsonNode.Parse(await operatorBrowser.GetStringAsync("/ui/api/dashboard"))!;
        // The silo of the signed-in user's grain, which every UI request reads: the hardest one to lose.
        var victim = deployment.Cluster.OwnerOf(new Runtime.GrainId("user", IUserGrain.KeyOf(ApiFactory.AdminUser)));
        await deployment.Cluster.KillSiloAsync(victim);
        var answers = new List<HttpStatusCode>();
        JsonNode? afterKill = null;
        for (var deadline = DateTime.UtcNow + deployment.Cluster.StabilizationTime() * 4; afterKill is null && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var answer = await operatorBrowser.GetAsync("/ui/api/dashboard");
            answers.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.OK)
                afterKill = JsonNode.Parse(await answer.Content.ReadAsStringAsync());
        }

        Assert.Equal(silos, dashboard["silos"]!.AsArray().Select(s => (string)s!["address"]!).Order());
        Assert.All(dashboard["silos"]!.AsArray(), silo =>
        {
            Assert.Equal("Active", (string?)silo!["status"]);
            Assert.True((long)silo["calls"]! > 0, $"{silo["address"]} counted no calls: {dashboard}");
            Assert.True((long)silo["activations"]! > 0);
        });
        Assert.Equal(3, (int)dashboard["totals"]!["silos"]!);
        var devices = dashboard["grainTypes"]!.AsArray().Single(t => (string?)t!["type"] == "device")!;
        Assert.Equal(12, (long)devices["activations"]!);
        Assert.Equal(silos, devices["bySilo"]!.AsObject().Select(s => s.Key).Order());
        // While the user's grain moves to a survivor the answer is "try again", never a server error.
        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.NotNull(afterKill);
        var killed = afterKill["silos"]!.AsArray().Single(s => (string?)s!["address"] == victim.Address.ToString())!;
        Assert.False((bool)killed["reporting"]!);
        Assert.Null(killed["calls"]);
    }

    [Fact]
    public async Task An_api_call_that_meets_a_silo_which_has_just_died_is_told_to_try_again_never_a_server_error()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store());
        var operatorApi = deployment.Api.ApiClient();
        Assert.Equal(HttpStatusCode.OK, (await operatorApi.GetAsync("/api/contacts")).StatusCode);
        // Every API call reads the signed-in user's grain first: losing its silo touches every request.
        var victim = deployment.Cluster.OwnerOf(new Runtime.GrainId("user", IUserGrain.KeyOf(ApiFactory.AdminUser)));
        await deployment.Cluster.KillSiloAsync(victim);

        var answers = new List<(HttpStatusCode Status, string? RetryAfter, string Body)>();
        for (var deadline = DateTime.UtcNow + deployment.Cluster.StabilizationTime() * 4; DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var answer = await operatorApi.GetAsync("/api/contacts");
            answers.Add((answer.StatusCode, answer.Headers.RetryAfter?.ToString(), await answer.Content.ReadAsStringAsync()));
            if (answer.StatusCode == HttpStatusCode.OK)
                break;
        }

        Assert.Equal(HttpStatusCode.OK, answers[^1].Status);
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), answer =>
        {
            Assert.Equal("5", answer.RetryAfter);
            Assert.Equal(503, (int)JsonNode.Parse(answer.Body)!["errors"]![0]!["code"]!);
        });
    }

    private static async Task<JsonNode> Event(HttpClient visitor, Dictionary<string, string> form)
    {
        var response = await Send(visitor, form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient visitor, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mtc/event") { Content = new FormUrlEncodedContent(form) };
        request.Headers.UserAgent.ParseAdd(Browser);
        return await visitor.SendAsync(request);
    }
}

public sealed class SqliteContactClusterTests() : ContactClusterTests(TestStore.Sqlite);

public sealed class PostgreSqlContactClusterTests() : ContactClusterTests(TestStore.PostgreSql);
