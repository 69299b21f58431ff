using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Data;

/// <summary>Exports carry the document's own annex names.</summary>
public class MatrizTitleTests
{
    [Fact]
    public void Title_OfTheMatrizDownload_IsTheAnnexHeadingPrintedInThePei()
    {
        // The heading itself, not its line in the table of contents (which ends with the page number).
        var heading = OfficialDocument.Lines.Select(OfficialDocument.Clean).Single(l => l.StartsWith("VIII.III. Anexo B-3", StringComparison.Ordinal) && !char.IsDigit(l[^1]));

        Assert.Equal("VIII.III. " + MatrizPeiLayout.Title, heading);
    }
}
