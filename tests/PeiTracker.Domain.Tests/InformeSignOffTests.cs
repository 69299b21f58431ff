using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class InformeSignOffTests
{
    [Theory]
    [InlineData(true, false, true, null)]
    [InlineData(true, false, false, "Solo la jefatura")]
    [InlineData(true, true, true, "ya está aprobado")]
    [InlineData(false, false, true, "Cierre el periodo")]
    public void RefuseApproval_Conditions_OnlyTheHeadApprovesAClosedUnapprovedPeriod(bool closed, bool approved, bool head, string? refusal)
    {
        AssertRefusal(refusal, InformeSignOff.RefuseApproval(closed, approved, head));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "está aprobado")]
    public void RefuseEdit_Approved_FreezesTheInforme(bool approved, string? refusal)
    {
        AssertRefusal(refusal, InformeSignOff.RefuseEdit(approved));
    }

    [Theory]
    [InlineData(true, "Cifras corregidas por la DGA", null)]
    [InlineData(true, " ", "motivo")]
    [InlineData(false, "Cifras corregidas", "no está aprobado")]
    public void RefuseReopening_ApprovedWithReason_IsAllowed(bool approved, string reason, string? refusal)
    {
        AssertRefusal(refusal, InformeSignOff.RefuseReopening(approved, reason));
    }

    [Theory]
    [InlineData(true, 10, false, 12, null)]
    [InlineData(true, 10, false, 10, null)]
    [InlineData(false, 10, false, 12, "periodo cerrado")]
    [InlineData(true, null, false, 12, "periodo cerrado")]
    [InlineData(true, 10, true, 12, "ya está publicada")]
    [InlineData(true, 10, false, null, "Falta la aprobación")]
    [InlineData(true, 10, false, 9, "antes del último cierre")]
    public void RefusePublication_Conditions_PublishesAClosedVersionApprovedAfterItsClosing(bool closed, int? snapshotHour, bool published, int? approvedHour, string? refusal)
    {
        static DateTimeOffset? At(int? hour) => hour is null ? null : new DateTimeOffset(2026, 7, 10, hour.Value, 0, 0, TimeSpan.Zero);

        AssertRefusal(refusal, InformeSignOff.RefusePublication(closed, At(snapshotHour), published, At(approvedHour)));
    }

    private static void AssertRefusal(string? expected, string? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(expected, actual);
        }
    }
}
