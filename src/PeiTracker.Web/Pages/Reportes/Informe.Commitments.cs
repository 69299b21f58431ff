using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>
/// The Matriz de compromisos: commitments taken in this period's Informe and every earlier one still open
/// (<see cref="Commitment.IsCarriedInto"/>), each with its state on the day (vencido from the deadline) and its
/// follow-up notes. Taking a commitment is part of the Informe and freezes with it; following one up (state,
/// notes) is the later periods' work and stays open.
/// </summary>
public partial class InformeModel
{
    public IReadOnlyList<Commitment> Commitments { get; private set; } = [];

    /// <summary>The planning office's day in Lima: what decides vencido.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>What a commitment may be about: the plan's indicators ("I{id}") and AEI ("A{id}").</summary>
    public IReadOnlyList<(string Value, string Label)> IndicatorChoices { get; private set; } = [];

    public IReadOnlyList<(string Value, string Label)> ActionChoices { get; private set; } = [];

    public string SubjectOf(Commitment commitment) =>
        commitment.IndicatorId is { } i ? View.AllIndicators.FirstOrDefault(x => x.Id == i)?.PublishedCode ?? "—"
        : commitment.ActionId is { } a ? View.Plan.Objectives.SelectMany(o => o.Actions).FirstOrDefault(x => x.Id == a)?.Code ?? "—"
        : "—";

    public static string PeriodLabelOf(Commitment commitment) => new ReportPeriod(commitment.Year, commitment.Period).Label;

    public async Task<IActionResult> OnPostCommitmentAsync(int unitId, string? recommendation, string? action, string? subject, DateOnly? deadline)
    {
        if (await RefuseWriteAsync(frozenToo: true, "#compromisos") is { } refused)
        {
            return refused;
        }

        var unit = Units.FirstOrDefault(u => u.Id == unitId);
        var indicator = subject is ['I', .. var i] && int.TryParse(i, out var indicatorId) ? View.AllIndicators.FirstOrDefault(x => x.Id == indicatorId) : null;
        var aei = subject is ['A', .. var a] && int.TryParse(a, out var actionId) ? View.Plan.Objectives.SelectMany(o => o.Actions).FirstOrDefault(x => x.Id == actionId) : null;
        if (unit is null || deadline is null)
        {
            return Answer(WriteStatus.Invalid, "", "#compromisos", "Para registrar un compromiso indique la unidad responsable y el plazo.");
        }

        var commitment = new Commitment
        {
            PlanId = View.Plan.Id, Year = Period.Year, Period = Period.Kind, UnitId = unit.Id, IndicatorId = indicator?.Id, ActionId = aei?.Id,
            Recommendation = recommendation ?? "", Action = action ?? "", Deadline = deadline.Value, Status = CommitmentStatus.Pendiente,
            CreatedBy = UserName, CreatedAt = clock.GetUtcNow(),
        };
        var result = commitment.Validate(Period.Label, unit.Acronym, indicator?.PublishedCode ?? aei?.Code ?? "");
        if (result.IsValid)
        {
            db.Commitments.Add(commitment);
        }

        var status = await writer.SaveAsync(new AuditContext(UserName, View.Plan.Code, null, View.Plan.Id, indicator?.Id), result);
        return Answer(status, "Compromiso registrado.", "#compromisos", string.Join(" ", result.Errors.Values));
    }

    public Task<IActionResult> OnPostCommitmentStatusAsync(int commitmentId, CommitmentStatus status, uint version) =>
        FollowUpAsync(commitmentId, version, c => c.ChangeStatus(ModelState.IsValid ? status : (CommitmentStatus)(-1), Today),
            $"Compromiso marcado como {Commitment.Label(status).ToLowerInvariant()}.");

    public Task<IActionResult> OnPostCommitmentNoteAsync(int commitmentId, string? text, uint version) =>
        FollowUpAsync(commitmentId, version, c => c.AddNote(text, UserName, clock.GetUtcNow()), "Nota de seguimiento registrada.");

    /// <summary>A follow-up of one commitment (its state or a note) against the version the person saw.</summary>
    private async Task<IActionResult> FollowUpAsync(int commitmentId, uint version, Func<Commitment, Domain.Editing.EditResult> apply, string saved)
    {
        if (await RefuseWriteAsync(frozenToo: false, "#compromisos") is { } refused)
        {
            return refused;
        }

        var commitment = await db.Commitments.SingleOrDefaultAsync(c => c.Id == commitmentId && c.PlanId == View.Plan.Id);
        if (commitment is null)
        {
            return NotFound();
        }

        writer.Expect(commitment, version);
        var result = apply(commitment);
        var status = await writer.SaveAsync(new AuditContext(UserName, $"Compromiso {commitment.Id}", null, View.Plan.Id, commitment.IndicatorId), result);
        return Answer(status, saved, $"#compromiso-{commitmentId}", string.Join(" ", result.Errors.Values));
    }

    private async Task LoadCommitmentsAsync()
    {
        Today = DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);
        // A plan's commitments are a few dozen: the carrying rule runs on all of them, in the domain.
        var all = await db.Commitments.AsNoTracking().Include(c => c.Unit).Include(c => c.Notes.OrderBy(n => n.Id))
            .Where(c => c.PlanId == View.Plan.Id).OrderBy(c => c.Deadline).ThenBy(c => c.Id).AsSplitQuery().ToListAsync();
        Commitments = all.Where(c => c.IsCarriedInto(Period.Year, Period.Kind)).ToList();
        IndicatorChoices = View.AllIndicators.DistinctBy(i => i.Id).Select(i => ($"I{i.Id}", $"{i.PublishedCode} · {i.Name}")).ToList();
        ActionChoices = View.Plan.Objectives.SelectMany(o => o.Actions).Select(a => ($"A{a.Id}", $"{a.Code} · {a.Statement}")).ToList();
    }
}
