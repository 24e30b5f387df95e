namespace Actors.Interfaces.Contacts;

/// <summary>What <see cref="IContactGrain.RecordHit"/> did.</summary>
public enum HitOutcome
{
    /// <summary>The hit is recorded.</summary>
    Recorded,

    /// <summary>Nothing was recorded: the contact is a tombstone or deleted.</summary>
    Gone,

    /// <summary>
    /// Nothing was recorded: the hit claims a unique value (one the index gave this contact) of a field the contact
    /// already shows another value of, which another hit recorded meanwhile; or one the contact let go meanwhile that
    /// another contact owns now. The value is someone else's.
    /// </summary>
    SomeoneElse,
}
