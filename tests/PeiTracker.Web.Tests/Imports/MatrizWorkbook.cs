using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Domain;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Tests.Imports;

/// <summary>A number shown with Excel's percentage format (stored as a fraction).</summary>
public sealed record Percent(decimal Fraction);

/// <summary>A cell holding an Excel error such as #DIV/0!.</summary>
public sealed record ExcelError(string Code);

/// <summary>A numeric cell whose stored text is written as given (1E+300, NaN...), as a damaged or hand-made file may hold.</summary>
public sealed record RawNumber(string Text);

/// <summary>A cell with a formula and the value Excel cached for it.</summary>
public sealed record Formula(string Expression, string? Cached);

/// <summary>
/// Builds .xlsx files in the Matriz del PEI layout the way Excel saves them (shared strings,
/// numeric cells), independently of the exporter, so import tests do not just mirror its quirks.
/// Rows are lists of cell values by column: string, decimal, int, <see cref="Percent"/>,
/// <see cref="ExcelError"/> or null (empty).
/// </summary>
public sealed class MatrizWorkbook
{
    private readonly SortedDictionary<int, IReadOnlyList<object?>> rows = [];

    public string SheetName { get; set; } = MatrizPeiLayout.WorksheetName;

    public static MatrizWorkbook For(IReadOnlyList<int> years)
    {
        var workbook = new MatrizWorkbook();
        workbook.Set(1, MatrizPeiLayout.Title);
        workbook.Set(6, "Datos al", "01/01/2025");
        workbook.Set(MatrizPeiLayout.HeaderRow, [.. MatrizPeiLayout.Headers(years)]);
        return workbook;
    }

    /// <summary>A header row, then one row per indicator with its current figures, from the row after the header.</summary>
    public static MatrizWorkbook WithIndicators(IReadOnlyList<int> years, IEnumerable<Indicator> indicators)
    {
        var workbook = For(years);
        var row = MatrizPeiLayout.HeaderRow;
        foreach (var indicator in indicators)
        {
            workbook.Set(++row, RowOf(indicator, years));
        }

        return workbook;
    }

    public static object?[] RowOf(Indicator indicator, IReadOnlyList<int> years) =>
    [
        indicator.Objective?.Code ?? indicator.Action?.Code ?? "OEI.01",
        null,
        indicator.PublishedCode,
        indicator.Name,
        indicator.BaselineYear,
        indicator.BaselineValue,
        .. years.Select(y => (object?)indicator.TargetFor(y)),
        indicator.Key,
    ];

    public int LastRow => rows.Count == 0 ? 0 : rows.Keys.Max();

    public MatrizWorkbook Set(int row, params object?[] values)
    {
        rows[row] = values;
        return this;
    }

    public MatrizWorkbook SetCell(int row, int column, object? value)
    {
        var values = rows.TryGetValue(row, out var existing) ? existing.ToList() : [];
        while (values.Count <= column)
        {
            values.Add(null);
        }

        values[column] = value;
        rows[row] = values;
        return this;
    }

    public object? Get(int row, int column) => rows.TryGetValue(row, out var values) && column < values.Count ? values[column] : null;

    public MatrizWorkbook Remove(int row)
    {
        rows.Remove(row);
        return this;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var strings = new List<string>();
            var sheetData = new SheetData();
            foreach (var (number, values) in rows)
            {
                var row = new Row { RowIndex = (uint)number };
                for (var column = 0; column < values.Count; column++)
                {
                    if (CellOf(values[column], strings) is { } cell)
                    {
                        cell.CellReference = MatrizPeiLayout.ColumnLetter(column) + number.ToString(CultureInfo.InvariantCulture);
                        row.Append(cell);
                    }
                }

                sheetData.Append(row);
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable =
                new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve }))) { Count = (uint)strings.Count, UniqueCount = (uint)strings.Count };
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) }));
        }

        return stream.ToArray();
    }

    private static Cell? CellOf(object? value, List<string> strings)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                var index = strings.IndexOf(text);
                if (index < 0)
                {
                    strings.Add(text);
                    index = strings.Count - 1;
                }

                return new Cell(new CellValue(index.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.SharedString };
            case Percent percent:
                return new Cell(new CellValue(percent.Fraction.ToString(CultureInfo.InvariantCulture))) { StyleIndex = 1 };
            case ExcelError error:
                return new Cell(new CellValue(error.Code)) { DataType = CellValues.Error };
            case RawNumber raw:
                return new Cell(new CellValue(raw.Text));
            case Formula formula:
                return new Cell { CellFormula = new CellFormula(formula.Expression), CellValue = formula.Cached is null ? null : new CellValue(formula.Cached) };
            case double number:
                return new Cell(new CellValue(number.ToString("R", CultureInfo.InvariantCulture)));
            case IFormattable number:
                return new Cell(new CellValue(number.ToString(null, CultureInfo.InvariantCulture)));
            default:
                throw new ArgumentException($"Unsupported cell value {value.GetType()}");
        }
    }
}
