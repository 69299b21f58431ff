using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The plan's articulation as .xlsx in the document's own layouts: the Ruta estratégica (with its "Vinculación con la
/// PGG" columns), the Anexo B-1 (PESEM) and the Anexo B-2 (national policies). Each file is a pure function of the
/// plan, its articulation and its "Datos al" (<see cref="XlsxWriter"/>, ADR 0010). The document's columns come first,
/// as printed; a last column "Notas de transcripción" carries our judgements, each element's notes on the first row
/// where that element appears, so a cell left empty always says why.
/// </summary>
public static class ArticulationExporter
{
    public const string ContentType = XlsxWriter.ContentType;

    public const string RutaTitle = "Ruta Estratégica: análisis de priorización";

    public const string B1Title = "Anexo B-1: Matriz de articulación de planes";

    public const string B2Title = "Anexo B-2: Matriz de articulación de las Políticas Nacionales y el PEI";

    public const string NotesHeader = "Notas de transcripción (PeiTracker)";

    /// <summary>The rows above the column titles: title, sector, pliego, periodo, the annex's own line, Datos al, a blank row, the group titles.</summary>
    public const int HeaderRow = 9;

    /// <summary>The footnote of the Ruta estratégica's "Vinculación con la PGG" column.</summary>
    public const string PggFootnote = "Vinculación con la PGG: Política General de Gobierno aprobada con el Decreto Supremo N° 042-2023-PCM y modificada mediante el Decreto Supremo N° 075-2024-PCM.";

    /// <summary>Which file: the three downloads of the Articulación page.</summary>
    public enum Layout
    {
        Ruta,
        AnexoB1,
        AnexoB2,
    }

    /// <summary>The plan and its articulation, read without tracking.</summary>
    public sealed record Data(Plan Plan, SectoralPlan? Pesem, IReadOnlyList<SectoralLink> SectoralLinks, IReadOnlyList<NationalPolicy> Policies, IReadOnlyList<PolicyLink> PolicyLinks);

    public static bool TryParse(string? text, out Layout layout)
    {
        (var known, layout) = text?.ToLowerInvariant() switch
        {
            "ruta" => (true, Layout.Ruta),
            "b1" => (true, Layout.AnexoB1),
            "b2" => (true, Layout.AnexoB2),
            _ => (false, Layout.Ruta),
        };
        return known;
    }

    public static string Title(Layout layout) => layout switch
    {
        Layout.AnexoB1 => B1Title,
        Layout.AnexoB2 => B2Title,
        _ => RutaTitle,
    };

    public static string FileName(Layout layout, Plan plan, DateTimeOffset dataAsOf)
    {
        var name = layout switch
        {
            Layout.AnexoB1 => "Anexo-B-1-Articulacion-planes",
            Layout.AnexoB2 => "Anexo-B-2-Politicas-nacionales",
            _ => "Ruta-estrategica",
        };
        return $"{name}-{plan.Code}-{DataAsOf.Date(dataAsOf).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";
    }

    public static async Task<Data?> LoadAsync(AppDbContext db, string code, CancellationToken cancellationToken = default)
    {
        var plan = await db.LoadTreeAsync(code, cancellationToken: cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var pesem = await db.SectoralPlans.AsNoTracking().Where(s => s.PlanId == plan.Id)
            .Include(s => s.Objectives).ThenInclude(o => o.Actions).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        var sectoralLinks = await db.SectoralLinks.AsNoTracking().Where(l => l.PlanId == plan.Id).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var policies = await db.NationalPolicies.AsNoTracking().Where(p => p.PlanId == plan.Id)
            .Include(p => p.Objectives).ThenInclude(o => o.Guidelines).ThenInclude(g => g.Services).AsSplitQuery().ToListAsync(cancellationToken);
        var policyLinks = await db.PolicyLinks.AsNoTracking().Where(l => l.PlanId == plan.Id).OrderBy(l => l.SortOrder).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        return new Data(plan, pesem, sectoralLinks, policies, policyLinks);
    }

    /// <param name="demo">The plan holds demo values: the title says so (<see cref="DemoMark"/>).</param>
    public static byte[] Export(Layout layout, Data data, DateTimeOffset dataAsOf, bool demo = false) => layout switch
    {
        Layout.AnexoB1 => AnexoB1(data, dataAsOf, demo),
        Layout.AnexoB2 => AnexoB2(data, dataAsOf, demo),
        _ => Ruta(data, dataAsOf, demo),
    };

    private static IEnumerable<StrategicObjective> ObjectivesInOrder(Plan plan) =>
        plan.Objectives.OrderBy(o => o.Priority).ThenBy(o => o.Code, StringComparer.Ordinal);

    private static IEnumerable<StrategicAction> ActionsInOrder(StrategicObjective objective) =>
        objective.Actions.OrderBy(a => a.Priority).ThenBy(a => a.Code, StringComparer.Ordinal);

    private static string? Printed(PggAlignment pgg) => pgg.Status == PggStatus.SinDato ? null : pgg.Describe();

    private static byte[] Ruta(Data data, DateTimeOffset dataAsOf, bool demo)
    {
        var plan = data.Plan;
        var (xlsx, sheet) = Start(plan, RutaTitle, "Ruta estratégica", demo, dataAsOf,
            ("Tabla", "Análisis de priorización para identificar la Ruta Estratégica (sección VII del PEI)"),
            [9, 11, 48, 16, 9, 12, 55, 16, 40, 50]);
        sheet.Row(GroupRowHeight, Headers("Prioridad", "OEI", null, "Vinculación con la PGG", "Prioridad", "AEI", null, "Vinculación con la PGG", "UO Responsable", NotesHeader));
        sheet.Row(30, Headers(null, "Código", "Descripción", null, null, "Código", "Descripción", null, null, null));
        sheet.Header(HeaderRow, filter: true);

        foreach (var objective in ObjectivesInOrder(plan))
        {
            var actions = ActionsInOrder(objective).ToList();
            var objectiveCells = new (object? Value, XlsxStyle Style)[]
            {
                (objective.Priority, XlsxStyle.TableNumber),
                (objective.Code, XlsxStyle.ObjectiveRow),
                (objective.Statement, XlsxStyle.TableText),
                (Printed(objective.Pgg), XlsxStyle.TableText),
            };
            if (actions.Count == 0)
            {
                sheet.Row([.. objectiveCells, .. Blank(5), (Notes((objective.Code, objective.ArticulationNotes)), XlsxStyle.TableText)]);
                continue;
            }

            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                sheet.Row(
                [
                    .. i == 0 ? objectiveCells : Blank(4),
                    (action.Priority, XlsxStyle.TableNumber),
                    (action.Code, XlsxStyle.ActionRow),
                    (action.Statement, XlsxStyle.TableText),
                    (Printed(action.Pgg), XlsxStyle.TableText),
                    (action.ResponsibleUnitAsPrinted, XlsxStyle.TableText),
                    (Notes(i == 0 ? (objective.Code, objective.ArticulationNotes) : default, (action.Code, action.ArticulationNotes)), XlsxStyle.TableText),
                ]);
            }
        }

        sheet.Row();
        sheet.Row((PggFootnote, XlsxStyle.Text));
        sheet.Row(("Una vinculación vacía es una celda que la copia del documento no permite leer; la nota de la fila dice por qué.", XlsxStyle.Text));
        return xlsx.Build(dataAsOf);
    }

    private static byte[] AnexoB1(Data data, DateTimeOffset dataAsOf, bool demo)
    {
        var plan = data.Plan;
        var pesem = data.Pesem;
        var (xlsx, sheet) = Start(plan, B1Title, "Anexo B-1", demo, dataAsOf,
            ("PESEM", pesem is null ? "El plan no registra PESEM." : $"{pesem.Name} ({pesem.FirstYear}-{pesem.LastYear}){(pesem.Resolution is null ? "" : ", aprobado mediante " + pesem.Resolution)}"),
            [11, 40, 40, 12, 40, 40, 11, 40, 40, 60, 50]);
        sheet.Row(GroupRowHeight, Headers("Objetivo Estratégico Sectorial", null, null, "Acción Estratégica Sectorial", null, null, "Objetivo estratégico Institucional", null, null, "Explicación de Relación Causal con OES o AES con el OEI del PEI", NotesHeader));
        sheet.Row(30, Headers("Código", "Enunciado", "Indicadores", "Código", "Enunciado", "Indicadores", "Código", "Enunciado", "Indicadores", null, null));
        sheet.Header(HeaderRow, filter: true);

        var objectives = plan.Objectives.ToDictionary(o => o.Id);
        var printed = new HashSet<string>(StringComparer.Ordinal);
        (object?, XlsxStyle)[] ObjectiveCells(SectoralLink? link)
        {
            if (link is null || !objectives.TryGetValue(link.ObjectiveId, out var objective))
            {
                return Blank(3);
            }

            return [(objective.Code, XlsxStyle.TableText), (objective.Statement, XlsxStyle.TableText), (Lines(objective.Indicators.OrderBy(i => i.SortOrder).Select(i => $"{i.PublishedCode} {i.Name}")), XlsxStyle.TableText)];
        }

        void LinkRow(SectoralObjective? oes, SectoralAction? aes, SectoralLink? link, string? aesCode = null, string? aesStatement = null)
        {
            // An element's statement, indicators and notes are printed on its first row; its code on every row, for the filters.
            var firstOes = oes is not null && printed.Add(oes.Code);
            var firstAes = aes is not null && printed.Add(aes.Code);
            sheet.Row(
            [
                (oes?.Code ?? aesCode, XlsxStyle.TableText),
                (firstOes ? oes!.Statement : null, XlsxStyle.TableText),
                (firstOes ? Lines(oes!.Indicators) : null, XlsxStyle.TableText),
                (aes?.Code ?? aesCode, XlsxStyle.TableText),
                (firstAes ? aes!.Statement : aesStatement, XlsxStyle.TableText),
                (firstAes ? Lines(aes!.Indicators) : null, XlsxStyle.TableText),
                .. ObjectiveCells(link),
                (link?.CausalExplanation, XlsxStyle.TableText),
                (Notes(firstOes ? (oes!.Code, oes.Notes) : default, firstAes ? (aes!.Code, aes.Notes) : default,
                    link is null ? ("", aes is null ? null : "La copia del Anexo B-1 no imprime qué OEI se vincula con esta AES (salvo el que contribuye a todas las AES, al final).") : ("", link.Notes)), XlsxStyle.TableText),
            ]);
        }

        foreach (var oes in pesem?.Objectives.OrderBy(o => o.Code, StringComparer.Ordinal) ?? Enumerable.Empty<SectoralObjective>())
        {
            foreach (var link in data.SectoralLinks.Where(l => l.SectoralObjectiveId == oes.Id && l.SectoralActionId is null).OrderBy(l => Code(objectives, l), StringComparer.Ordinal))
            {
                LinkRow(oes, null, link);
            }

            foreach (var aes in oes.Actions.OrderBy(a => a.Code, StringComparer.Ordinal))
            {
                var links = data.SectoralLinks.Where(l => l.SectoralActionId == aes.Id).OrderBy(l => Code(objectives, l), StringComparer.Ordinal).ToList();
                if (links.Count == 0)
                {
                    LinkRow(oes, aes, null);
                }

                foreach (var link in links)
                {
                    LinkRow(oes, aes, link);
                }
            }
        }

        foreach (var link in data.SectoralLinks.Where(l => l.CoversAllActions).OrderBy(l => Code(objectives, l), StringComparer.Ordinal))
        {
            LinkRow(null, null, link, "Todas", "Todas las AES del PESEM");
        }

        sheet.Row();
        foreach (var note in NoteLines(pesem?.Notes))
        {
            sheet.Row(("PESEM: " + note, XlsxStyle.Text));
        }

        return xlsx.Build(dataAsOf);
    }

    private static byte[] AnexoB2(Data data, DateTimeOffset dataAsOf, bool demo)
    {
        var plan = data.Plan;
        var (xlsx, sheet) = Start(plan, B2Title, "Anexo B-2", demo, dataAsOf,
            ("Políticas", $"{data.Policies.Count.ToString(CultureInfo.InvariantCulture)} políticas nacionales vinculadas, según la copia del documento"),
            [30, 9, 40, 10, 40, 10, 40, 40, 12, 45, 40, 50]);
        sheet.Row(GroupRowHeight, Headers("Nombre de la Política Nacional", "Objetivo Prioritario", null, "Lineamiento", null, "Servicio", null, null, "Acción Estratégica Institucional", null, null, NotesHeader));
        sheet.Row(30, Headers(null, "Código", "Enunciado", "Código", "Enunciado", "Código", "Enunciado", "Nombre del Indicador", "Código", "Enunciado", "Nombre del Indicador", null));
        sheet.Header(HeaderRow, filter: true);

        var actions = plan.Objectives.SelectMany(o => o.Actions).ToDictionary(a => a.Id);
        var indicators = plan.Indicators.ToDictionary(i => i.Id);
        var printed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        (object?, XlsxStyle)[] ActionCells(PolicyLink? link)
        {
            if (link is null || !actions.TryGetValue(link.ActionId, out var action))
            {
                return Blank(3);
            }

            var indicator = link.IndicatorId is { } id ? indicators.GetValueOrDefault(id) : null;
            return [(action.Code, XlsxStyle.TableText), (action.Statement, XlsxStyle.TableText), (indicator?.Name, XlsxStyle.TableText)];
        }

        (string?, string?) Once(object element, string label, string? notes) => printed.Add(element) ? (label, notes) : default;

        foreach (var policy in data.Policies.OrderBy(p => p.SortOrder).ThenBy(p => p.Id))
        {
            foreach (var objective in policy.Objectives.OrderBy(o => o.Id))
            {
                foreach (var guideline in objective.Guidelines.OrderBy(g => g.Id))
                {
                    foreach (var service in guideline.Services.OrderBy(s => s.Id))
                    {
                        var links = data.PolicyLinks.Where(l => l.PolicyServiceId == service.Id).ToList();
                        foreach (var link in links.Count == 0 ? [null] : links.Cast<PolicyLink?>())
                        {
                            sheet.Row(
                            [
                                (policy.Name, XlsxStyle.TableText),
                                (objective.Code, XlsxStyle.TableText),
                                (objective.Statement, XlsxStyle.TableText),
                                (guideline.Code, XlsxStyle.TableText),
                                (guideline.Statement, XlsxStyle.TableText),
                                (service.Code, XlsxStyle.TableText),
                                (service.Statement, XlsxStyle.TableText),
                                (Lines(service.Indicators), XlsxStyle.TableText),
                                .. ActionCells(link),
                                (Notes(
                                    Once(policy, "Política", policy.Notes), Once(objective, "Objetivo prioritario", objective.Notes), Once(guideline, "Lineamiento", guideline.Notes),
                                    Once(service, "Servicio", service.Notes),
                                    link is null ? ("", "La copia del Anexo B-2 no imprime qué AEI se vincula con este servicio.") : ("", link.Notes)), XlsxStyle.TableText),
                            ]);
                        }
                    }
                }
            }
        }

        // Rows of the annex whose AEI is legible but whose servicio cells are empty or shifted in the copy.
        foreach (var link in data.PolicyLinks.Where(l => l.PolicyServiceId is null))
        {
            sheet.Row([.. Blank(8), .. ActionCells(link), (Notes(("", "La copia no permite leer la política, el objetivo, el lineamiento ni el servicio de esta fila."), ("", link.Notes)), XlsxStyle.TableText)]);
        }

        return xlsx.Build(dataAsOf);
    }

    private static (XlsxWriter Writer, XlsxSheet Sheet) Start(Plan plan, string title, string sheetName, bool demo, DateTimeOffset dataAsOf, (string Label, string Value) annexLine, double[] widths)
    {
        var institution = plan.Institution ?? throw new ArgumentException("The plan must come with its institution.", nameof(plan));
        var xlsx = new XlsxWriter(DemoMark.Title(title, demo), plan.Name);
        var sheet = xlsx.AddSheet(sheetName, widths);
        sheet.Row((DemoMark.Title(title, demo), XlsxStyle.Title));
        sheet.Row(("Sector", XlsxStyle.Bold), (institution.Sector, XlsxStyle.Text));
        sheet.Row(("Pliego", XlsxStyle.Bold), (institution.DisplayName, XlsxStyle.Text));
        sheet.Row(("Periodo", XlsxStyle.Bold), ($"{plan.Name} ({plan.FirstYear}-{plan.LastYear})", XlsxStyle.Text));
        sheet.Row((annexLine.Label, XlsxStyle.Bold), (annexLine.Value, XlsxStyle.Text));
        sheet.Row(("Datos al", XlsxStyle.Bold), (DataAsOf.Format(dataAsOf), XlsxStyle.Text));
        sheet.Row();
        return (xlsx, sheet);
    }

    // The group titles span several columns in the document; without merged cells they wrap inside their first column.
    private const double GroupRowHeight = 45;

    private static (object? Value, XlsxStyle Style)[] Headers(params string?[] titles) => [.. titles.Select(t => ((object?)t, XlsxStyle.Header))];

    private static (object? Value, XlsxStyle Style)[] Blank(int count) => [.. Enumerable.Repeat(((object?)null, XlsxStyle.TableText), count)];

    private static string Code(IReadOnlyDictionary<int, StrategicObjective> objectives, SectoralLink link) =>
        objectives.TryGetValue(link.ObjectiveId, out var objective) ? objective.Code : "";

    private static string? Lines(IEnumerable<string> items)
    {
        var text = string.Join("\n", items);
        return text.Length == 0 ? null : text;
    }

    /// <summary>Each element's note lines, prefixed with what they are about ("AES.01.03: …"); null when there are none.</summary>
    private static string? Notes(params (string? Label, string? Notes)[] parts) =>
        Lines(parts.SelectMany(p => NoteLines(p.Notes).Select(line => string.IsNullOrEmpty(p.Label) ? line : $"{p.Label}: {line}")));

    private static IEnumerable<string> NoteLines(string? notes) => (notes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
