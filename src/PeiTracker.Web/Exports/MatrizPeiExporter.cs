using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Domain;
using static PeiTracker.Web.Exports.MatrizPeiLayout;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Writes the Matriz del PEI (Anexo B-3) as an .xlsx: a header block, then one row per OEI
/// (priority order) followed by its indicators and by each of its AEI (priority order) with theirs.
/// The file is a pure function of the plan and the cut-off date: fixed relationship ids, fixed
/// document properties and fixed zip timestamps, so the same data always give the same bytes
/// (an export that is published and signed must be reproducible).
/// </summary>
public static class MatrizPeiExporter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const int MaxCellText = 32_767;

    /// <summary>Indexes into the stylesheet built by <see cref="Stylesheet"/>; a "Quoted" style follows its plain twin.</summary>
    private enum Style : uint
    {
        Default = 0,
        Title = 1,
        Label = 2,
        DefaultQuoted = 3,
        Header = 4,
        Cell = 5,
        CellQuoted = 6,
        Objective = 7,
        ObjectiveQuoted = 8,
        Action = 9,
        ActionQuoted = 10,
        Number = 11,
    }

    public static string FileName(Plan plan, DateOnly dataAsOf) =>
        $"Matriz-PEI-{plan.Code}-{dataAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    /// <param name="demo">The plan holds demo values: the title and the printed footer say so (<see cref="DemoMark"/>).</param>
    public static byte[] Export(Plan plan, DateOnly dataAsOf, bool demo = false)
    {
        var institution = plan.Institution ?? throw new ArgumentException("The plan must come with its institution.", nameof(plan));
        var years = plan.Years.ToList();
        var lastColumn = KeyColumn(years.Count);

        var rows = new List<Row>
        {
            NewRow(1, TextCell(CodeColumn, 1, DemoMark.Title(Title, demo), Style.Title)),
            LabelRow(2, "Sector", institution.Sector),
            LabelRow(3, "Pliego", institution.DisplayName),
            LabelRow(4, "Periodo", $"{plan.FirstYear}-{plan.LastYear}"),
            LabelRow(5, "Misión", plan.Mission ?? ""),
            LabelRow(6, "Datos al", dataAsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
        };

        var headerRow = NewRow(HeaderRow, Headers(years).Select((h, i) => TextCell(i, HeaderRow, h, Style.Header)).ToArray());
        headerRow.Height = 30;
        headerRow.CustomHeight = true;
        rows.Add(headerRow);

        var rowNumber = HeaderRow;
        foreach (var objective in plan.Objectives.OrderBy(o => o.Priority).ThenBy(o => o.Code, StringComparer.Ordinal))
        {
            rows.Add(OwnerRow(++rowNumber, objective.Code, objective.Statement, Style.Objective, lastColumn));
            foreach (var indicator in InOrder(objective.Indicators))
            {
                rows.Add(IndicatorRow(++rowNumber, objective.Code, indicator, years));
            }

            foreach (var action in objective.Actions.OrderBy(a => a.Priority).ThenBy(a => a.Code, StringComparer.Ordinal))
            {
                rows.Add(OwnerRow(++rowNumber, action.Code, action.Statement, Style.Action, lastColumn));
                foreach (var indicator in InOrder(action.Indicators))
                {
                    rows.Add(IndicatorRow(++rowNumber, action.Code, indicator, years));
                }
            }
        }

        var lastLetter = ColumnLetter(lastColumn);
        var tableRange = $"A{HeaderRow}:{lastLetter}{rowNumber}";
        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetDimension { Reference = $"A1:{lastLetter}{rowNumber}" },
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRow + 1}" } })
            { TabSelected = true, WorkbookViewId = 0 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            ColumnWidths(years.Count),
            new SheetData(rows),
            new AutoFilter { Reference = tableRange },
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter($"&L&8{DemoMark.Title(Title, demo)} · Datos al {dataAsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}&R&8Página &P de &N")));

        var sheetReference = $"'{MatrizPeiLayout.WorksheetName}'!";
        var workbook = new Workbook(
            new BookViews(new WorkbookView()),
            new Sheets(new Sheet { Name = MatrizPeiLayout.WorksheetName, SheetId = 1, Id = "rId1" }),
            new DefinedNames(
                new DefinedName($"{sheetReference}$A${HeaderRow}:${lastLetter}${rowNumber}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true },
                new DefinedName($"{sheetReference}${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));

        var timestamp = new DateTime(dataAsOf, TimeOnly.MinValue, DateTimeKind.Utc);
        using var package = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            // Explicit relationship ids: the SDK would otherwise make random ones and no two files would match.
            var workbookPart = document.AddNewPart<WorkbookPart>(WorkbookContentType, "rId1");
            workbookPart.Workbook = workbook;
            workbookPart.AddNewPart<WorksheetPart>("rId1").Worksheet = worksheet;
            workbookPart.AddNewPart<WorkbookStylesPart>("rId2").Stylesheet = Stylesheet();
            WriteCoreProperties(document.AddNewPart<CoreFilePropertiesPart>("rId2"), plan, timestamp);
        }

        return WithFixedTimestamps(package.ToArray(), timestamp);
    }

    private static IEnumerable<Indicator> InOrder(IEnumerable<Indicator> indicators) =>
        indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Key, StringComparer.Ordinal);

    private static Row LabelRow(int row, string label, string value) =>
        NewRow(row, TextCell(CodeColumn, row, label, Style.Label), TextCell(StatementColumn, row, value, Style.Default));

    private static Row OwnerRow(int row, string code, string statement, Style style, int lastColumn)
    {
        var cells = new List<Cell> { TextCell(CodeColumn, row, code, style), TextCell(StatementColumn, row, statement, style) };
        for (var column = IndicatorCodeColumn; column <= lastColumn; column++)
        {
            cells.Add(EmptyCell(column, row, style));
        }

        return NewRow(row, [.. cells]);
    }

    private static Row IndicatorRow(int row, string ownerCode, Indicator indicator, IReadOnlyList<int> years)
    {
        var cells = new List<Cell>
        {
            TextCell(CodeColumn, row, ownerCode, Style.Cell),
            EmptyCell(StatementColumn, row, Style.Cell),
            TextCell(IndicatorCodeColumn, row, indicator.PublishedCode, Style.Cell),
            TextCell(IndicatorNameColumn, row, indicator.Name, Style.Cell),
            NumberCell(BaselineYearColumn, row, indicator.BaselineYear),
            NumberCell(BaselineValueColumn, row, indicator.BaselineValue),
        };
        cells.AddRange(years.Select((year, i) => NumberCell(FirstTargetColumn + i, row, indicator.TargetFor(year))));
        cells.Add(TextCell(KeyColumn(years.Count), row, indicator.Key, Style.Cell));
        return NewRow(row, [.. cells]);
    }

    private static Row NewRow(int row, params Cell[] cells) => new(cells) { RowIndex = (uint)row };

    private static string Reference(int column, int row) => ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Text that Excel could take for a formula (= + - @, or a tab or line break first) gets the
    /// quote-prefix style: the cell keeps exactly its text and Excel never evaluates it, even when
    /// a person edits the cell later.
    /// </summary>
    private static Cell TextCell(int column, int row, string text, Style style)
    {
        var clean = XmlSafe(text);
        if (clean.Length > 0 && clean[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            style = style == Style.Default ? Style.DefaultQuoted : style is Style.Cell or Style.Objective or Style.Action ? style + 1 : style;
        }

        var textElement = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            textElement.Space = SpaceProcessingModeValues.Preserve;
        }

        return new Cell(new InlineString(textElement)) { CellReference = Reference(column, row), DataType = CellValues.InlineString, StyleIndex = (uint)style };
    }

    private static Cell NumberCell(int column, int row, decimal? value)
    {
        if (value is null)
        {
            return EmptyCell(column, row, Style.Number);
        }

        return new Cell(new CellValue(value.Value.ToString("0.############", CultureInfo.InvariantCulture)))
        {
            CellReference = Reference(column, row),
            StyleIndex = (uint)Style.Number,
        };
    }

    private static Cell NumberCell(int column, int row, int? value) => NumberCell(column, row, (decimal?)value);

    private static Cell EmptyCell(int column, int row, Style style) => new() { CellReference = Reference(column, row), StyleIndex = (uint)style };

    /// <summary>Drops characters XML 1.0 cannot carry and cuts at Excel's limit for one cell.</summary>
    private static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length && builder.Length < MaxCellText; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static Columns ColumnWidths(int yearCount)
    {
        double[] widths = [12, 48, 17, 55, 10, 11, .. Enumerable.Repeat(11.0, yearCount), 18];
        return new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
    }

    private static Stylesheet Stylesheet()
    {
        static Font Font(bool bold, double size) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });

        static Fill Solid(string argb) => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

        static CellFormat Format(uint font, uint fill, uint border, bool wrap, bool quote = false)
        {
            var format = new CellFormat
            {
                NumberFormatId = 0,
                FontId = font,
                FillId = fill,
                BorderId = border,
                FormatId = 0,
                ApplyFont = font != 0,
                ApplyFill = fill != 0,
                ApplyBorder = border != 0,
            };
            if (quote)
            {
                format.QuotePrefix = true;
            }

            if (wrap || border != 0)
            {
                format.ApplyAlignment = true;
                format.Append(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = wrap });
            }

            return format;
        }

        var thin = new Border(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var header = Format(font: 1, fill: 2, border: 1, wrap: true);
        header.Alignment!.Vertical = VerticalAlignmentValues.Center;
        header.Alignment.Horizontal = HorizontalAlignmentValues.Center;

        return new Stylesheet(
            new Fonts(Font(false, 11), Font(true, 11), Font(true, 14)),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFD9D9D9"),
                Solid("FFDDEBF7"),
                Solid("FFF2F2F2")),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            new CellFormats(
                Format(0, 0, 0, wrap: false),
                Format(2, 0, 0, wrap: false),
                Format(1, 0, 0, wrap: false),
                Format(0, 0, 0, wrap: false, quote: true),
                header,
                Format(0, 0, 1, wrap: true),
                Format(0, 0, 1, wrap: true, quote: true),
                Format(1, 3, 1, wrap: true),
                Format(1, 3, 1, wrap: true, quote: true),
                Format(1, 4, 1, wrap: true),
                Format(1, 4, 1, wrap: true, quote: true),
                Format(0, 0, 1, wrap: false)),
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static void WriteCoreProperties(CoreFilePropertiesPart part, Plan plan, DateTime timestamp)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        const string dcterms = "http://purl.org/dc/terms/";
        const string xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var when = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        using var stream = part.GetStream(FileMode.Create);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("cp", "coreProperties", cp);
        xml.WriteAttributeString("xmlns", "dc", null, dc);
        xml.WriteAttributeString("xmlns", "dcterms", null, dcterms);
        xml.WriteAttributeString("xmlns", "xsi", null, xsi);
        xml.WriteElementString("title", dc, Title);
        xml.WriteElementString("subject", dc, XmlSafe(plan.Name));
        xml.WriteElementString("creator", dc, "PeiTracker");
        xml.WriteElementString("lastModifiedBy", cp, "PeiTracker");
        foreach (var name in new[] { "created", "modified" })
        {
            xml.WriteStartElement(name, dcterms);
            xml.WriteAttributeString("type", xsi, "dcterms:W3CDTF");
            xml.WriteString(when);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// System.IO.Packaging stamps every zip entry with the current time; copy the entries into a new
    /// zip stamped with the data's date instead, content types first as Office writes them. Entries
    /// are stored, not deflated: the bytes then depend only on our XML, not on the runtime's zlib, so a
    /// signed file can be reproduced after an upgrade (the matrix is about 100 KB either way).
    /// </summary>
    private static byte[] WithFixedTimestamps(byte[] package, DateTime timestamp)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entries = source.Entries
                .OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1)
                .ThenBy(e => e.FullName, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                copy.LastWriteTime = new DateTimeOffset(timestamp.Ticks, TimeSpan.Zero);
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
