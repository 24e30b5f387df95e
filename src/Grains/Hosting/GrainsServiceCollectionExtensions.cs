using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using Actors.Grains.Imports;
using Actors.Grains.Notes;
using Actors.Grains.Storage.Contacts;
using Actors.Grains.Storage.Events;
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
    /// Adds the contact-tracking grains and what they stand on: the contacts table (contact state as a queryable
    /// row), the event log (the timeline, group-committed), and the per-silo id source, all in the database the
    /// "Storage" section of <paramref name="configuration"/> (the root configuration) chooses.
    /// </summary>
    public static IServiceCollection AddContactGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrains(typeof(GrainsAssembly).Assembly);
        services.AddEventLog(configuration);
        services.AddContactTable(configuration);
        services.AddRecordTable(configuration, CompanyTable.Definition);
        services.AddRecordTable(configuration, NoteTable.Definition);
        services.TryAddSingleton<IContactRowProjection, ContactStateProjection>();
        services.TryAddSingleton<ContactIdSource>();
        services.TryAddSingleton<ITimelineSink, EventLogTimelineSink>();
        services.TryAddSingleton<ContactWriter>();
        services.AddContactImports(configuration);
        return services;
    }
}
