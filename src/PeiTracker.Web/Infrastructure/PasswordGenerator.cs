using System.Security.Cryptography;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Initial passwords for new accounts: random, readable aloud (no 0/O, 1/l/I) and always within
/// the password policy (upper case, lower case and a digit, well over 10 characters).
/// </summary>
public static class PasswordGenerator
{
    public const int Length = 14;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetString(Upper + Lower + Digits, Length).ToCharArray();
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
