using System.IO.Compression;
using System.Text;
using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain.Tests.Entry;

public class EvidenceRulesTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

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
        Assert.Contains("Tipo de archivo no admitido", check.Error);
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

    [Fact]
    public void Check_Empty_IsRefused()
    {
        Assert.False(EvidenceRules.Check("vacio.pdf", []).Accepted);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\ana\\informe final.pdf", "informe final.pdf")]
    [InlineData("..\\..\\web.config.pdf", "web.config.pdf")]
    [InlineData("<b>x</b>.pdf", "b.pdf")]
    [InlineData("", "evidencia")]
    public void SafeFileName_PathTricks_AreStripped(string input, string expected)
    {
        Assert.Equal(expected, EvidenceRules.SafeFileName(input));
    }
}
