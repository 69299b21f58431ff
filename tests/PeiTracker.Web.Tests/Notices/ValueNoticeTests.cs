using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Tests.Notices;

/// <summary>Each step of a value's review sends its e-mail, through a real SMTP server, to the people it concerns and to nobody else.</summary>
[Collection(MailCollection.Name)]
public class ValueNoticeTests(MailFixture app)
{
    private const string Code = "IOEI.01.01";

    private async Task<(ValueTestPlan Plan, string Registrador, IndicatorValue Value)> SentValueAsync()
    {
        var (plan, email, _, value) = await app.SentValueAsync();
        return (plan, email, value);
    }

    private Task<IndicatorValue> StoredAsync(ValueTestPlan plan) => app.StoredValueAsync(plan);

    private Task<HttpResponseMessage> ReviewAsync(ValueTestPlan plan, IndicatorValue value, string handler, string reason = "") =>
        app.ReviewAsync(plan, value, handler, reason);

    private async Task<string> RegistradorOfAsync(int unitId)
    {
        var email = await app.CreateUserAsync(Roles.Registrador);
        await app.QueryAsync(async db =>
        {
            db.UserUnits.Add(new UserUnit { UserId = (await db.Users.SingleAsync(u => u.Email == email)).Id, UnitId = unitId });
            return await db.SaveChangesAsync();
        });
        return email;
    }

