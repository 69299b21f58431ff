using System.IO.Compression;

namespace PeiTracker.Domain.Entry;

/// <summary>What an uploaded evidence file really is, judged by its bytes.</summary>
public sealed record EvidenceCheck(bool Accepted, string? ContentType, string? Error, string SafeFileName);

/// <summary>
/// Accepts PDF, PNG, JPEG, Word and Excel files up to a size limit. The type comes from the
/// content (magic numbers, and the parts inside an Office zip), and must agree with the extension:
/// a script renamed "informe.pdf" is refused.
/// </summary>
public static class EvidenceRules
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
    };

    public static string AllowedList => "PDF, PNG, JPG, Word (.docx, .doc) o Excel (.xlsx, .xls)";

    public static EvidenceCheck Check(string? fileName, byte[] content, long maxBytes = DefaultMaxBytes)
    {
        var safeName = SafeFileName(fileName);
        if (content.Length == 0)
        {
            return new EvidenceCheck(false, null, "El archivo está vacío.", safeName);
        }

        if (content.LongLength > maxBytes)
        {
            return new EvidenceCheck(false, null, $"El archivo supera el límite de {maxBytes / (1024 * 1024)} MB.", safeName);
        }

        var extension = Path.GetExtension(safeName);
        if (!ContentTypes.TryGetValue(extension, out var expectedType))
        {
            return new EvidenceCheck(false, null, $"Tipo de archivo no admitido. Se aceptan {AllowedList}.", safeName);
        }

        var detected = Detect(content);
        if (detected == "ole" && extension.ToLowerInvariant() is ".doc" or ".xls")
        {
            detected = expectedType;
        }

        if (detected != expectedType)
        {
            return new EvidenceCheck(false, null, $"El contenido del archivo no corresponde a su extensión {extension}. Se aceptan {AllowedList}.", safeName);
        }

        return new EvidenceCheck(true, detected, null, safeName);
    }

    /// <summary>Keeps only the last path segment and harmless characters, so a name can never point elsewhere.</summary>
    public static string SafeFileName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*')).ToArray()).Trim().TrimStart('.');
        if (cleaned.Length == 0)
        {
            cleaned = "evidencia";
        }

        return cleaned.Length <= 120 ? cleaned : cleaned[..(120 - Path.GetExtension(cleaned).Length)] + Path.GetExtension(cleaned);
    }

    private static string? Detect(byte[] content)
    {
        ReadOnlySpan<byte> head = content.AsSpan(0, Math.Min(content.Length, 8));
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return "image/jpeg";
        }

        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            // An OLE compound file holds both old Word and old Excel; the extension decides between them.
            return "ole";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return DetectOffice(content);
        }

        return null;
    }

    private static string? DetectOffice(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            if (zip.GetEntry("word/document.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }

            if (zip.GetEntry("xl/workbook.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
        }
        catch (InvalidDataException)
        {
        }

        return null;
    }
}
