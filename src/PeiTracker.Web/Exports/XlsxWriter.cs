using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PeiTracker.Web.Exports;

/// <summary>The cell styles of every export. Each has a quote-prefix twin that the writer uses for formula-like text.</summary>
public enum XlsxStyle
{
    Text,
    Bold,
    Title,
    Header,
    Wrapped,
    Integer,
    OneDecimal,
    TwoDecimals,
    ThreeDecimals,

    /// <summary>Bordered, wrapped text of a table (the Matriz).</summary>
    TableText,

    /// <summary>Bordered number of a table, in Excel's general format (the figure exactly as stored).</summary>
    TableNumber,

    /// <summary>An OEI's row in a table.</summary>
    ObjectiveRow,

    /// <summary>An AEI's row in a table.</summary>
    ActionRow,

    /// <summary>A figure (one decimal) in an OEI's row.</summary>
    ObjectiveFigure,

    /// <summary>A figure (one decimal) in an AEI's row.</summary>
    ActionFigure,

    /// <summary>Bordered, wrapped text on grey that a person reads but does not change (locked on a protected sheet).</summary>
    ReadOnlyText,

    /// <summary>Bordered, wrapped text a person fills in: left unlocked on a protected sheet.</summary>
    InputText,

    /// <summary>A bordered figure a person fills in, in Excel's general format: left unlocked on a protected sheet.</summary>
    InputNumber,
}

