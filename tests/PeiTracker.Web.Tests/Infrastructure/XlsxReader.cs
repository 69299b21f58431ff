using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>One sheet of an exported workbook read back with OpenXML, cell by reference, as Excel would show it.</summary>
public sealed class XlsxReader
{
    private readonly Dictionary<string, Cell> cells;
    private readonly IReadOnlyList<CellFormat> formats;

    public XlsxReader(byte[] bytes, string? sheetName = null)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        SheetNames = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => sheetName is null || s.Name == sheetName);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        LastRow = (int)worksheet.Descendants<Row>().Max(r => r.RowIndex!.Value);
        LastColumn = cells.Keys.Max(k => Exports.MatrizPeiLayout.ColumnIndex(new string(k.TakeWhile(char.IsLetter).ToArray())));
        Frozen = worksheet.Descendants<Pane>().SingleOrDefault();
        Filter = worksheet.Descendants<AutoFilter>().SingleOrDefault()?.Reference?.Value;
        Formulas = worksheet.Descendants<CellFormula>().Count();
        Modified = document.PackageProperties.Modified;
    }

    public IReadOnlyList<string> SheetNames { get; }

    public int LastRow { get; }

    /// <summary>The 0-based index of the rightmost column with a cell.</summary>
    public int LastColumn { get; }

    public Pane? Frozen { get; }

    public string? Filter { get; }

    public int Formulas { get; }

    /// <summary>The document's "modified" property.</summary>
    public DateTime? Modified { get; }

    public IEnumerable<string> References => cells.Keys;

    public static string Reference(int row, int column) => Exports.XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public string Text(int row, int column) => Text(Reference(row, column));

    /// <summary>What the cell shows as text: an inline or shared string, or the raw number.</summary>
    public string Text(string reference) => cells.TryGetValue(reference, out var cell) ? cell.InnerText : "";

    public decimal? Number(int row, int column) => Number(Reference(row, column));

    /// <summary>The cell's number; fails when the cell holds text (a number stored as text is not a number).</summary>
    public decimal? Number(string reference)
    {
        if (!cells.TryGetValue(reference, out var cell) || cell.CellValue is null)
        {
            return null;
        }

        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{reference} is not a number");
        return decimal.Parse(cell.CellValue.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the cell's style has Excel's quote prefix: its text is shown as typed and never evaluated.</summary>
    public bool IsQuoted(string reference) =>
        cells.TryGetValue(reference, out var cell) && formats[(int)(cell.StyleIndex?.Value ?? 0)].QuotePrefix?.Value == true;

    public bool IsInlineText(string reference) => cells.TryGetValue(reference, out var cell) && cell.DataType?.Value == CellValues.InlineString;

    /// <summary>The reference of the first cell of column A whose text is the given one.</summary>
    public int RowOf(string textInColumnA) =>
        cells.Where(c => c.Key[0] == 'A' && char.IsDigit(c.Key[1]) && c.Value.InnerText == textInColumnA)
            .Select(c => int.Parse(c.Key[1..], CultureInfo.InvariantCulture)).Single();
}
