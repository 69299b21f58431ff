using System.IO.Compression;
using System.Text;
using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain.Tests.Entry;

public class EvidenceRulesTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

    private const string Allowed = "Se aceptan PDF, PNG, JPG, Word (.docx, .doc) o Excel (.xlsx, .xls).";

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => Pdf,
        "png" => Png,
        "jpeg" => Jpeg,
        "ole" => Ole,
        "docx" => Zip("[Content_Types].xml", "word/document.xml"),
        "xlsx" => Zip("[Content_Types].xml", "xl/workbook.xml"),
        "xlsx-without-content-types" => Zip("xl/workbook.xml"),
        "broken-zip" => [.. "PK\u0003\u0004"u8, 0x01, 0x02, 0x03],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Zip(params string[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void Check_RealPdf_IsAcceptedAsPdf()
    {
        var check = EvidenceRules.Check("informe.pdf", Pdf);

        Assert.True(check.Accepted, check.Error);
        Assert.Equal("application/pdf", check.ContentType);
    }

    [Fact]
    public void Check_RealXlsx_IsAccepted()
    {
        Assert.True(EvidenceRules.Check("datos.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml")).Accepted);
    }

    [Theory]
    [InlineData("informe.pdf", "pdf", "application/pdf")]
    [InlineData("foto.png", "png", "image/png")]
    [InlineData("foto.jpg", "jpeg", "image/jpeg")]
    [InlineData("FOTO.JPEG", "jpeg", "image/jpeg")]
    [InlineData("acta.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("datos.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("acta.doc", "ole", "application/msword")]
    [InlineData("datos.XLS", "ole", "application/vnd.ms-excel")]
    public void Check_EachAllowedKind_IsAcceptedWithTheTypeOfItsContent(string name, string kind, string contentType)
    {
        var check = EvidenceRules.Check(name, Sample(kind));

        Assert.Equal((true, contentType, (string?)null, name), (check.Accepted, check.ContentType, check.Error, check.SafeFileName));
    }

    [Theory]
    [InlineData("acta.doc", "pdf")]
    [InlineData("datos.xls", "png")]
    [InlineData("acta.docx", "ole")]
    [InlineData("informe.pdf", "ole")]
    [InlineData("acta.docx", "xlsx")]
    [InlineData("datos.xlsx", "xlsx-without-content-types")]
    [InlineData("datos.xlsx", "broken-zip")]
    [InlineData("foto.png", "jpeg")]
    public void Check_ContentOfAnotherKind_IsRefusedNamingTheExtension(string name, string kind)
    {
        var check = EvidenceRules.Check(name, Sample(kind));

        Assert.Equal((false, (string?)null), (check.Accepted, check.ContentType));
        Assert.Equal($"El contenido del archivo no corresponde a su extensión {Path.GetExtension(name)}. {Allowed}", check.Error);
    }

    [Fact]
    public void Check_ScriptRenamedPdf_IsRefused()
    {
        var check = EvidenceRules.Check("informe.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>"));

        Assert.False(check.Accepted);
        Assert.Contains("no corresponde a su extensión", check.Error);
    }

    [Fact]
    public void Check_PngNamedDocx_IsRefused()
    {
        Assert.False(EvidenceRules.Check("acta.docx", Png).Accepted);
    }

    [Fact]
    public void Check_ZipThatIsNotOffice_NamedXlsx_IsRefused()
    {
        Assert.False(EvidenceRules.Check("datos.xlsx", Zip("readme.txt")).Accepted);
    }

    [Fact]
    public void Check_Executable_IsRefusedByExtension()
    {
        var check = EvidenceRules.Check("programa.exe", [0x4D, 0x5A, 0x90, 0x00]);

        Assert.False(check.Accepted);
        Assert.Equal($"Tipo de archivo no admitido. {Allowed}", check.Error);
    }

    [Fact]
    public void Check_OverTheLimit_IsRefused()
    {
        var big = new byte[1025];
        Pdf.CopyTo(big, 0);

        var check = EvidenceRules.Check("grande.pdf", big, maxBytes: 1024);

        Assert.False(check.Accepted);
        Assert.Contains("límite", check.Error);
    }

    [Theory]
    [InlineData(2 * 1024 * 1024, true)]
    [InlineData(2 * 1024 * 1024 + 1, false)]
    public void Check_SizeLimit_IsInclusiveAndStatedInMegabytes(int size, bool accepted)
    {
        var content = new byte[size];
        Pdf.CopyTo(content, 0);

        var check = EvidenceRules.Check("informe.pdf", content, maxBytes: 2 * 1024 * 1024);

        Assert.Equal((accepted, accepted ? null : "El archivo supera el límite de 2 MB."), (check.Accepted, check.Error));
    }

    [Fact]
    public void Check_Empty_IsRefused()
    {
        var check = EvidenceRules.Check("vacio.pdf", []);

        Assert.Equal((false, "El archivo está vacío."), (check.Accepted, check.Error));
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\ana\\informe final.pdf", "informe final.pdf")]
    [InlineData("..\\..\\web.config.pdf", "web.config.pdf")]
    [InlineData("<b>x</b>.pdf", "b.pdf")]
    [InlineData("", "evidencia")]
    [InlineData(null, "evidencia")]
    [InlineData("  ..informe.pdf ", "informe.pdf")]
    [InlineData("a|b?c*d:e\"f.pdf", "abcdef.pdf")]
    public void SafeFileName_PathTricks_AreStripped(string? input, string expected)
    {
        Assert.Equal(expected, EvidenceRules.SafeFileName(input));
    }

    [Theory]
    [InlineData(120, 120)]
    [InlineData(121, 120)]
    [InlineData(300, 120)]
    public void SafeFileName_LongName_IsCutKeepingTheExtension(int length, int expectedLength)
    {
        var name = new string('a', length - 4) + ".pdf";

        var safe = EvidenceRules.SafeFileName(name);

        Assert.Equal(new string('a', expectedLength - 4) + ".pdf", safe);
    }
}