/// <summary>
/// The one .xlsx writer of the application (Reporte de seguimiento, Matriz del PEI). The file is a pure
/// function of its cells and its "Datos al": inline strings, one fixed stylesheet, fixed relationship ids,
/// document properties and zip timestamps taken from the cut-off date, and stored (not deflated) zip entries,
/// so the bytes depend on neither the clock, nor the machine's time zone, nor the runtime's zlib (ADR 0010).
/// Text that a spreadsheet could take for a formula gets the quote-prefix style (<see cref="FormulaText"/>).
/// Every sheet prints the same way (ADR 0017): landscape, fit to the page width, the column titles repeated on
/// each page, the written cells as print area, the title in the page header and, in the footer, the plan, the
/// "Datos al" and the page number; each row is as tall as its wrapped text needs (<see cref="XlsxSheet.Lines"/>).
/// </summary>
public sealed class XlsxWriter(string title, string? subject = null)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const int MaxCellText = 32_767;
    private static readonly XlsxStyle[] Styles = Enum.GetValues<XlsxStyle>();

    private readonly List<XlsxSheet> sheets = [];

    public XlsxSheet AddSheet(string name, params double[] widths)
    {
        var sheet = new XlsxSheet(name, widths);
        sheets.Add(sheet);
        return sheet;
    }

    public byte[] Build(DateTimeOffset dataAsOf)
    {
        static string Escaped(string text) => XmlSafe(text).Replace("&", "&&", StringComparison.Ordinal);
        var mark = title.StartsWith(DemoMark.Title("", demo: true), StringComparison.Ordinal) ? DemoMark.Title("", demo: true) : "";
        var headerFooter = new HeaderFooter(
            new OddHeader($"&L&8{Escaped(title)}"),
            new OddFooter($"&L&8{Escaped(mark + (subject ?? title))} · {DataAsOf.Label(dataAsOf)}&R&8Página &P de &N"));
        var definedNames = new DefinedNames();
        var sheetList = new Sheets();
        for (var i = 0; i < sheets.Count; i++)
        {
            sheetList.Append(new Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = RelationshipId(i) });
            foreach (var name in sheets[i].DefinedNames((uint)i))
            {
                definedNames.Append(name);
            }
        }

        var workbook = new Workbook(new BookViews(new WorkbookView()), sheetList);
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }

        using var package = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            // Explicit relationship ids: the SDK would otherwise make random ones and no two files would match.
            var workbookPart = document.AddNewPart<WorkbookPart>(WorkbookContentType, "rId1");
            workbookPart.Workbook = workbook;
            for (var i = 0; i < sheets.Count; i++)
            {
                workbookPart.AddNewPart<WorksheetPart>(RelationshipId(i)).Worksheet = sheets[i].Worksheet(selected: i == 0, (HeaderFooter)headerFooter.CloneNode(true));
            }

            workbookPart.AddNewPart<WorkbookStylesPart>(RelationshipId(sheets.Count)).Stylesheet = Stylesheet();
            WriteCoreProperties(document.AddNewPart<CoreFilePropertiesPart>("rId2"), dataAsOf);
        }

        return Stamped(package.ToArray(), DataAsOf.Date(dataAsOf));
    }

    /// <summary>The cell format index of a style, or of its quote-prefix twin.</summary>
    public static uint StyleIndex(XlsxStyle style, bool quoted) => ((uint)style * 2) + (quoted ? 1u : 0u);

    /// <summary>0 -> "A", 25 -> "Z", 26 -> "AA".</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Drops characters XML 1.0 cannot carry and cuts at Excel's limit for one cell.</summary>
    internal static string XmlSafe(string text)
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

    private static string RelationshipId(int index) => "rId" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private void WriteCoreProperties(CoreFilePropertiesPart part, DateTimeOffset dataAsOf)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        const string dcterms = "http://purl.org/dc/terms/";
        const string xsi = "http://www.w3.org/2001/XMLSchema-instance";

        using var stream = part.GetStream(FileMode.Create);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("cp", "coreProperties", cp);
        xml.WriteAttributeString("xmlns", "dc", null, dc);
        xml.WriteAttributeString("xmlns", "dcterms", null, dcterms);
        xml.WriteAttributeString("xmlns", "xsi", null, xsi);
        xml.WriteElementString("title", dc, XmlSafe(title));
        if (subject is not null)
        {
            xml.WriteElementString("subject", dc, XmlSafe(subject));
        }

        xml.WriteElementString("creator", dc, "PeiTracker");
        xml.WriteElementString("lastModifiedBy", cp, "PeiTracker");
        foreach (var name in new[] { "created", "modified" })
        {
            xml.WriteStartElement(name, dcterms);
            xml.WriteAttributeString("type", xsi, "dcterms:W3CDTF");
            xml.WriteString(DataAsOf.Iso(dataAsOf));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// System.IO.Packaging stamps every zip entry with the current local time; copy the entries into a new
    /// zip stamped with the cut-off day at midnight (zip times carry no zone: the day is Lima's, as printed),
    /// content types first as Office writes them. Stored, not deflated: the bytes then depend only on our
    /// XML, not on the runtime's zlib, so a published file can be reproduced after an upgrade.
    /// </summary>
    private static byte[] Stamped(byte[] package, DateOnly day)
    {
        var stamp = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), TimeSpan.Zero);
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
                copy.LastWriteTime = stamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    private static Stylesheet Stylesheet()
    {
        static Font Font(bool bold, double size) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });

        static Fill Solid(string argb) => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

        var thin = new Border(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" },
                new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.00" },
                new NumberingFormat { NumberFormatId = 167, FormatCode = "#,##0.000" }),
            new Fonts(Font(false, 11), Font(true, 11), Font(true, 14)),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFD9D9D9"),
                Solid("FFDDEBF7"),
                Solid("FFF2F2F2")),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            new CellFormats(Styles.SelectMany(s => new[] { Format(s, quoted: false), Format(s, quoted: true) })),
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    /// <summary>Whether text of this style wraps, and how tall its font is, for <see cref="XlsxSheet.Lines"/>.</summary>
    internal static (bool Wrap, double Points) FontOf(XlsxStyle style)
    {
        var look = Look(style);
        return (look.Wrap, look.Font == 2 ? 14 : 11);
    }

    /// <summary>Font 0 normal, 1 bold, 2 title; fill 2 grey header, 3 OEI blue, 4 AEI grey; border 1 thin; number formats 164-167.</summary>
    private static (uint Font, uint Fill, uint Border, uint NumberFormat, bool Wrap) Look(XlsxStyle style) => style switch
    {
        XlsxStyle.Bold => (1u, 0u, 0u, 0u, false),
        XlsxStyle.Title => (2u, 0u, 0u, 0u, false),
        XlsxStyle.Header => (1u, 2u, 1u, 0u, true),
        XlsxStyle.Wrapped => (0u, 0u, 0u, 0u, true),
        XlsxStyle.Integer => (0u, 0u, 0u, 164u, false),
        XlsxStyle.OneDecimal => (0u, 0u, 0u, 165u, false),
        XlsxStyle.TwoDecimals => (0u, 0u, 0u, 166u, false),
        XlsxStyle.ThreeDecimals => (0u, 0u, 0u, 167u, false),
        XlsxStyle.TableText => (0u, 0u, 1u, 0u, true),
        XlsxStyle.TableNumber => (0u, 0u, 1u, 0u, false),
        XlsxStyle.ObjectiveRow => (1u, 3u, 1u, 0u, true),
        XlsxStyle.ActionRow => (1u, 4u, 1u, 0u, true),
        XlsxStyle.ObjectiveFigure => (1u, 3u, 1u, 165u, false),
        XlsxStyle.ActionFigure => (1u, 4u, 1u, 165u, false),
        XlsxStyle.ReadOnlyText => (0u, 4u, 1u, 0u, true),
        XlsxStyle.InputText => (0u, 0u, 1u, 0u, true),
        XlsxStyle.InputNumber => (0u, 0u, 1u, 0u, false),
        _ => (0u, 0u, 0u, 0u, false),
    };

    private static CellFormat Format(XlsxStyle style, bool quoted)
    {
        var (font, fill, border, numberFormat, wrap) = Look(style);
        var format = new CellFormat
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0,
            ApplyNumberFormat = numberFormat != 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
            ApplyBorder = border != 0,
        };
        if (quoted)
        {
            format.QuotePrefix = true;
        }

        // Every cell sits at the top of its row: a row grows to its tallest wrapped cell, and a code or a figure at the
        // bottom would read as belonging to the next row.
        if (style != XlsxStyle.Title)
        {
            format.ApplyAlignment = true;
            format.Append(style == XlsxStyle.Header
                ? new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true }
                : new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = wrap });
        }

        if (style is XlsxStyle.InputText or XlsxStyle.InputNumber)
        {
            format.ApplyProtection = true;
            format.Append(new Protection { Locked = false });
        }

        return format;
    }
}

