using System.IO.Compression;
using System.Text;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using static PeiTracker.Web.Exports.MatrizPeiLayout;

namespace PeiTracker.Web.Tests.Imports;

/// <summary>The import rules, one test per rule, on an in-memory plan (no database).</summary>
public class MatrizPeiImporterTests
{
    /// <summary>2025 and 2026 have started: their targets can be revised, never erased.</summary>
    private const int CurrentYear = 2026;

    private static readonly IReadOnlyList<int> Years = [2025, 2026, 2027, 2028, 2029, 2030];

    private static readonly int FirstRow = HeaderRow + 1;

    private static List<Indicator> Indicators() =>
    [
        Make(1, "IOEI.01.01", "IOEI.01.01", UnitOfMeasure.Numero),
        Make(2, "IOEI.01.02", "IOEI.01.02", UnitOfMeasure.Porcentaje),
        Make(3, "IAEI.11.03.01", "IAEI.11.03.01", UnitOfMeasure.Indice),
        Make(4, "IAEI.11.11.01", "IAEI.11.03.01", UnitOfMeasure.TasaVariacion),
        Make(5, "IOEI.02.01", "IOEI.02.01", UnitOfMeasure.Porcentaje, allowsOver100: true),
    ];

    private static Indicator Make(int id, string key, string code, UnitOfMeasure unit, bool allowsOver100 = false) => new()
    {
        Id = id,
        Key = key,
        PublishedCode = code,
        Name = "Indicador " + key,
        Unit = unit,
        AllowsOver100 = allowsOver100,
        BaselineYear = 2023,
        BaselineValue = 40m,
        Targets = Years.Select((y, i) => new AnnualTarget { IndicatorId = id, Year = y, Value = 50m + (5 * i) }).ToList(),
    };

    private static int TargetColumn(int year) => FirstTargetColumn + (year - Years[0]);

    private static MatrizWorkbook Unchanged(List<Indicator> indicators) => MatrizWorkbook.WithIndicators(Years, indicators);

    private static MatrizPreview Preview(MatrizWorkbook workbook, List<Indicator> indicators, string fileName = "matriz.xlsx") =>
        MatrizPeiImporter.Apply(workbook.Build(), fileName, Years, indicators, CurrentYear, "Carga de prueba");

    private static MatrizIssue SingleError(MatrizPreview preview)
    {
        Assert.Empty(preview.Changes);
        return Assert.Single(preview.Errors);
    }

    [Fact]
    public void Preview_SameFiguresAsTheDatabase_HasNoChangesAndNoErrors()
    {
        var indicators = Indicators();

        var preview = Preview(Unchanged(indicators), indicators);

        Assert.Empty(preview.Errors);
        Assert.Empty(preview.Changes);
        Assert.Equal(indicators.Count, preview.IndicatorRows);
        Assert.False(preview.CanApply);
    }

