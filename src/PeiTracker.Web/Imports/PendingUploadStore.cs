using System.Security.Cryptography;
using System.Text;

namespace PeiTracker.Web.Imports;

/// <summary>
/// Keeps an uploaded file between its preview and its confirmation without touching the database:
/// one file per upload in a private folder, named by a random token and a hash of the uploader's
/// id, so a token only opens the file for the person who uploaded it. Files older than
/// <see cref="Lifetime"/> are removed at the next upload.
/// </summary>
public sealed class PendingUploadStore(string folder, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "peitracker-imports");

    /// <summary>An uploaded file's name as the pages show it and the audit keeps it: no folders, at most 120 characters, the extension kept.</summary>
    public static string CleanFileName(string name, string fallback)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/')).Trim();
        var extension = Path.GetExtension(clean) is { Length: <= 10 } ext ? ext : "";
        return clean.Length == 0 ? fallback : clean.Length > 120 ? clean[..(120 - extension.Length)] + extension : clean;
    }

    public string Save(string userId, byte[] content)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        File.WriteAllBytes(PathOf(userId, token), content);
        return token;
    }

    /// <summary>The file saved under this token by this user, or null when it is unknown, someone else's or expired.</summary>
    public byte[]? Read(string userId, string? token)
    {
        if (PathOrNull(userId, token) is not { } path || !File.Exists(path))
        {
            return null;
        }

        if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(path) > Lifetime)
        {
            File.Delete(path);
            return null;
        }

        return File.ReadAllBytes(path);
    }

    public void Delete(string userId, string? token)
    {
        if (PathOrNull(userId, token) is { } path)
        {
            File.Delete(path);
        }
    }

    private string? PathOrNull(string userId, string? token) =>
        Guid.TryParseExact(token, "N", out var guid) ? PathOf(userId, guid.ToString("N")) : null;

    private string PathOf(string userId, string token) =>
        Path.Combine(folder, $"{token}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..16]}.xlsx");

    private void RemoveExpired()
    {
        var limit = clock.GetUtcNow() - Lifetime;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx"))
        {
            if (File.GetLastWriteTimeUtc(file) < limit)
            {
                File.Delete(file);
            }
        }
    }
}
