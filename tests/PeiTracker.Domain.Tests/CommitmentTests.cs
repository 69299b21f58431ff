using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class CommitmentTests
{
    [Theory]
    [InlineData(CommitmentStatus.Pendiente, "2026-09-30", "2026-09-29", CommitmentState.Pendiente)]
    [InlineData(CommitmentStatus.Pendiente, "2026-09-30", "2026-09-30", CommitmentState.Pendiente)]
    [InlineData(CommitmentStatus.Pendiente, "2026-09-30", "2026-10-01", CommitmentState.Vencido)]
    [InlineData(CommitmentStatus.EnCurso, "2026-09-30", "2026-09-30", CommitmentState.EnCurso)]
    [InlineData(CommitmentStatus.EnCurso, "2026-09-30", "2027-01-01", CommitmentState.Vencido)]
    [InlineData(CommitmentStatus.Cumplido, "2026-09-30", "2027-01-01", CommitmentState.Cumplido)]
    public void StateOf_DeadlineAgainstToday_IsVencidoOnlyWhenOpenAndPast(CommitmentStatus status, string deadline, string today, CommitmentState expected)
    {
        Assert.Equal(expected, Commitment.StateOf(status, DateOnly.Parse(deadline), DateOnly.Parse(today)));
    }

    [Theory]
    [InlineData(2026, PeriodKind.PrimerSemestre, null, 2026, PeriodKind.PrimerSemestre, true)]
    [InlineData(2026, PeriodKind.PrimerSemestre, null, 2026, PeriodKind.SegundoSemestre, true)]
    [InlineData(2026, PeriodKind.PrimerSemestre, null, 2026, PeriodKind.Anual, true)]
    [InlineData(2026, PeriodKind.PrimerSemestre, null, 2028, PeriodKind.PrimerSemestre, true)]
    [InlineData(2026, PeriodKind.SegundoSemestre, null, 2026, PeriodKind.PrimerSemestre, false)]
    [InlineData(2026, PeriodKind.Anual, null, 2026, PeriodKind.PrimerSemestre, false)]
    [InlineData(2026, PeriodKind.Anual, null, 2026, PeriodKind.SegundoSemestre, true)]
    [InlineData(2026, PeriodKind.Anual, null, 2025, PeriodKind.Anual, false)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-08-15", 2026, PeriodKind.SegundoSemestre, true)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-06-20", 2026, PeriodKind.SegundoSemestre, false)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-06-20", 2026, PeriodKind.Anual, true)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-12-31", 2027, PeriodKind.PrimerSemestre, false)]
    public void IsCarried_OpenUntilFulfilled_AppearsInEveryLaterPeriod(int fromYear, PeriodKind from, string? completedOn, int year, PeriodKind period, bool expected)
    {
        Assert.Equal(expected, Commitment.IsCarried(fromYear, from, completedOn is null ? null : DateOnly.Parse(completedOn), year, period));
    }

    private static Commitment Draft(string recommendation = "Fortalecer el registro", string action = "Capacitar a las unidades", int? indicatorId = 7, int? actionId = null) => new()
    {
        Recommendation = recommendation, Action = action, IndicatorId = indicatorId, ActionId = actionId,
        Deadline = new DateOnly(2026, 12, 15), CreatedBy = "ogpp@rree.gob.pe",
    };

    [Theory]
    [InlineData("", "Capacitar", 7, null, "Recommendation")]
    [InlineData("Fortalecer", " ", 7, null, "Action")]
    [InlineData("Fortalecer", "Capacitar", null, null, "Subject")]
    [InlineData("Fortalecer", "Capacitar", 7, 3, "Subject")]
    public void Validate_MissingOrAmbiguousField_IsRefusedNamingIt(string recommendation, string action, int? indicatorId, int? actionId, string field)
    {
        var result = Draft(recommendation, action, indicatorId, actionId).Validate("Año 2026", "DGA", "IOEI.01.01");

        Assert.False(result.IsValid);
        Assert.Equal([field], result.Errors.Keys);
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(null, 3)]
    public void Validate_IndicatorOrAction_IsAcceptedAndReportsTheCommitment(int? indicatorId, int? actionId)
    {
        var commitment = Draft("  Fortalecer el registro ", " Capacitar a las unidades ", indicatorId, actionId);

        var result = commitment.Validate("Año 2026", "DGA", "IOEI.01.01");

        Assert.True(result.IsValid);
        Assert.Equal("Compromiso Año 2026", Assert.Single(result.Changes).Field);
        Assert.Equal("DGA · IOEI.01.01: Capacitar a las unidades (plazo 15/12/2026). Recomendación: Fortalecer el registro", Assert.Single(result.Changes).After);
        Assert.Equal("Fortalecer el registro", commitment.Recommendation);
    }

    [Fact]
    public void Validate_TextLongerThanAllowed_IsRefused()
    {
        Assert.False(Draft(action: new string('a', Commitment.MaxTextLength + 1)).Validate("Año 2026", "DGA", "X").IsValid);
    }

    [Theory]
    [InlineData(CommitmentStatus.Pendiente, CommitmentStatus.EnCurso, "Pendiente", "En curso", false)]
    [InlineData(CommitmentStatus.EnCurso, CommitmentStatus.Cumplido, "En curso", "Cumplido", true)]
    [InlineData(CommitmentStatus.Cumplido, CommitmentStatus.EnCurso, "Cumplido", "En curso", false)]
    public void ChangeStatus_NewStatus_ReportsBeforeAndAfterAndRemembersFulfilment(CommitmentStatus from, CommitmentStatus to, string before, string after, bool completed)
    {
        var commitment = Draft();
        commitment.Status = from;
        commitment.CompletedOn = from == CommitmentStatus.Cumplido ? new DateOnly(2026, 5, 1) : null;

        var change = Assert.Single(commitment.ChangeStatus(to, new DateOnly(2026, 10, 2)).Changes);

        Assert.Equal((before, after), (change.Before, change.After));
        Assert.Equal(completed ? new DateOnly(2026, 10, 2) : null, commitment.CompletedOn);
    }

    [Fact]
    public void ChangeStatus_SameStatus_ChangesNothing()
    {
        var commitment = Draft();

        Assert.Empty(commitment.ChangeStatus(CommitmentStatus.Pendiente, new DateOnly(2026, 10, 2)).Changes);
    }

    [Fact]
    public void ChangeStatus_UnknownStatus_IsRefused()
    {
        Assert.False(Draft().ChangeStatus((CommitmentStatus)9, new DateOnly(2026, 10, 2)).IsValid);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("La DGA envió el cronograma.", true)]
    public void AddNote_Text_IsAppendedOnlyWhenPresent(string text, bool added)
    {
        var commitment = Draft();

        var result = commitment.AddNote(text, "ogpp@rree.gob.pe", DateTimeOffset.UnixEpoch);

        Assert.Equal(added, result.IsValid);
        Assert.Equal(added ? 1 : 0, commitment.Notes.Count);
    }
}