/// <summary>One worksheet: rows written top to bottom, each cell a value (text, decimal, int, or null for an empty cell) with its style.</summary>
public sealed class XlsxSheet
{
    private readonly List<Row> rows = [];
    private readonly double[] widths;
    private readonly HashSet<int> hiddenColumns = [];
    private int? headerRow;
    private bool filter;
    private bool protect;
    private int lastColumn;

    internal XlsxSheet(string name, double[] widths)
    {
        Name = name;
        this.widths = widths;
    }

    public string Name { get; }

    public int RowCount => rows.Count;

    public void Row(params (object? Value, XlsxStyle Style)[] cells) => Row(null, cells);

    /// <summary>
    /// A row at least <paramref name="height"/> points tall (null: as tall as its text needs). Every row gets an explicit
    /// height: spreadsheet applications do not all grow a row to its wrapped text, and LibreOffice then lets the text
    /// of one row run over the next.
    /// </summary>
    public void Row(double? height, params (object? Value, XlsxStyle Style)[] cells)
    {
        var number = rows.Count + 1;
        var row = new Row(cells.Select((cell, column) => Cell(XlsxWriter.ColumnName(column) + number.ToString(CultureInfo.InvariantCulture), cell.Value, cell.Style)))
        {
            RowIndex = (uint)number,
            Height = Math.Max(height ?? 0, Height(cells)),
            CustomHeight = true,
        };

        lastColumn = Math.Max(lastColumn, cells.Length - 1);
        rows.Add(row);
    }

    /// <summary>
    /// Marks the row of column titles: rows down to it stay in view when scrolling and it is printed at the top
    /// of every page; with <paramref name="filter"/>, its columns get filter buttons over every row written below it.
    /// </summary>
    public void Header(int row, bool filter)
    {
        headerRow = row;
        this.filter = filter;
    }

    /// <summary>
    /// Protects the sheet without a password: only the cells of the input styles can be changed, and hidden columns
    /// stay hidden. A guide against slips, not a security measure: whoever uploads the file is checked again.
    /// </summary>
    public void Protect() => protect = true;

    /// <summary>Hides columns (0-based) the application reads back but a person should not see or change.</summary>
    public void Hide(params int[] columns) => hiddenColumns.UnionWith(columns);

    /// <summary>Points per line of 11-point text (Calibri, or Carlito where LibreOffice stands in for it), and the row's padding.</summary>
    private const double LinePoints = 15;
    private const double PaddingPoints = 3;

    /// <summary>
    /// How many lines the text takes in a column <paramref name="width"/> characters wide (Excel's unit: the width of
    /// a digit), wrapped at spaces as a spreadsheet does. A letter of Spanish text, bold or not, is on average a little
    /// narrower than a digit: counting every character as a digit overestimates a little, and a row a little too tall
    /// is better than text cut off.
    /// </summary>
    public static int Lines(string text, double width)
    {
        var perLine = Math.Max(1, (int)Math.Floor(width - 1));
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var used = 0;
            var paragraphLines = 1;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (used > 0 && used + 1 + word.Length <= perLine)
                {
                    used += 1 + word.Length;
                    continue;
                }

                if (used > 0)
                {
                    paragraphLines++;
                }

                // A word longer than the line is broken over as many lines as it fills.
                paragraphLines += (word.Length - 1) / perLine;
                used = ((word.Length - 1) % perLine) + 1;
            }

