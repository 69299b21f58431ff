using System.Security.Cryptography;
using System.Text;

namespace PeiTracker.Web.Data;

/// <summary>
/// A personal API token for source systems. Only its SHA-256 hash is stored; the token itself is
/// shown once, when created. A token acts with its user's roles and units.
/// </summary>
public class ApiToken
{
    public const string Prefix = "pei_";

    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, so its owner can recognise it in the list.</summary>
    public required string Hint { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
