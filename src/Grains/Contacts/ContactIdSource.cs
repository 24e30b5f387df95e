using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>A silo's local supply of contact ids, in blocks from the contacts allocator.</summary>
public sealed class ContactIdSource(IGrainFactory grainFactory) : IdBlockSource(grainFactory, IContactIdAllocatorGrain.Key);
