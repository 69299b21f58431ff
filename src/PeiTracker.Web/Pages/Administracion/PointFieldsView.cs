using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeiTracker.Domain;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>The reporting point fields shared by the add form and the edit page, with their errors.</summary>
public sealed record PointFieldsView(PointInput Input, IReadOnlyList<OrganizationalUnit> Units, ModelStateDictionary ModelState)
{
    public string? Error(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
