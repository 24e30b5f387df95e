namespace Actors.Interfaces.Identity;

/// <summary>One index key a write claims (see <see cref="UniqueIdentifier"/>) and the unique fields whose values make it up.</summary>
public sealed record IdentifierClaim(string Key, IReadOnlyList<string> Aliases);
