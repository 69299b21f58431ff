using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PeiTracker.Web.Exports;

/// <summary>The cell styles every export uses (indexes into the stylesheet below).</summary>
public enum XlsxStyle : uint
{
    Text = 0,
    Bold = 1,
    Header = 2,
    Integer = 3,
    OneDecimal = 4,
    TwoDecimals = 5,
    ThreeDecimals = 6,
    Title = 7,
    QuotedText = 8,
    Wrapped = 9,
}

/// <summary>
/// A small, deterministic .xlsx writer on DocumentFormat.OpenXml: inline strings, fixed styles,
/// fixed document properties and fixed zip timestamps, so the same data give the same bytes.
/// Text that Excel could read as a formula (=, +, -, @ first) is written with a quote prefix.
/// </summary>
public sealed partial class XlsxWriter
{
    private static readonly DateTime FixedZipTime = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Local);
    private readonly List<(string Name, List<Row> Rows, int? FreezeRow, string? Filter, double[] Widths)> sheets = [];

    public SheetBuilder AddSheet(string name, params double[] widths)
    {
        var rows = new List<Row>();
        var builder = new SheetBuilder(rows);
        sheets.Add((name, rows, null, null, widths));
        return builder;
    }

    public void Freeze(string sheet, int headerRow, string? filterRange)
    {
        var index = sheets.FindIndex(s => s.Name == sheet);
        sheets[index] = sheets[index] with { FreezeRow = headerRow, Filter = filterRange };
    }

    public byte[] Build(string title, DateTimeOffset dataAsOf)
    {
        using var raw = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(raw, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "PeiTracker";
            document.PackageProperties.LastModifiedBy = "PeiTracker";
            document.PackageProperties.Created = dataAsOf.UtcDateTime;
            document.PackageProperties.Modified = dataAsOf.UtcDateTime;
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            stylesPart.Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var definedNames = new DefinedNames();
            uint sheetId = 1;
            foreach (var (name, rows, freezeRow, filter, widths) in sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>($"rIdSheet{sheetId}");
                var worksheet = new Worksheet();
                if (freezeRow is { } frozen)
                {
                    worksheet.Append(new SheetViews(new SheetView(
                        new Pane { VerticalSplit = frozen, TopLeftCell = $"A{frozen + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                    { WorkbookViewId = 0 }));
                }

                if (widths.Length > 0)
                {
                    worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
                }

                worksheet.Append(new SheetData(rows));
                if (filter is not null)
                {
                    worksheet.Append(new AutoFilter { Reference = filter });
                    definedNames.Append(new DefinedName($"'{name}'!{Absolute(filter)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = sheetId - 1, Hidden = true });
                }

                worksheetPart.Worksheet = worksheet;
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId, Name = name });
                sheetId++;
            }

            if (definedNames.HasChildren)
            {
                workbookPart.Workbook.Append(definedNames);
            }
        }

        return NormaliseZip(raw.ToArray());
    }

    /// <summary>
    /// Rewrites the package so it depends on nothing but the data: fixed entry timestamps (the
    /// packaging API stamps the current time), the core properties at docProps/core.xml instead of a
    /// random name, and fixed relationship ids instead of random ones.
    /// </summary>
    private static byte[] NormaliseZip(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var entries = input.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var renames = entries.Keys.Where(n => n.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal))
            .ToDictionary(n => n, _ => "docProps/core.xml");
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, content) in entries)
        {
            var bytes = content;
            if (name.EndsWith(".rels", StringComparison.Ordinal) || name == "[Content_Types].xml")
            {
                var text = System.Text.Encoding.UTF8.GetString(content);
                foreach (var (from, to) in renames)
                {
                    text = text.Replace("/" + from, "/" + to, StringComparison.Ordinal);
                }

                // The renamed core properties part no longer has its own extension: give it an explicit content type.
                text = text.Replace("<Default Extension=\"psmdcp\" ContentType=", "<Override PartName=\"/docProps/core.xml\" ContentType=", StringComparison.Ordinal);
                var next = 0;
                text = RandomRelationshipId().Replace(text, _ => $"Id=\"rIdPkg{++next}\"");
                bytes = System.Text.Encoding.UTF8.GetBytes(text);
            }

            result[renames.GetValueOrDefault(name, name)] = bytes;
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in result.OrderBy(e => e.Key == "[Content_Types].xml" ? 0 : 1))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedZipTime;
                using var to = entry.Open();
                to.Write(bytes);
            }
        }

        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial System.Text.RegularExpressions.Regex RandomRelationshipId();

    private static string Absolute(string range) =>
        string.Join(":", range.Split(':').Select(cell => "$" + new string(cell.TakeWhile(char.IsLetter).ToArray()) + "$" + new string(cell.SkipWhile(char.IsLetter).ToArray())));

    private static Stylesheet Styles()
    {
        var numberingFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "#,##0.000" })
        { Count = 4 };
        var fonts = new Fonts(new Font(new FontSize { Val = 10 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Calibri" }))
        { Count = 3 };
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid }))
        { Count = 3 };
        var borders = new Borders(new Border(), new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 };
        CellFormat Format(uint font = 0, uint fill = 0, uint border = 0, uint numberFormat = 0, bool wrap = false, bool quote = false)
        {
            var format = new CellFormat { FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0, ApplyNumberFormat = numberFormat != 0 };
            if (wrap)
            {
                format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
                format.ApplyAlignment = true;
            }

            if (quote)
            {
                format.QuotePrefix = true;
            }

            return format;
        }

        var cellFormats = new CellFormats(
            Format(),
            Format(font: 1),
            Format(font: 1, fill: 2, border: 1, wrap: true),
            Format(numberFormat: 164),
            Format(numberFormat: 165),
            Format(numberFormat: 166),
            Format(numberFormat: 167),
            Format(font: 2),
            Format(quote: true),
            Format(wrap: true))
        { Count = 10 };
        return new Stylesheet(numberingFormats, fonts, fills, borders, new CellStyleFormats(new CellFormat()) { Count = 1 }, cellFormats);
    }

    public sealed class SheetBuilder(List<Row> rows)
    {
        public int RowCount => rows.Count;

        /// <summary>Adds a row; values may be string, decimal, int or null, each with a style.</summary>
        public void Row(params (object? Value, XlsxStyle Style)[] cells)
        {
            var index = (uint)(rows.Count + 1);
            var row = new Row { RowIndex = index };
            for (var i = 0; i < cells.Length; i++)
            {
                var (value, style) = cells[i];
                var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
                Cell? cell = value switch
                {
                    null => null,
                    decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue((d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)), StyleIndex = (uint)style },
                    int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), StyleIndex = (uint)style },
                    _ => Text(reference, value.ToString() ?? "", style),
                };
                if (cell is not null)
                {
                    row.Append(cell);
                }
            }

            rows.Add(row);
        }

        private static Cell Text(string reference, string text, XlsxStyle style)
        {
            var dangerous = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
            return new Cell
            {
                CellReference = reference,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = (uint)(dangerous ? XlsxStyle.QuotedText : style),
            };
        }
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
