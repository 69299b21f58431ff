using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests;

/// <summary>
/// The conversation on a value (ADR 0022): an observation opens it or adds to the open one, both sides reply,
/// the planning office resolves it; every message is one audit row, and every refusal has its Spanish message.
/// </summary>
public class ValueThreadTests
{
    private const string TooLong = "El mensaje no puede superar los 2000 caracteres.";
    private const string ControlCharacters = "El texto contiene caracteres no permitidos (caracteres de control): bórrelos y vuelva a intentarlo.";
    private const string Field2025 = "Conversación del valor anual 2025";

    private static readonly DateTimeOffset Opened = new(2026, 4, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Opened.AddHours(3);

    private static IndicatorValue Value() => new() { Id = 41, Year = 2025, Period = PeriodKind.Anual, CreatedBy = "registrador@rree.gob.pe" };

    private static ValueThread OpenThread() =>
        ValueThread.Observe(Value(), null, "planificador@rree.gob.pe", "Ana Planificadora", "Falta el acta.", Opened).Thread;

    private static ValueThread ResolvedThread()
    {
        var thread = OpenThread();
        Assert.True(thread.Resolve(2025, PeriodKind.Anual, "planificador@rree.gob.pe", "Ana Planificadora", null, Opened.AddHours(1)).IsValid);
        return thread;
    }

    private static EditResult Reply(ValueThread thread, string? text, int files = 0) =>
        thread.Reply(2025, PeriodKind.Anual, ThreadSide.Unidad, "registrador@rree.gob.pe", "Luis Registrador", text, files, Later);

    private static EditResult Resolve(ValueThread thread, string? note) =>
        thread.Resolve(2025, PeriodKind.Anual, "jefe@rree.gob.pe", "Jefa de Planeamiento", note, Later);

    [Theory]
    [InlineData(2025, PeriodKind.Anual, "Conversación del valor anual 2025")]
    [InlineData(2026, PeriodKind.PrimerSemestre, "Conversación del valor I semestre 2026")]
    [InlineData(2026, PeriodKind.SegundoSemestre, "Conversación del valor II semestre 2026")]
    public void Field_YearAndPeriod_NamesTheConversationAsTheHistoryDoes(int year, PeriodKind period, string expected) =>
        Assert.Equal(expected, ValueThread.Field(year, period));

    [Fact]
    public void Observe_NoOpenConversation_OpensOneOnTheValueWithTheReasonAsItsFirstMessage()
    {
        var value = Value();

        var (thread, change) = ValueThread.Observe(value, null, "planificador@rree.gob.pe", "Ana Planificadora", "Falta el acta.", Opened);

        Assert.Equal((41, Opened, "planificador@rree.gob.pe"), (thread.ValueId, thread.OpenedAt, thread.OpenedBy));
        Assert.Same(value, thread.Value);
        Assert.True(thread.IsOpen);
        var message = Assert.Single(thread.Messages);
        Assert.Equal(
            (ThreadMessageKind.Observacion, ThreadSide.Ogpp, "planificador@rree.gob.pe", "Ana Planificadora", "Falta el acta.", Opened),
            (message.Kind, message.Side, message.Author, message.AuthorName, message.Text, message.At));
        Assert.Same(thread, message.Thread);
        Assert.Equal(new FieldChange(AuditKind.Conversacion, Field2025, "Conversación abierta", "Observación (OGPP): Falta el acta."), change);
    }

    [Fact]
    public void Observe_AnOpenConversation_AddsToItWithoutReopening()
    {
        var open = OpenThread();

        var (thread, change) = ValueThread.Observe(Value(), open, "jefe@rree.gob.pe", "Jefa de Planeamiento", "Y la firma.", Later);

        Assert.Same(open, thread);
        Assert.Equal((Opened, "planificador@rree.gob.pe"), (thread.OpenedAt, thread.OpenedBy));
        Assert.Equal(["Falta el acta.", "Y la firma."], thread.Messages.Select(m => m.Text));
        Assert.Equal(new FieldChange(AuditKind.Conversacion, Field2025, null, "Observación (OGPP): Y la firma."), change);
    }

    [Theory]
    [InlineData(ThreadSide.Unidad, "Respuesta (Unidad): Adjunto el acta.")]
    [InlineData(ThreadSide.Ogpp, "Respuesta (OGPP): Adjunto el acta.")]
    public void Reply_TextOfEitherSide_IsAddedAndAudited(ThreadSide side, string after)
    {
        var thread = OpenThread();

        var result = thread.Reply(2026, PeriodKind.PrimerSemestre, side, "autor@rree.gob.pe", "Autor", "  Adjunto el acta. ", 0, Later);

        Assert.True(result.IsValid);
        Assert.Equal(new FieldChange(AuditKind.Conversacion, "Conversación del valor I semestre 2026", null, after), Assert.Single(result.Changes));
        var message = thread.Messages[^1];
        Assert.Equal(
            (2, ThreadMessageKind.Respuesta, side, "autor@rree.gob.pe", "Autor", "Adjunto el acta.", Later),
            (thread.Messages.Count, message.Kind, message.Side, message.Author, message.AuthorName, message.Text, message.At));
        Assert.Same(thread, message.Thread);
        Assert.True(thread.IsOpen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reply_FilesWithoutText_ReadsAsAttachingFiles(string? text)
    {
        var thread = OpenThread();

        var result = Reply(thread, text, files: 1);

        Assert.Equal("Respuesta (Unidad): (adjunta archivos)", Assert.Single(result.Changes).After);
        Assert.Equal("(adjunta archivos)", thread.Messages[^1].Text);
    }

    [Fact]
    public void Reply_TextAndFiles_KeepsTheText() =>
        Assert.Equal("Respuesta (Unidad): Ver adjunto.", Assert.Single(Reply(OpenThread(), "Ver adjunto.", files: 2).Changes).After);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Reply_NoTextAndNoFile_IsRefused(string? text)
    {
        var thread = OpenThread();

        var result = Reply(thread, text);

        Assert.Equal("Escriba un mensaje o adjunte un archivo.", result.Errors[ValueThread.TextField]);
        Assert.Single(thread.Messages);
    }

    [Fact]
    public void Reply_ResolvedConversation_IsRefusedEvenWithText()
    {
        var thread = ResolvedThread();

        var result = Reply(thread, "Una cosa más.", files: 1);

        Assert.Equal(
            "La conversación ya fue resuelta: no admite respuestas. Si hay algo nuevo, la OGPP puede observar el valor otra vez.",
            result.Errors[ValueThread.TextField]);
        Assert.Equal(2, thread.Messages.Count);
    }

    [Theory]
    [InlineData(ValueThread.MaxText - 1, null)]
    [InlineData(ValueThread.MaxText, null)]
    [InlineData(ValueThread.MaxText + 1, TooLong)]
    public void Reply_TextLength_IsKeptUpToTheLimit(int length, string? problem)
    {
        var thread = OpenThread();

        var result = Reply(thread, new string('a', length), files: 1);

        Assert.Equal(problem, result.Errors.GetValueOrDefault(ValueThread.TextField));
        Assert.Equal(problem is null ? 2 : 1, thread.Messages.Count);
    }

    [Fact]
    public void Reply_SpacesAroundTextAtTheLimit_AreNotCounted() =>
        Assert.True(Reply(OpenThread(), "  " + new string('a', ValueThread.MaxText) + "\n").IsValid);

    [Theory]
    [InlineData("Línea uno\nLínea dos")]
    [InlineData("Línea uno\r\nLínea dos")]
    [InlineData("Línea uno\rLínea dos")]
    [InlineData("Columna\tvalor")]
    public void Reply_LineBreaksAndTabs_AreKept(string text)
    {
        var thread = OpenThread();

        Assert.True(Reply(thread, text).IsValid);
        Assert.Equal(text, thread.Messages[^1].Text);
    }

    [Theory]
    [InlineData("Acta\u0000")]
    [InlineData("Ac\u0007ta")]
    [InlineData("\u001bActa")]
    [InlineData("Acta\u007f recibida")]
    [InlineData("Acta\u0085recibida")]
    public void Reply_ControlCharacters_AreRefused(string text)
    {
        var thread = OpenThread();

        var result = Reply(thread, text, files: 1);

        Assert.Equal(ControlCharacters, result.Errors[ValueThread.TextField]);
        Assert.Single(thread.Messages);
    }

    [Fact]
    public void Reply_TooLongWithControlCharacters_SaysTooLong() =>
        Assert.Equal(TooLong, Reply(OpenThread(), "\u0007" + new string('a', ValueThread.MaxText)).Errors[ValueThread.TextField]);

    [Fact]
    public void Reply_AtTheLimitWithAControlCharacter_SaysControlCharacters() =>
        Assert.Equal(ControlCharacters, Reply(OpenThread(), "\u0007" + new string('a', ValueThread.MaxText - 1)).Errors[ValueThread.TextField]);

    [Theory]
    [InlineData(null, "Conversación resuelta.")]
    [InlineData("", "Conversación resuelta.")]
    [InlineData(" \n ", "Conversación resuelta.")]
    [InlineData("  Acta recibida; corrija el valor. ", "Acta recibida; corrija el valor.")]
    public void Resolve_Note_ClosesTheConversationWithTheNoteOrTheDefault(string? note, string text)
    {
        var thread = OpenThread();

        var result = Resolve(thread, note);

        Assert.Equal(
            new FieldChange(AuditKind.Conversacion, Field2025, "Conversación abierta", $"Resolución (OGPP): {text}"),
            Assert.Single(result.Changes));
        Assert.False(thread.IsOpen);
        Assert.Equal((Later, "jefe@rree.gob.pe"), (thread.ResolvedAt, thread.ResolvedBy));
        var message = thread.Messages[^1];
        Assert.Equal(
            (2, ThreadMessageKind.Resolucion, ThreadSide.Ogpp, "jefe@rree.gob.pe", "Jefa de Planeamiento", text, Later),
            (thread.Messages.Count, message.Kind, message.Side, message.Author, message.AuthorName, message.Text, message.At));
    }

    [Fact]
    public void Resolve_AlreadyResolved_IsRefusedAndKeepsTheFirstResolution()
    {
        var thread = ResolvedThread();

        var result = Resolve(thread, "Otra vez.");

        Assert.Equal("La conversación ya estaba resuelta.", result.Errors[ValueThread.TextField]);
        Assert.Equal((Opened.AddHours(1), "planificador@rree.gob.pe", 2), (thread.ResolvedAt, thread.ResolvedBy, thread.Messages.Count));
    }

    [Theory]
    [InlineData(ValueThread.MaxText, null)]
    [InlineData(ValueThread.MaxText + 1, TooLong)]
    public void Resolve_NoteLength_IsKeptUpToTheLimit(int length, string? problem)
    {
        var thread = OpenThread();

        var result = Resolve(thread, new string('a', length));

        Assert.Equal(problem, result.Errors.GetValueOrDefault(ValueThread.TextField));
        Assert.Equal(problem is not null, thread.IsOpen);
    }

    [Theory]
    [InlineData("Resuelto\u0000", ControlCharacters)]
    [InlineData("Resuelto\u001b", ControlCharacters)]
    [InlineData("Resuelto:\n\tacta\r\nrecibida", null)]
    [InlineData("Resuelto\rhoy", null)]
    public void Resolve_ControlCharacters_AreRefusedButLineBreaksAndTabsKept(string note, string? problem)
    {
        var thread = OpenThread();

        var result = Resolve(thread, note);

        Assert.Equal(problem, result.Errors.GetValueOrDefault(ValueThread.TextField));
        Assert.Equal(problem is not null, thread.IsOpen);
    }

    [Fact]
    public void Resolve_TooLongWithControlCharacters_SaysTooLong() =>
        Assert.Equal(TooLong, Resolve(OpenThread(), "\u0007" + new string('a', ValueThread.MaxText)).Errors[ValueThread.TextField]);

    [Fact]
    public void Resolve_AtTheLimitWithAControlCharacter_SaysControlCharacters() =>
        Assert.Equal(ControlCharacters, Resolve(OpenThread(), "\u0007" + new string('a', ValueThread.MaxText - 1)).Errors[ValueThread.TextField]);

    [Theory]
    [InlineData(ThreadMessageKind.Observacion, "Observación")]
    [InlineData(ThreadMessageKind.Respuesta, "Respuesta")]
    [InlineData(ThreadMessageKind.Resolucion, "Resolución")]
    public void Label_Kind_IsItsSpanishName(ThreadMessageKind kind, string expected) =>
        Assert.Equal(expected, ThreadMessage.Label(kind));

    [Theory]
    [InlineData(ThreadSide.Ogpp, "OGPP")]
    [InlineData(ThreadSide.Unidad, "Unidad")]
    public void Label_Side_IsHowTheHistoryNamesIt(ThreadSide side, string expected) =>
        Assert.Equal(expected, ThreadMessage.Label(side));
}