            lines += paragraphLines;
        }

        return lines;
    }

    private double Height(IEnumerable<(object? Value, XlsxStyle Style)> cells)
    {
        var points = LinePoints;
        foreach (var ((value, style), column) in cells.Select((c, i) => (c, i)))
        {
            var (wrap, size) = XlsxWriter.FontOf(style);
            var lines = wrap && value is string text ? Lines(XlsxWriter.XmlSafe(text), column < widths.Length ? widths[column] : DefaultWidth) : 1;
            points = Math.Max(points, Math.Ceiling(lines * LinePoints * size / 11) + (lines > 1 ? PaddingPoints : 0));
        }

        // Excel's limit for one row.
        return Math.Min(points, 409);
    }

    /// <summary>Excel's width of a column without one of its own.</summary>
    private const double DefaultWidth = 8.43;

    private string? FilterRange => filter && headerRow is { } header
        ? $"A{header}:{XlsxWriter.ColumnName(lastColumn)}{rows.Count}"
        : null;

    internal IEnumerable<DefinedName> DefinedNames(uint sheetIndex)
    {
        var sheet = $"'{Name.Replace("'", "''", StringComparison.Ordinal)}'!";
        if (FilterRange is { } range)
        {
            yield return new DefinedName(sheet + string.Join(":", range.Split(':').Select(Absolute))) { Name = "_xlnm._FilterDatabase", LocalSheetId = sheetIndex, Hidden = true };
        }

        if (headerRow is { } header)
        {
            yield return new DefinedName($"{sheet}${header}:${header}") { Name = "_xlnm.Print_Titles", LocalSheetId = sheetIndex };
        }

        yield return new DefinedName($"{sheet}$A$1:${XlsxWriter.ColumnName(lastColumn)}${Math.Max(rows.Count, 1)}") { Name = "_xlnm.Print_Area", LocalSheetId = sheetIndex };
    }

    internal Worksheet Worksheet(bool selected, HeaderFooter headerFooter)
    {
        var lastCell = $"{XlsxWriter.ColumnName(lastColumn)}{Math.Max(rows.Count, 1)}";
        var view = new SheetView { TabSelected = selected, WorkbookViewId = 0 };
        if (headerRow is { } header)
        {
            var first = $"A{header + 1}";
            view.Append(
                new Pane { VerticalSplit = header, TopLeftCell = first, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = first, SequenceOfReferences = new ListValue<StringValue> { InnerText = first } });
        }

        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetDimension { Reference = $"A1:{lastCell}" },
            new SheetViews(view),
            new SheetFormatProperties { DefaultRowHeight = 15 });
        if (widths.Length > 0)
        {
            worksheet.Append(new Columns(widths.Select((w, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = w,
                CustomWidth = true,
                Hidden = hiddenColumns.Contains(i) ? new BooleanValue(true) : null,
            })));
        }

        worksheet.Append(new SheetData(rows.Select(r => (Row)r.CloneNode(true))));
        if (protect)
        {
            // Locked cells stay selectable; rows may be resized and filtered, nothing else.
            worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatRows = false, AutoFilter = false });
        }

        if (FilterRange is { } range)
        {
            worksheet.Append(new AutoFilter { Reference = range });
        }

        worksheet.Append(
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            headerFooter);
        return worksheet;
    }

    private static string Absolute(string cell) =>
        "$" + new string(cell.TakeWhile(char.IsLetter).ToArray()) + "$" + new string(cell.SkipWhile(char.IsLetter).ToArray());

    private static Cell Cell(string reference, object? value, XlsxStyle style) => value switch
    {
        null => new Cell { CellReference = reference, StyleIndex = XlsxWriter.StyleIndex(style, quoted: false) },
        decimal d => Number(reference, d, style),
        int n => Number(reference, n, style),
        string text => Text(reference, text, style),
        _ => throw new ArgumentException($"A cell holds text, a decimal or an int, not {value.GetType().Name}.", nameof(value)),
    };

    private static Cell Number(string reference, decimal value, XlsxStyle style) =>
        new(new CellValue(ExportNumber.Text(value))) { CellReference = reference, StyleIndex = XlsxWriter.StyleIndex(style, quoted: false) };

    private static Cell Text(string reference, string text, XlsxStyle style)
    {
        var clean = XlsxWriter.XmlSafe(text);
        var element = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            element.Space = SpaceProcessingModeValues.Preserve;
        }

        return new Cell(new InlineString(element))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = XlsxWriter.StyleIndex(style, FormulaText.IsFormulaLike(clean)),
        };
    }
}
