using PeiTracker.Domain;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>One editable section of the Informe as the partial prints it: the text, its form (unless frozen) and its history.</summary>
public sealed record InformeSectionTextView(
    string Key,
    string Heading,
    string Label,
    InformeSection Section,
    int? ObjectiveId,
    InformeModel.SectionText Text,
    ReportPeriod Period,
    bool Frozen,
    IReadOnlyList<AuditEntry> History);
