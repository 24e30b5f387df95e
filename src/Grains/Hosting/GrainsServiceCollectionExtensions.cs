using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Grains.Notes;
using Actors.Grains.Storage.Contacts;
using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.KeyRing;
using Actors.Grains.Storage.Records;
using Actors.Grains.Timeline;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the contact-tracking grains and what they stand on: the <see cref="AddContactData">contact data</see>,
    /// the projection of contact state into the contacts table, the timeline written to the event log, the
    /// import jobs' row writer and resumption, and the start-up sweep of merges a crash left unfinished.
    /// </summary>
    public static IServiceCollection AddContactGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContactData(configuration);
        services.TryAddSingleton<IContactRowProjection, ContactStateProjection>();
        services.TryAddSingleton<ITimelineSink, EventLogTimelineSink>();
        services.AddContactImports(configuration);
        services.AddHostedService<UnfinishedMergeSweep>();
        return services;
    }

    /// <summary>
    /// Adds what a silo of the contact grains and a cluster client of them both need, in the database the "Storage"
    /// section of <paramref name="configuration"/> (the root configuration) chooses: the grain classes, which name
    /// the grain types; the tables the API reads directly, never through a grain (contacts with their list and export
    /// readers, companies and notes with theirs, the event log, the import file store with <see cref="ImportOptions"/>,
    /// the front ends' data protection <see cref="KeyRingTable">key ring</see>);
    /// and the contact writer, which takes ids from blocks of the allocator grain and claims identifiers through the
    /// index grains, with the <see cref="GoingFields"/> a write asks after it landed. The embedded Api and the cluster
    /// client both compose it, so an endpoint cannot find a service in one and not in the other.
    /// </summary>
    public static IServiceCollection AddContactData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrains(typeof(GrainsAssembly).Assembly);
        services.AddEventLog(configuration);
        services.AddContactTable(configuration);
        services.AddRecordTable(configuration, CompanyTable.Definition);
        services.AddRecordTable(configuration, NoteTable.Definition);
        services.AddImportUploads(configuration);
        services.AddKeyRingTable(configuration);
        services.TryAddSingleton<ContactIdSource>();
        services.TryAddSingleton<UtmIdSource>();
        services.TryAddSingleton<CompaniesByName>();
        services.TryAddSingleton<ContactWriter>();
        services.TryAddSingleton<GoingFields>();
        return services;
    }
}
