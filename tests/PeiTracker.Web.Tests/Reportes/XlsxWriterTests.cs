using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>The one xlsx writer, read back as Excel reads it.</summary>
public class XlsxWriterTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 5, 4, 17, 45, 12, TimeSpan.Zero);

    private static byte[] Workbook()
    {
        var xlsx = new XlsxWriter("Libro de prueba");
        var sheet = xlsx.AddSheet("Hoja", 10, 20);
        sheet.Row(("Título", XlsxStyle.Title));
        sheet.Row(("Texto", XlsxStyle.Header), ("Cifra", XlsxStyle.Header));
        sheet.Header(2, filter: true);
        sheet.Row(("=1+1", XlsxStyle.TableText), (-5m, XlsxStyle.TableNumber));
        sheet.Row(("-5", XlsxStyle.TableText), (0.5560m, XlsxStyle.OneDecimal));
        sheet.Row(("@SUMA(A1:A2)", XlsxStyle.Wrapped), (null, XlsxStyle.TableNumber));
        sheet.Row(("con\u0001control", XlsxStyle.Text), (2025, XlsxStyle.Integer));
        sheet.Row((new string('x', 40_000), XlsxStyle.Text));
        return xlsx.Build(AsOf);
    }

    [Fact]
    public void Build_Cells_ReadBackAsTextNumbersAndNeutralisedFormulas()
    {
        var sheet = new XlsxReader(Workbook());

        Assert.Equal(("=1+1", true, true), (sheet.Text("A3"), sheet.IsInlineText("A3"), sheet.IsQuoted("A3")));
        Assert.Equal(("@SUMA(A1:A2)", true), (sheet.Text("A5"), sheet.IsQuoted("A5")));
        Assert.Equal(("-5", false), (sheet.Text("A4"), sheet.IsQuoted("A4")));
        Assert.Equal(-5m, sheet.Number("B3"));
        Assert.Equal("0.556", sheet.Text("B4"));
        Assert.Null(sheet.Number("B5"));
        Assert.Equal("concontrol", sheet.Text("A6"));
        Assert.Equal(2025m, sheet.Number("B6"));
        Assert.Equal(32_767, sheet.Text("A7").Length);
        Assert.Equal(0, sheet.Formulas);
        Assert.Equal(2u, (uint)sheet.Frozen!.VerticalSplit!.Value);
        Assert.Equal("A2:B7", sheet.Filter);
    }

    [Theory]
    [InlineData("corto", 10, 1)]
    [InlineData("dos palabras", 10, 2)]
    [InlineData("dos palabras", 7, 3)]
    [InlineData("una frase que no cabe en una línea", 12, 4)]
    [InlineData("Avance Tipo I I semestre 2025 frente al LE anual (CEPLAN) (%)", 11, 8)]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxx", 11, 3)]
    [InlineData("primera\nsegunda", 40, 2)]
    public void Lines_WrappedText_CountsTheLinesItTakesInTheColumn(string text, double width, int lines)
    {
        Assert.Equal(lines, XlsxSheet.Lines(text, width));
    }

    [Fact]
    public void Build_Rows_AreAsTallAsTheirWrappedTextAndPrintLandscapeAcrossOnePageWide()
    {
        var xlsx = new XlsxWriter("Libro de prueba", "Plan de prueba");
        var sheet = xlsx.AddSheet("Hoja", 10, 20);
        sheet.Row(("Título", XlsxStyle.Title));
        sheet.Row(("Texto", XlsxStyle.Header), ("Cifra", XlsxStyle.Header));
        sheet.Header(2, filter: false);
        sheet.Row(("una frase que no cabe en una línea", XlsxStyle.Wrapped), (1m, XlsxStyle.Integer));
        sheet.Row(("una frase que no cabe en una línea", XlsxStyle.Text));

        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx.Build(AsOf)), false);
        var worksheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var heights = worksheet.Descendants<Row>().Select(r => (r.Height!.Value, r.CustomHeight!.Value)).ToList();
        Assert.Equal([(20d, true), (15d, true), (63d, true), (15d, true)], heights);
        var setup = worksheet.Descendants<PageSetup>().Single();
        Assert.Equal((OrientationValues.Landscape, 1u, 0u), (setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.Equal("&L&8Plan de prueba · Datos al 04/05/2026&R&8Página &P de &N", worksheet.Descendants<OddFooter>().Single().Text);
        Assert.Equal("&L&8Libro de prueba", worksheet.Descendants<OddHeader>().Single().Text);
        var names = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(n => n.Name!.Value!, n => n.Text);
        Assert.Equal("'Hoja'!$2:$2", names["_xlnm.Print_Titles"]);
        Assert.Equal("'Hoja'!$A$1:$B$4", names["_xlnm.Print_Area"]);
    }

    [Fact]
    public void Build_EveryStyle_HasAPlainFormatAndAQuotedTwin()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Workbook()), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();

        Assert.Equal(Enum.GetValues<XlsxStyle>().Length * 2, formats.Count);
        Assert.All(Enum.GetValues<XlsxStyle>(), style =>
        {
            Assert.NotEqual(true, formats[(int)XlsxWriter.StyleIndex(style, quoted: false)].QuotePrefix?.Value);
            Assert.True(formats[(int)XlsxWriter.StyleIndex(style, quoted: true)].QuotePrefix?.Value);
        });
    }

    [Fact]
    public void Build_Package_IsStampedWithTheCutOffAndNotCompressed()
    {
        var bytes = Workbook();

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal("[Content_Types].xml", zip.Entries[0].FullName);
        Assert.All(zip.Entries, e => Assert.Equal((new DateTime(2026, 5, 4), e.Length), (e.LastWriteTime.DateTime, e.CompressedLength)));
        Assert.Equal(AsOf.UtcDateTime, new XlsxReader(bytes).Modified!.Value.ToUniversalTime());
        Assert.Equal(bytes, Workbook());
    }
}
