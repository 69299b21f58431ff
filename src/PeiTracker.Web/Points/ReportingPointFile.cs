using System.Text;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;

namespace PeiTracker.Web.Points;

/// <summary>One row of a reporting points file: its line, and the point it gives or why it cannot be read.</summary>
public sealed record PointFileRow(int Line, ReportingPointData? Data, string? UnitAcronym, IReadOnlyList<string> Errors);

/// <summary>
/// The reporting points as a CSV file (UTF-8, comma or semicolon separated, a header row):
/// codigo, nombre, tipo, unidad (siglas of the unidad orgánica), continente, pais, departamento, activo.
/// The repository's list (Data/Seed/puntos-de-registro.csv) and the administrators' uploads read the same way.
/// </summary>
public static class ReportingPointFile
{
    public const string SeedFile = "puntos-de-registro.csv";
    public const int MaxRows = 2000;

    public static readonly string[] Columns = ["codigo", "nombre", "tipo", "unidad", "continente", "pais", "departamento", "activo"];

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", SeedFile);

    /// <summary>Reads the file; a file that cannot be read as a whole (no header, too many rows) gives one error and no rows.</summary>
    public static (IReadOnlyList<PointFileRow> Rows, string? Error) Read(string text, IReadOnlyDictionary<string, OrganizationalUnit> unitsByAcronym)
    {
        var lines = SplitRecords(text.TrimStart('\uFEFF'));
        if (lines.Count == 0)
        {
            return ([], "El archivo está vacío: debe tener una fila de encabezados (" + string.Join(", ", Columns) + ") y una fila por punto.");
        }

        var header = lines[0].Fields.Select(h => Fold(h)).ToList();
        var missing = Columns.Take(6).Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return ([], $"Faltan columnas en el encabezado: {string.Join(", ", missing)}. Las columnas son: {string.Join(", ", Columns)}.");
        }

        if (lines.Count - 1 > MaxRows)
        {
            return ([], $"El archivo tiene {lines.Count - 1} filas: el máximo es {MaxRows}.");
        }

        int Index(string column) => header.IndexOf(column);
        var rows = new List<PointFileRow>();
        foreach (var (line, fields) in lines.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string? Cell(string column) => Index(column) is >= 0 and var i && i < fields.Count ? fields[i].Trim() : null;
            var errors = new List<string>();
            var kindText = Cell("tipo");
            var kind = ParseKind(kindText);
            if (kind is null)
            {
                errors.Add($"Tipo «{kindText}» desconocido: escriba Consulado, Embajada, Representación permanente u Oficina desconcentrada.");
            }

            var acronym = Cell("unidad");
            var unit = acronym is { Length: > 0 } && unitsByAcronym.TryGetValue(acronym, out var found) && found.IsActive ? found : null;
            if (unit is null)
            {
                errors.Add($"Unidad «{acronym}» no es una unidad orgánica activa de la institución: escriba sus siglas (por ejemplo, DGC).");
            }

            var activeText = Fold(Cell("activo") ?? "");
            bool? active = activeText switch
            {
                "" or "si" or "s" or "1" or "activo" or "true" => true,
                "no" or "n" or "0" or "desactivado" or "inactivo" or "false" => false,
                _ => null,
            };
            if (active is null)
            {
                errors.Add($"Activo «{Cell("activo")}» no se entiende: escriba sí o no.");
            }

            var data = new ReportingPointData(Cell("codigo"), Cell("nombre"), kind, unit?.Id, unit?.Label, Cell("continente"), Cell("pais"), Cell("departamento"), active ?? true);
            rows.Add(new PointFileRow(line, data, acronym, errors));
        }

        return (rows, null);
    }

    public static ReportingPointKind? ParseKind(string? text) => Fold(text ?? "") switch
    {
        "consulado" or "consulado general" => ReportingPointKind.Consulado,
        "embajada" => ReportingPointKind.Embajada,
        "representacion permanente" or "mision permanente" or "delegacion permanente" => ReportingPointKind.RepresentacionPermanente,
        "oficina desconcentrada" or "ode" => ReportingPointKind.OficinaDesconcentrada,
        _ => null,
    };

    /// <summary>The points as a file the upload reads back: what the administration page offers to download.</summary>
    public static string Write(IEnumerable<(ReportingPoint Point, string UnitAcronym)> points)
    {
        var text = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var (point, acronym) in points)
        {
            string[] cells = [point.Code, point.Name, Labels.Of(point.Kind), acronym, point.Continent, point.Country, point.Department ?? "", point.IsActive ? "sí" : "no"];
            text.Append(string.Join(",", cells.Select(Quote))).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
    }

    /// <summary>Records of a CSV text with their first line number; the separator is the header's (comma or semicolon).</summary>
    private static List<(int Line, List<string> Fields)> SplitRecords(string text)
    {
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(cell.ToString());
                cell.Clear();
                records.Add((recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || fields.Count > 0)
        {
            fields.Add(cell.ToString());
            records.Add((recordLine, fields));
        }

        return records.Where(r => !(r.Item2.Count == 1 && r.Item2[0].Length == 0)).ToList();
    }
}
