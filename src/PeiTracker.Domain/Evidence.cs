namespace PeiTracker.Domain;

/// <summary>A file that supports a reported value (medio de verificación): PDF, image, Word or Excel.</summary>
public class Evidence
{
    public int Id { get; set; }

    public int ValueId { get; set; }

    public IndicatorValue? Value { get; set; }

    /// <summary>The message of the value's conversation the file was attached to; null when it came with the value's form.</summary>
    public long? ThreadMessageId { get; set; }

    /// <summary>The name the file had on the uploader's computer, cleaned of any path.</summary>
    public required string FileName { get; set; }

    /// <summary>Content type decided from the file's bytes, not from its name.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hexadecimal.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
