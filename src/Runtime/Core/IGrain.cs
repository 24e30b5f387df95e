namespace Actors.Runtime;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain;

/// <summary>Marker for grain interfaces whose grains are identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>Creates typed grain references. Building a reference does no I/O and activates nothing.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}
