using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Domain;
using static PeiTracker.Web.Exports.MatrizPeiLayout;

namespace PeiTracker.Web.Imports;

/// <summary>Why an uploaded file could not be opened as a workbook.</summary>
public enum XlsxUploadProblem
{
    None = 0,
    TooLarge = 1,
    NotXlsx = 2,
    PartTooLarge = 3,
}

/// <summary>
/// Reading an uploaded .xlsx as untrusted input, for every upload (the Matriz del PEI, the bulk entry of values):
/// sizes checked before anything is decompressed, parts streamed, cells read as Excel shows them, and figures by
/// the forms' rule (<see cref="DecimalText"/>). Callers word their own messages for a file that cannot be opened.
/// </summary>
public static class XlsxUpload
{
    public const string UnreadableNumberMessage = "La celda numérica no contiene un número legible (el archivo está dañado); escriba la cifra de nuevo.";

    public const string PercentFormatMessage =
        "La celda tiene formato de porcentaje: Excel guarda 0.955 cuando muestra 95.5 %. Quite el formato de porcentaje y escriba la cifra (95.5).";

    public static string ExcelErrorMessage(string error) => $"La celda muestra un error de Excel ({error}); escriba un número.";

    /// <summary>The workbook, or why it cannot be opened. The caller disposes the document.</summary>
    public static (SpreadsheetDocument? Document, XlsxUploadProblem Problem) Open(byte[] file, string? fileName, long maxFileBytes, long maxPartBytes)
    {
        if (file.LongLength > maxFileBytes)
        {
            return (null, XlsxUploadProblem.TooLarge);
        }

        var isZip = file.Length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
        if (!isZip || (fileName is not null && !fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, XlsxUploadProblem.NotXlsx);
        }

        return Guard<(SpreadsheetDocument?, XlsxUploadProblem)>(
            () =>
            {
                // Sizes come from the zip's directory, before anything is decompressed. A part longer than its
                // declared size is refused by the runtime's zip reader; MaxCharactersInPart is a second bound.
                using (var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read))
                {
                    if (zip.Entries.Count > 1_000)
                    {
                        return (null, XlsxUploadProblem.NotXlsx);
                    }

                    if (zip.Entries.Any(e => e.Length > maxPartBytes) || zip.Entries.Sum(e => e.Length) > 2 * maxPartBytes)
                    {
                        return (null, XlsxUploadProblem.PartTooLarge);
                    }
                }

                return (SpreadsheetDocument.Open(new MemoryStream(file, writable: false), false, new OpenSettings { MaxCharactersInPart = maxPartBytes }), XlsxUploadProblem.None);
            },
            () => (null, XlsxUploadProblem.NotXlsx));
    }

    /// <summary>
    /// Runs a read of the package, or answers <paramref name="damaged"/> when the package turns out to be damaged
    /// while it is read (parts are opened lazily).
    /// </summary>
    public static T Guard<T>(Func<T> read, Func<T> damaged)
    {
        try
        {
            return read();
        }
        // InvalidOperationException: the package names a part (workbook, sheet, shared strings) it does not contain.
        catch (Exception ex) when (ex is InvalidDataException or FormatException or OpenXmlPackageException or XmlException or IOException or InvalidOperationException)
        {
            return damaged();
        }
    }

    /// <summary>The worksheet of this name (spaces around it and case aside), or null.</summary>
    public static WorksheetPart? Sheet(WorkbookPart workbookPart, string name) =>
        workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), name, StringComparison.OrdinalIgnoreCase)) is { Id.Value: { } id }
        && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart worksheetPart
            ? worksheetPart
            : null;

    /// <summary>The rows of a sheet with at least one non-empty cell up to <paramref name="lastColumn"/> (and the first beyond it), or null past <paramref name="maxRows"/>.</summary>
    public static List<SheetRow>? Rows(WorkbookPart workbookPart, WorksheetPart sheet, int lastColumn, int maxRows)
    {
        var sharedStrings = ReadSharedStrings(workbookPart.SharedStringTablePart);
        var percentStyles = ReadPercentStyles(workbookPart.WorkbookStylesPart);
        var rows = new List<SheetRow>();
        var lastRowNumber = 0;
        foreach (var row in Elements<Row>(sheet))
        {
            lastRowNumber = row.RowIndex?.Value is { } index and <= int.MaxValue ? (int)index : lastRowNumber + 1;
            var cells = ReadCells(row, lastColumn, sharedStrings, percentStyles);
            if (cells.Count == 0)
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return null;
            }

            rows.Add(new SheetRow(lastRowNumber, cells));
        }

        return rows;
    }

    /// <summary>
    /// A figure from a cell: a numeric cell as it is, text by the same rules as the forms (so "95,5"
    /// is refused, never read as 955). Values are rounded to the database's 6 decimals, so a float
    /// artefact such as 95.49999999999999 does not show up as a change at every upload.
    /// </summary>
    public static string? ReadNumber(SheetCell cell, out decimal? value)
    {
        value = null;
        string? error = null;
        switch (cell.Kind)
        {
            case CellKind.Empty:
                return null;
            case CellKind.Error:
                error = ExcelErrorMessage(cell.Text);
                break;
            case CellKind.Boolean:
                error = DecimalText.InvalidMessage;
                break;
            case CellKind.Number when cell.PercentFormat:
                error = PercentFormatMessage;
                break;
            case CellKind.Number:
                if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var stored) || !double.IsFinite(stored))
                {
                    // Excel never stores NaN, INF or "1.5.5" in a number cell: the file was damaged or made by hand.
                    error = UnreadableNumberMessage;
                }
                else if (!decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || Math.Abs(number) >= 1_000_000_000_000m)
                {
                    error = DecimalText.TooLargeMessage;
                }
                else
                {
                    value = number;
                }

                break;
            default:
                if (DecimalText.TryParse(cell.Text, out var parsed, out var textError))
                {
                    value = parsed;
                }
                else
                {
                    error = textError;
                }

                break;
        }

        value = error is null && value is { } v ? Math.Round(v, 6, MidpointRounding.AwayFromZero) : null;
        return error;
    }

    /// <summary>
    /// The row's non-empty cells up to <paramref name="lastColumn"/>, plus the first one beyond it (enough
    /// to report an extra column) so a sheet of thousands of columns cannot fill the memory.
    /// </summary>
    public static Dictionary<int, SheetCell> ReadCells(Row row, int lastColumn, IReadOnlyList<string> sharedStrings, IReadOnlySet<uint> percentStyles)
    {
        var cells = new Dictionary<int, SheetCell>();
        var column = -1;
        var beyond = false;
        foreach (var cell in row.Elements<Cell>())
        {
            var letters = new string((cell.CellReference?.Value ?? "").TakeWhile(char.IsAsciiLetter).ToArray());
            column = ColumnIndex(letters) is var index and >= 0 ? index : column + 1;
            if (column > lastColumn && beyond)
            {
                continue;
            }

            var value = ValueOf(cell, sharedStrings, percentStyles);
            if (value.Kind != CellKind.Empty)
            {
                cells[column] = value;
                beyond |= column > lastColumn;
            }
        }

        return cells;
    }

    private static SheetCell ValueOf(Cell cell, IReadOnlyList<string> sharedStrings, IReadOnlySet<uint> percentStyles)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text ?? "";
        string text;
        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Count)
            {
                throw new InvalidDataException("Shared string index out of range.");
            }

            text = sharedStrings[index];
        }
        else if (type == CellValues.InlineString)
        {
            text = cell.InlineString is { } inline ? PlainText(inline) : "";
        }
        else if (type == CellValues.Boolean)
        {
            return new SheetCell(CellKind.Boolean, raw, false);
        }
        else if (type == CellValues.Error)
        {
            return new SheetCell(CellKind.Error, raw, false);
        }
        else if (type == CellValues.String || type == CellValues.Date)
        {
            text = raw;
        }
        else
        {
            return raw.Trim().Length == 0
                ? default
                : new SheetCell(CellKind.Number, raw.Trim(), cell.StyleIndex?.Value is { } style && percentStyles.Contains(style));
        }

        return string.IsNullOrWhiteSpace(text) ? default : new SheetCell(CellKind.Text, text.Trim(), false);
    }

    /// <summary>Streams a part's elements of one type, each loaded with its children, never the whole part at once.</summary>
    public static IEnumerable<T> Elements<T>(OpenXmlPart part)
        where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        if (!reader.Read())
        {
            yield break;
        }

        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(T))
            {
                // LoadCurrentElement leaves the reader on the next element already.
                yield return (T)reader.LoadCurrentElement()!;
            }
            else if (!reader.Read())
            {
                yield break;
            }
        }
    }

    /// <summary>The visible text of a string item: plain text and rich-text runs, not phonetic hints.</summary>
    private static string PlainText(OpenXmlElement item) =>
        string.Concat(item.ChildElements.Select(c => c switch
        {
            Text t => t.Text,
            Run r => r.Text?.Text ?? "",
            _ => "",
        }));

    public static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        return part is null ? [] : Elements<SharedStringItem>(part).Select(PlainText).ToList();
    }

    /// <summary>Cell styles that show a number as a percentage (built-in formats 9 and 10, or a custom format with %).</summary>
    public static HashSet<uint> ReadPercentStyles(WorkbookStylesPart? part)
    {
        var styles = new HashSet<uint>();
        if (part is null)
        {
            return styles;
        }

        var percentFormats = new HashSet<uint> { 9, 10 };
        foreach (var format in Elements<NumberingFormat>(part))
        {
            if (format.NumberFormatId?.Value is { } id && IsPercentFormat(format.FormatCode?.Value ?? ""))
            {
                percentFormats.Add(id);
            }
        }

        var cellFormats = Elements<CellFormats>(part).FirstOrDefault()?.Elements<CellFormat>().ToList() ?? [];
        for (var i = 0; i < cellFormats.Count; i++)
        {
            if (cellFormats[i].NumberFormatId?.Value is { } id && percentFormats.Contains(id))
            {
                styles.Add((uint)i);
            }
        }

        return styles;
    }

    /// <summary>A % outside quoted literals, escapes and [colour/condition] brackets.</summary>
    private static bool IsPercentFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"' && !bracket)
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '[')
            {
                bracket = true;
            }
            else if (!quoted && c == ']')
            {
                bracket = false;
            }
            else if (!quoted && !bracket && c == '\\')
            {
                i++;
            }
            else if (!quoted && !bracket && c == '%')
            {
                return true;
            }
        }

        return false;
    }

    public enum CellKind
    {
        Empty = 0,
        Number = 1,
        Text = 2,
        Boolean = 3,
        Error = 4,
    }

    /// <summary>One cell as read: for numbers, the stored invariant text (e.g. "95.5" or "1E-3").</summary>
    public readonly record struct SheetCell(CellKind Kind, string Text, bool PercentFormat);

    public sealed record SheetRow(int Number, IReadOnlyDictionary<int, SheetCell> Cells)
    {
        public SheetCell Cell(int column) => Cells.TryGetValue(column, out var cell) ? cell : default;

        /// <summary>The cell as text whatever its kind (codes may arrive as numbers); empty when blank.</summary>
        public string Text(int column) => Cell(column) is { Kind: not CellKind.Empty } cell ? cell.Text.Trim() : "";
    }

}
