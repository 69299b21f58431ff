using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Tests.Writes;

/// <summary>The API's status and the page's answer come from a write's kind; no message can change them.</summary>
public class WriteResultMappingTests
{
    private sealed record Saved(int Id);

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static TheoryData<WriteStatus> EveryStatus() => new(Enum.GetValues<WriteStatus>());

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void StatusCodeOf_EveryKind_HasAnAnswer(WriteStatus status)
    {
        Assert.InRange(WriteResultHttp.StatusCodeOf(status), 200, 499);
    }

    [Theory]
    // Messages that the old API matched ("No puede…" meant 403, "El indicador no existe." meant 404) under other kinds.
    [InlineData(WriteStatus.NotFound, "No puede registrar valores de este indicador: pertenece a otra unidad orgánica.", 404)]
    [InlineData(WriteStatus.Conflict, "No puede registrar valores de este indicador: pertenece a otra unidad orgánica.", 409)]
    [InlineData(WriteStatus.Refused, "El indicador no existe.", 403)]
    [InlineData(WriteStatus.Conflict, "El indicador no existe.", 409)]
    [InlineData(WriteStatus.Refused, "Otra persona guardó este valor mientras usted lo editaba.", 403)]
    [InlineData(WriteStatus.NotFound, "Otra persona guardó este valor mientras usted lo editaba.", 404)]
    [InlineData(WriteStatus.Refused, null, 403)]
    [InlineData(WriteStatus.NotFound, "", 404)]
    [InlineData(WriteStatus.Conflict, null, 409)]
    public void ToHttp_Failure_StatusComesFromTheKindNotTheMessage(WriteStatus status, string? message, int expected)
    {
        var http = new WriteResult<Saved>(status, message, NoErrors, null).ToHttp(v => v.Id);

        var problem = Assert.IsType<ProblemHttpResult>(http.Result);
        Assert.Equal(expected, problem.StatusCode);
        Assert.Equal(message, problem.ProblemDetails.Detail);
    }

    [Theory]
    [InlineData("No puede registrar valores de este indicador")]
    [InlineData("El indicador no existe.")]
    public void ToHttp_Invalid_Answers400WithTheMessagesByJsonField(string message)
    {
        var http = WriteResult<Saved>.Invalid("MedioVerificacion", message).ToHttp(v => v.Id);

        var problem = Assert.IsType<ValidationProblem>(http.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal([message], problem.ProblemDetails.Errors["medioVerificacion"]);
    }

    [Theory]
    [InlineData(WriteStatus.Saved)]
    [InlineData(WriteStatus.Unchanged)]
    public void ToHttp_Success_Answers200WithTheBody(WriteStatus status)
    {
        var http = new WriteResult<Saved>(status, "No puede", NoErrors, new Saved(7)).ToHttp(v => v.Id);

        Assert.Equal(7, Assert.IsType<Ok<int>>(http.Result).Value);
    }

    [Fact]
    public void AddTo_Invalid_PutsEachMessageOnItsField()
    {
        var state = new ModelStateDictionary();

        WriteResult<Saved>.Invalid(new Dictionary<string, string> { ["Valor"] = "Escriba un número.", ["Comentario"] = "Máximo 2000 caracteres." }).AddTo(state);

        Assert.Equal("Escriba un número.", Assert.Single(state["Valor"]!.Errors).ErrorMessage);
        Assert.Equal("Máximo 2000 caracteres.", Assert.Single(state["Comentario"]!.Errors).ErrorMessage);
        Assert.False(state.ContainsKey(string.Empty));
    }

    [Theory]
    [InlineData(WriteStatus.Conflict)]
    [InlineData(WriteStatus.Refused)]
    [InlineData(WriteStatus.NotFound)]
    public void AddTo_OtherFailures_PutTheMessageAboveTheForm(WriteStatus status)
    {
        var state = new ModelStateDictionary();

        new WriteResult<Saved>(status, "Mensaje para la persona.", NoErrors, null).AddTo(state);

        Assert.Equal("Mensaje para la persona.", Assert.Single(state[string.Empty]!.Errors).ErrorMessage);
    }

    [Theory]
    [InlineData(WriteStatus.Saved)]
    [InlineData(WriteStatus.Unchanged)]
    public void AddTo_Success_AddsNothing(WriteStatus status)
    {
        var state = new ModelStateDictionary();

        new WriteResult<Saved>(status, null, NoErrors, new Saved(1)).AddTo(state);

        Assert.True(state.IsValid);
        Assert.Empty(state);
    }
}