    [Fact]
    public void Preview_ChangedFutureTarget_IsAChangeButNotARevision()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2028), 99m);

        var change = Assert.Single(Preview(file, indicators).Changes);

        Assert.Equal(("IOEI.01.01", new FieldChange(AuditKind.Meta, "Logro esperado 2028", "65", "99"), FirstRow), (change.Key, change.Change, change.Row));
    }

    [Fact]
    public void Preview_ChangedTargetOfAStartedYear_IsARevision()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(CurrentYear), 58m);

        var change = Assert.Single(Preview(file, indicators).Changes);

        Assert.Equal(new FieldChange(AuditKind.Meta, "Logro esperado 2026 (revisión)", "55", "58"), change.Change);
    }

    [Fact]
    public void Preview_ChangedBaseline_IsOneChangeOfYearAndValueAsTheFichaRecordsIt()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, BaselineYearColumn, 2024).SetCell(FirstRow, BaselineValueColumn, 41m);

        var change = Assert.Single(Preview(file, indicators).Changes);

        Assert.Equal(new FieldChange(AuditKind.LineaBase, "Línea base", "40 (2023)", "41 (2024)"), change.Change);
    }

    [Fact]
    public void Preview_BlankCellWhereTheDatabaseHasNothing_IsNoChange()
    {
        var indicators = Indicators();
        indicators[0].Targets.RemoveAll(t => t.Year == 2029);
        indicators[0].BaselineValue = null;
        var file = Unchanged(indicators);

        var preview = Preview(file, indicators);

        Assert.Null(file.Get(FirstRow, TargetColumn(2029)));
        Assert.Empty(preview.Errors);
        Assert.Empty(preview.Changes);
    }

    [Fact]
    public void Preview_BlankTargetOfAStartedYear_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2025), null);

        var error = SingleError(Preview(file, indicators));

        Assert.Equal(new MatrizIssue(WorksheetName, FirstRow, ColumnLetter(TargetColumn(2025)), EditMessages.ErasedStartedTarget(2025)), error);
    }

    [Fact]
    public void Preview_BlankTargetOfAFutureYear_ErasesIt()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2030), null);

        var change = Assert.Single(Preview(file, indicators).Changes);

        Assert.Equal(("75", (string?)null), (change.Change.Before, change.Change.After));
    }

    [Fact]
    public void Preview_DecimalCommaText_IsRefusedWithTheFormsMessageAtItsCell()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 1, TargetColumn(2027), "95,5");

        var error = SingleError(Preview(file, indicators));

        Assert.Equal(new MatrizIssue(WorksheetName, FirstRow + 1, ColumnLetter(TargetColumn(2027)), DecimalText.CommaMessage), error);
    }

    [Fact]
    public void Preview_TextThatIsNotANumber_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, BaselineValueColumn, "cuarenta");

        Assert.Equal(DecimalText.InvalidMessage, SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_PlainNumberWrittenAsText_IsAccepted()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 1, TargetColumn(2027), "61.25");

        Assert.Equal("61.25", Assert.Single(Preview(file, indicators).Changes).Change.After);
    }

    [Fact]
    public void Preview_FloatingPointArtefact_IsNotAChange()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2027), 60.000000000000007);

        Assert.Empty(Preview(file, indicators).Changes);
    }

    [Fact]
    public void Preview_PercentageOver100_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 1, TargetColumn(2029), 100.5m);

        Assert.Equal("Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).", SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_PercentageOver100WhenTheIndicatorAllowsIt_IsAccepted()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 4, TargetColumn(2029), 120m);

        Assert.Equal("120", Assert.Single(Preview(file, indicators).Changes).Change.After);
    }

    [Fact]
    public void Preview_NumberWithPercentFormat_IsRefusedBecauseExcelStoresAFraction()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 1, TargetColumn(2027), new Percent(0.955m));

        Assert.Equal(MatrizPeiImporter.PercentFormatMessage, SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_ExcelErrorInACell_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2027), new ExcelError("#DIV/0!"));

        Assert.Equal(MatrizPeiImporter.ExcelErrorMessage("#DIV/0!"), SingleError(Preview(file, indicators)).Message);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2023.5)]
    [InlineData(99_999_999_999d)]
    public void Preview_BaselineYearOutsideTheRangeOrNotWhole_IsRefused(double year)
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, BaselineYearColumn, year);

        Assert.Equal(EditMessages.BaselineYear, SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_BaselineValueWithoutYear_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, BaselineYearColumn, null);

        var error = SingleError(Preview(file, indicators));

        Assert.Equal((ColumnLetter(BaselineYearColumn), EditMessages.BaselineYearMissing), (error.Column, error.Message));
    }

    [Fact]
    public void Preview_RepeatedPublishedCodeWithoutKey_IsRefusedAskingForTheKey()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 2, KeyColumn(Years.Count), null);

        var error = SingleError(Preview(file, indicators));

        Assert.Equal(ColumnLetter(KeyColumn(Years.Count)), error.Column);
        Assert.Contains("IAEI.11.03.01", error.Message);
        Assert.Contains("IAEI.11.11.01", error.Message);
    }

    [Fact]
    public void Preview_RepeatedPublishedCodeWithKeys_ChangesTheRightIndicator()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow + 3, TargetColumn(2030), 1m);

        Assert.Equal(4, Assert.Single(Preview(file, indicators).Changes).IndicatorId);
    }

    [Fact]
    public void Preview_UniqueCodeWithoutKey_IsMatchedByCode()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, KeyColumn(Years.Count), null).SetCell(FirstRow, TargetColumn(2030), 1m);

        Assert.Equal(1, Assert.Single(Preview(file, indicators).Changes).IndicatorId);
    }

    [Fact]
    public void Preview_UnknownCode_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Set(FirstRow + 10, "OEI.99", null, "IOEI.99.01", "Inventado", 2023, 1m);

        var error = SingleError(Preview(file, indicators));

        Assert.Equal(new MatrizIssue(WorksheetName, FirstRow + 10, "C", MatrizPeiImporter.UnknownCodeMessage("IOEI.99.01")), error);
    }

    [Fact]
    public void Preview_UnknownKey_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, KeyColumn(Years.Count), "IOEI.01.99");

        Assert.Equal(MatrizPeiImporter.UnknownKeyMessage("IOEI.01.99"), SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_KeyOfAnotherIndicatorThanTheCode_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, KeyColumn(Years.Count), "IOEI.01.02");

        Assert.Equal(MatrizPeiImporter.KeyAndCodeDisagreeMessage("IOEI.01.01", "IOEI.01.02", "IOEI.01.02"), Assert.Single(Preview(file, indicators).Errors).Message);
    }

    [Fact]
    public void Preview_SameIndicatorTwice_IsRefusedNamingTheFirstRow()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Set(FirstRow + 10, MatrizWorkbook.RowOf(indicators[0], Years));

        var error = SingleError(Preview(file, indicators));

        Assert.Equal((FirstRow + 10, MatrizPeiImporter.DuplicateRowMessage("IOEI.01.01", FirstRow)), (error.Row!.Value, error.Message));
    }

    [Fact]
    public void Preview_ObjectiveAndActionRows_AreIgnored()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Set(FirstRow + 20, "OEI.01", "Fortalecer la proyección internacional del Perú");

        var preview = Preview(file, indicators);

        Assert.Empty(preview.Errors);
        Assert.Equal(indicators.Count, preview.IndicatorRows);
    }

    [Fact]
    public void Preview_FiguresInARowWithoutCodeOrKey_AreRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Set(FirstRow + 20, "OEI.01", "Fortalecer", null, null, null, null, 5m);

        Assert.Equal(MatrizPeiImporter.RowWithoutIndicatorMessage, SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_IndicatorsMissingFromTheFile_AreLeftAlone()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Remove(FirstRow + 1).Remove(FirstRow + 2);

        var preview = Preview(file, indicators);

        Assert.Empty(preview.Changes);
        Assert.Equal(2, preview.IndicatorsNotInFile);
    }

    [Fact]
    public void Preview_ManyErrors_StopsAtTheLimitAndSaysThereAreMore()
    {
        var indicators = Indicators();
        var file = MatrizWorkbook.For(Years);
        for (var i = 0; i < MatrizPeiImporter.MaxErrors + 50; i++)
        {
            file.Set(FirstRow + i, "OEI.01", null, $"IOEI.77.{i}");
        }

        var errors = Preview(file, indicators).Errors;

        Assert.Equal(MatrizPeiImporter.MaxErrors + 1, errors.Count);
        Assert.Equal(MatrizPeiImporter.MoreErrorsMessage, errors[^1].Message);
    }

    [Fact]
    public void Preview_HeaderOnly_IsRefusedAsEmpty()
    {
        var preview = Preview(MatrizWorkbook.For(Years), Indicators());

        Assert.Equal(MatrizPeiImporter.NoIndicatorRowsMessage, SingleError(preview).Message);
    }

    [Fact]
    public void Preview_RenamedColumn_IsRefusedNamingTheExpectedColumns()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(HeaderRow, TargetColumn(2027), "Meta 2027");

        var error = SingleError(Preview(file, indicators));

        Assert.Equal((HeaderRow, ColumnLetter(TargetColumn(2027))), (error.Row!.Value, error.Column));
        Assert.Equal(MatrizPeiImporter.WrongColumnMessage(Years, "I", "Meta 2027", "Logro esperado 2027"), error.Message);
        Assert.Contains("M «Clave PeiTracker»", error.Message);
    }

    [Fact]
    public void Preview_ExtraColumnAfterTheKey_IsRefused()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(HeaderRow, KeyColumn(Years.Count) + 1, "Observaciones");

        Assert.Equal("N", SingleError(Preview(file, indicators)).Column);
    }

    [Fact]
    public void Preview_NoHeaderRow_IsRefusedNamingTheExpectedColumns()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).Remove(HeaderRow);

        Assert.Equal(MatrizPeiImporter.HeaderNotFoundMessage(Years), SingleError(Preview(file, indicators)).Message);
    }

    [Fact]
    public void Preview_OtherSheetName_IsRefusedNamingTheSheetsFound()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators);
        file.SheetName = "Hoja1";

        Assert.Equal(MatrizPeiImporter.MissingSheetMessage(["Hoja1"]), SingleError(Preview(file, indicators)).Message);
    }

    [Theory]
    [InlineData("matriz.csv")]
    [InlineData("matriz.xls")]
    public void Preview_NameThatIsNotXlsx_IsRefused(string fileName)
    {
        var indicators = Indicators();

        Assert.Equal(MatrizPeiImporter.NotXlsxMessage, SingleError(Preview(Unchanged(indicators), indicators, fileName)).Message);
    }

    [Fact]
    public void Preview_ZipThatIsNotAWorkbook_IsRefused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("leeme.txt").Open());
            writer.Write("no soy un libro de Excel");
        }

        var preview = MatrizPeiImporter.Apply(stream.ToArray(), "matriz.xlsx", Years, Indicators(), CurrentYear, "Carga de prueba");

        Assert.Equal(MatrizPeiImporter.NotXlsxMessage, SingleError(preview).Message);
    }

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml", "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData><x:row>")]
    [InlineData("xl/workbook.xml", "no es XML")]
    [InlineData("[Content_Types].xml", "<Types/>")]
    public void Preview_DamagedPart_IsRefused(string part, string content)
    {
        var bytes = WithEntry(Unchanged(Indicators()).Build(), part, Encoding.UTF8.GetBytes(content));

        var preview = MatrizPeiImporter.Apply(bytes, "matriz.xlsx", Years, Indicators(), CurrentYear, "Carga de prueba");

        Assert.Equal(MatrizPeiImporter.NotXlsxMessage, SingleError(preview).Message);
    }

    [Fact]
    public void Preview_SheetWhoseZipHeadersUnderstateItsSize_IsRefusedWithoutReadingItAll()
    {
        var huge = Encoding.UTF8.GetBytes("<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>" + new string(' ', 60 * 1024 * 1024) + "</x:sheetData></x:worksheet>");
        var bytes = UnderstateSize(WithEntry(Unchanged(Indicators()).Build(), "xl/worksheets/sheet1.xml", huge), "xl/worksheets/sheet1.xml", 1_000);

        var preview = MatrizPeiImporter.Apply(bytes, "matriz.xlsx", Years, Indicators(), CurrentYear, "Carga de prueba");

        Assert.Equal(MatrizPeiImporter.NotXlsxMessage, SingleError(preview).Message);
    }

    /// <summary>The package with one entry replaced (or added).</summary>
    private static byte[] WithEntry(byte[] package, string name, byte[] content)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != name))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

            using var stream = target.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Writes a false uncompressed size into the local and central zip headers of one entry, as a zip bomb would.</summary>
    private static byte[] UnderstateSize(byte[] zip, string name, uint size)
    {
        var bytes = zip.ToArray();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var local = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            var central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            var nameAt = local ? i + 30 : i + 46;
            if ((local || central) && bytes.AsSpan(nameAt).StartsWith(nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(local ? i + 22 : i + 24, 4), size);
            }
        }

        return bytes;
    }

    [Fact]
    public void Preview_TruncatedWorkbook_IsRefused()
    {
        var bytes = Unchanged(Indicators()).Build();

        var preview = MatrizPeiImporter.Apply(bytes[..(bytes.Length / 2)], "matriz.xlsx", Years, Indicators(), CurrentYear, "Carga de prueba");

        Assert.Equal(MatrizPeiImporter.NotXlsxMessage, SingleError(preview).Message);
    }

    [Fact]
    public void Preview_MoreThanMaxRows_IsRefused()
    {
        var file = MatrizWorkbook.For(Years);
        for (var i = 0; i <= MatrizPeiImporter.MaxRows; i++)
        {
            file.Set(FirstRow + i, "x");
        }

        Assert.Equal(MatrizPeiImporter.TooManyRowsMessage, SingleError(Preview(file, Indicators())).Message);
    }

    [Fact]
    public void Fingerprint_SameChanges_AreEqualAndADifferentBeforeIsNot()
    {
        var indicators = Indicators();
        var file = Unchanged(indicators).SetCell(FirstRow, TargetColumn(2028), 99m);
        var first = Preview(file, indicators).Fingerprint;
        var again = Preview(file, Indicators()).Fingerprint;
        var changedMeanwhile = Indicators();
        changedMeanwhile[0].Targets.Single(t => t.Year == 2028).Value = 66m;

        var other = Preview(file, changedMeanwhile).Fingerprint;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ExportThenImport_SamePlan_HasNoChanges()
    {
        var (plan, indicators) = InMemoryPlan("=SUMA(A1:A2)");

        var preview = MatrizPeiImporter.Apply(MatrizPeiExporter.Export(plan, new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero)), "m.xlsx", Years, indicators, CurrentYear, "Carga de prueba");

        Assert.Empty(preview.Errors);
        Assert.Empty(preview.Changes);
        Assert.Equal(indicators.Count, preview.IndicatorRows);
    }

    [Fact]
    public void Export_SameData_SameBytesAndAnotherDateOtherBytes()
    {
        var (plan, _) = InMemoryPlan("Nombre");

        var first = MatrizPeiExporter.Export(plan, new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        var second = MatrizPeiExporter.Export(plan, new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        var later = MatrizPeiExporter.Export(plan, new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero));

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
    }

    private static (Domain.Plan Plan, List<Indicator> Indicators) InMemoryPlan(string firstName)
    {
        var indicators = Indicators();
        indicators[0].Name = firstName;
        var objective = new StrategicObjective { Id = 1, Code = "OEI.01", Statement = "Objetivo uno", Priority = 1, Indicators = indicators.Take(2).ToList() };
        var action = new StrategicAction { Id = 1, Code = "AEI.01.01", Statement = "-Acción con guion", Priority = 1, Indicators = indicators.Skip(2).ToList() };
        objective.Actions.Add(action);
        var plan = new Domain.Plan
        {
            Code = "PEI-PRUEBA",
            Name = "Plan de prueba",
            FirstYear = Years[0],
            LastYear = Years[^1],
            Institution = new Institution { PliegoCode = "008", Name = "Ministerio de Relaciones Exteriores", Sector = "Relaciones Exteriores", GovernmentLevel = "Nacional" },
            Objectives = [objective],
        };
        return (plan, indicators);
    }
}
