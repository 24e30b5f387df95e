using Actors.Silo.Health;
using Actors.Silo.Hosting;

// A silo process of a cluster. Configuration comes from environment variables (Storage__Provider=PostgreSql)
// and the command line (--Storage:ConnectionString=...); every setting has a default in its options class.
return await StartupGuard.RunAsync(args,
    builder =>
    {
        builder.WebHost.UseUrlsUnlessConfigured(SiloUrls.Default);
        builder.Services.AddContactSilo(builder.Configuration);
        builder.Services.AddConnectionLimit(builder.Configuration);
        builder.Services.OmitServerHeader();
        if (ClusterHosting.IsClusterMemberConfigured(builder.Configuration))
            builder.AddClusterMember();
    },
    app =>
    {
        app.MapHealthEndpoints();
        app.MapClusterMessagingIfMember();
    });

/// <summary>
/// Kept internal on purpose: the Web SDK would otherwise make this Program public, and the Api, which references
/// this project, has a public Program of its own that its tests name in WebApplicationFactory&lt;Program&gt;.
/// </summary>
internal partial class Program;