    private async Task<List<string>> RecipientsAsync(ValueTestPlan plan, NoticeKind kind) =>
        (await app.QueryAsync(db => db.OutboxNotices.Where(n => n.IndicatorId == plan.Indicators[0] && n.Kind == kind).Select(n => n.Recipient).ToListAsync()))
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>The active accounts of a role (of one unit, for Registradores), as the notices should reach them.</summary>
    private async Task<List<string>> ActiveAsync(string role, int? unitId = null) =>
        (await app.QueryAsync(db => (from u in db.Users
                                     join ur in db.UserRoles on u.Id equals ur.UserId
                                     join r in db.Roles on ur.RoleId equals r.Id
                                     where r.Name == role && u.IsActive && (unitId == null || u.Units.Any(x => x.UnitId == unitId))
                                     select u.Email!).ToListAsync()))
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task SendValue_ByRegistrador_MailsEveryActivePlanificadorWithCodeNamePeriodAndLink()
    {
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var retired = await app.CreateUserAsync(Roles.Planificador);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == retired)).IsActive = false;
            return await db.SaveChangesAsync();
        });
        var consulta = await app.CreateUserAsync(Roles.Consulta);

        var (plan, registrador, _) = await SentValueAsync();
        await app.DispatchAsync();

        var mail = Assert.Single(app.Smtp.To(planner));
        Assert.Equal($"Valor enviado para revisión: {Code} · Anual 2025", mail.Subject);
        Assert.Contains($"{Code} «Indicador de prueba 1» del periodo Anual 2025", mail.TextBody);
        Assert.Contains($"Lo envió {registrador}", mail.TextBody);
        Assert.Contains($"{MailFixture.PublicUrl}Registro/Revision?plan={plan.Code}", mail.TextBody);
        Assert.Equal("avisos@pei.example.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Empty(app.Smtp.To(retired));
        Assert.Empty(app.Smtp.To(consulta));
        Assert.Empty(app.Smtp.To(registrador));
        Assert.Empty(app.Smtp.To(AppFixture.AdminEmail));
        Assert.Equal(await ActiveAsync(Roles.Planificador), await RecipientsAsync(plan, NoticeKind.ValorEnviado));
    }

    [Fact]
    public async Task ObserveValue_MailsTheUnitsRegistradoresWithTheReason_AndNobodyElse()
    {
        var (plan, registrador, value) = await SentValueAsync();
        var colleague = await RegistradorOfAsync(plan.UnitId);
        var otherUnitId = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == plan.OtherUnitIndicator).Select(u => u.UnitId).SingleAsync());
        var otherUnit = await RegistradorOfAsync(otherUnitId);
        await app.DispatchAsync();

        await ReviewAsync(plan, value, "Observe", "Adjunte el acta firmada por el director");
        await app.DispatchAsync();

        Assert.Equal(ValueStatus.Observado, (await StoredAsync(plan)).Status);
        foreach (var person in new[] { registrador, colleague })
        {
            var mail = Assert.Single(app.Smtp.To(person), m => m.Subject != null && m.Subject.StartsWith("Valor observado", StringComparison.Ordinal));
            Assert.Equal($"Valor observado: {Code} · Anual 2025", mail.Subject);
            Assert.Contains("Motivo: Adjunte el acta firmada por el director", mail.TextBody);
            Assert.Contains("«Indicador de prueba 1»", mail.TextBody);
            Assert.Contains($"{MailFixture.PublicUrl}Registro/Valor/{plan.Indicators[0]}?anio=2025&periodo=A", mail.TextBody);
        }

        Assert.Empty(app.Smtp.To(otherUnit));
        var expected = await ActiveAsync(Roles.Registrador, plan.UnitId);
        Assert.Equal(expected, await RecipientsAsync(plan, NoticeKind.ValorObservado));
        Assert.Contains(colleague, expected);
        Assert.DoesNotContain(otherUnit, expected);
    }

    [Fact]
    public async Task ValidateValue_MailsTheUnit()
    {
        var (plan, registrador, value) = await SentValueAsync();

        await ReviewAsync(plan, value, "Validate");
        await app.DispatchAsync();

        Assert.Equal(ValueStatus.Validado, (await StoredAsync(plan)).Status);
        var mail = Assert.Single(app.Smtp.To(registrador));
        Assert.Equal($"Valor validado: {Code} · Anual 2025", mail.Subject);
        Assert.Contains($"{MailFixture.PublicUrl}Registro/Valor/{plan.Indicators[0]}?anio=2025&periodo=A", mail.TextBody);
        Assert.Equal(await ActiveAsync(Roles.Registrador, plan.UnitId), await RecipientsAsync(plan, NoticeKind.ValorValidado));
        Assert.Empty(await RecipientsAsync(plan, NoticeKind.ValorObservado));
    }

    [Fact]
    public async Task ObserveValue_WithoutReason_WritesNoNotice()
    {
        var (plan, registrador, value) = await SentValueAsync();

        await ReviewAsync(plan, value, "Observe", reason: "");

        Assert.Equal(ValueStatus.Enviado, (await StoredAsync(plan)).Status);
        Assert.Empty(await RecipientsAsync(plan, NoticeKind.ValorObservado));
        await app.DispatchAsync();
        Assert.Empty(app.Smtp.To(registrador));
    }

    [Fact]
    public async Task SaveAsync_ChangeConflicts_NeitherTheChangeNorItsNoticeIsWritten()
    {
        var (plan, _, value) = await SentValueAsync();
        var eventId = Guid.NewGuid();

        var status = await WriteStatusWithNoticesAsync(value, expectedVersion: value.Version + 1, NoticeFor(eventId, "una@test.local"));

        Assert.Equal(WriteStatus.Conflict, status);
        Assert.Equal(ValueStatus.Enviado, (await StoredAsync(plan)).Status);
        Assert.False(await app.QueryAsync(db => db.OutboxNotices.AnyAsync(n => n.EventId == eventId)));
    }

    [Fact]
    public async Task SaveAsync_NoticeCannotBeWritten_TheChangeIsNotWrittenEither()
    {
        var (plan, _, value) = await SentValueAsync();
        var eventId = Guid.NewGuid();

        // One event, one person, twice: the outbox's unique key refuses the second row, and the whole save with it.
        var status = await WriteStatusWithNoticesAsync(value, value.Version, NoticeFor(eventId, "dos@test.local"), NoticeFor(eventId, "dos@test.local"));

        Assert.Equal(WriteStatus.Conflict, status);
        Assert.Equal(ValueStatus.Enviado, (await StoredAsync(plan)).Status);
        Assert.False(await app.QueryAsync(db => db.OutboxNotices.AnyAsync(n => n.EventId == eventId)));
    }

    [Fact]
    public async Task SaveAsync_ChangeAndNotice_AreWrittenTogether()
    {
        var (plan, _, value) = await SentValueAsync();
        var eventId = Guid.NewGuid();

        var status = await WriteStatusWithNoticesAsync(value, value.Version, NoticeFor(eventId, "tres@test.local"));

        Assert.Equal(WriteStatus.Saved, status);
        Assert.Equal(ValueStatus.Validado, (await StoredAsync(plan)).Status);
        Assert.True(await app.QueryAsync(db => db.OutboxNotices.AnyAsync(n => n.EventId == eventId && n.Status == NoticeStatus.Pendiente)));
    }

    private OutboxNotice NoticeFor(Guid eventId, string recipient) => NoticeTestData.NewNotice(app.Clock, recipient, eventId);

    /// <summary>Validates the value through the audited writer, with the given version expected and notices attached.</summary>
    private async Task<WriteStatus> WriteStatusWithNoticesAsync(IndicatorValue seen, uint expectedVersion, params OutboxNotice[] caused)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<AuditedWriter>();
        var value = await db.Values.SingleAsync(v => v.Id == seen.Id);
        writer.Expect(value, expectedVersion);
        value.Status = ValueStatus.Validado;
        writer.Notify(caused);
        return await writer.SaveAsync(
            new AuditContext("prueba@test.local", "IOEI.01.01", null, null, value.IndicatorId),
            [new Domain.Editing.FieldChange(AuditKind.Valor, "Estado del valor anual 2025", "Enviado", "Validado")]);
    }
}
