using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// The bulk entry page (/Registro/Carga) as a person uses it: download the workbook, fill cells as Excel saves them
/// (numbers as numbers, text as shared strings), upload, read the preview, confirm.
/// </summary>
public static class BulkEntryFiles
{
    public static string PageUrl(string plan, int year, string period) => $"/Registro/Carga?plan={plan}&anio={year}&periodo={period}";

    public static async Task<byte[]> DownloadAsync(HttpClient client, string plan, int year, string period, int? unit = null)
    {
        var response = await client.GetAsync($"/Registro/Carga?handler=Descargar&plan={plan}&anio={year}&periodo={period}" + (unit is { } u ? $"&unidad={u}" : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Writes cells of one sheet the way Excel stores what a person types: a number as a number, text as a shared string, null clears.</summary>
    public static byte[] Fill(byte[] file, string sheetName, params (string Cell, object? Value)[] cells)
    {
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var strings = workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable ??= new SharedStringTable();
            foreach (var (reference, value) in cells)
            {
                var cell = worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
                cell.RemoveAllChildren();
                cell.DataType = null;
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue((strings.SharedStringTable.Count() - 1).ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        cell.CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                        break;
                }
            }

            strings.SharedStringTable.Save();
            worksheet.Save();
        }

        return stream.ToArray();
    }

    public static Task<IDocument> UploadAsync(HttpClient client, string plan, int year, string period, byte[] bytes, string fileName = "carga.xlsx") =>
        UploadAsync(client, PageUrl(plan, year, period), bytes, fileName);

    /// <summary>Opens the upload page at <paramref name="pageUrl"/>, sends the file with its form and answers the preview.</summary>
    public static async Task<IDocument> UploadAsync(HttpClient client, string pageUrl, byte[] bytes, string fileName)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = (IHtmlFormElement)page.QuerySelector("form.upload-form")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "Upload", fileName },
        };
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Presses «Guardar como borrador» ("Guardar") or «Guardar y enviar» ("Enviar") on the preview.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IDocument preview, string action)
    {
        var form = (IHtmlFormElement)(preview.QuerySelector("form.confirm-form") ?? throw new InvalidOperationException("The preview offers no confirmation: " + preview.QuerySelector("main")!.TextContent));
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Accion"] = action;
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    public static IReadOnlyList<string> Errors(IDocument preview) =>
        preview.QuerySelectorAll(".bulk-errors li").Select(li => li.TextContent.Trim()).ToList();

    public static string Outcome(IDocument preview, int indicatorId) =>
        preview.QuerySelector($"tr.bulk-row[data-indicator='{indicatorId}'] .outcome")?.TextContent.Trim() ?? throw new InvalidOperationException($"No row for indicator {indicatorId}.");
}
