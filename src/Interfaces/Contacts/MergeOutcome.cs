namespace Actors.Interfaces.Contacts;

/// <summary>What <see cref="IContactGrain.Absorb"/> did.</summary>
public enum MergeOutcome
{
    /// <summary>The loser is merged into the winner (now or earlier).</summary>
    Merged,

    /// <summary>Nothing was merged: the winner is a tombstone or deleted, or the loser was deleted or merged into another contact.</summary>
    Refused,

    /// <summary>Nothing was merged and nothing is kept: one of the contacts is in another merge. Asking again later may merge them.</summary>
    Busy,

    /// <summary>
    /// The merge is recorded but waits for the loser's own merge to end; the winner finishes it on its own shortly, unless
    /// another merge takes the loser first: then the intent ends and nothing is merged into this winner.
    /// </summary>
    Pending,
}
