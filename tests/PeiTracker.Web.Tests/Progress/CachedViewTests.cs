using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Progress;

/// <summary>
/// The progress cache hands one <see cref="PlanProgressView"/> to every request of a data version: nothing a
/// reader can reach through it may be changed, or one careless page would corrupt what every other page shows.
/// </summary>
[Collection(AppCollection.Name)]
public class CachedViewTests(AppFixture app)
{
    private const string Plan = "MRE-PEI-2025-2030";

    private static readonly Assembly[] Ours = [typeof(PlanProgressView).Assembly, typeof(Domain.Plan).Assembly];

    [Fact]
    public void PlanProgressView_PublicSurface_ExposesNoMutableCollectionAndNoSetter()
    {
        Assert.Equal("", string.Join("\n", MutableMembers(typeof(PlanProgressView))));
    }

    [Fact]
    public void MutableMembers_OfTheEntityTree_AreFound()
    {
        // The walk must be able to fail: the EF entities it replaced are full of setters and List<T>.
        var found = MutableMembers(typeof(Domain.Plan)).ToList();

        Assert.Contains("Plan.Objectives: settable", found);
        Assert.Contains(found, f => f.StartsWith("Plan.Objectives: System.Collections.Generic.List", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CachedView_EveryCollectionReachable_IsReadOnly()
    {
        var view = await LoadAsync();

        var writable = Reachable(view).Where(x => x.Value is Array || IsWritableCollection(x.Value)).Select(x => $"{x.Path}: {x.Value.GetType()}").ToList();

        Assert.Empty(writable);
        Assert.NotEmpty(view.AllIndicators);
    }

    [Fact]
    public async Task CachedView_ReaderTriesToReorderIt_RequestsKeepSeeingThePlanOrder()
    {
        var client = await app.LoginAsync();
        var priorityOrder = await app.QueryAsync(db => db.Objectives.Where(o => o.Plan!.Code == Plan).OrderBy(o => o.Priority).Select(o => o.Code).ToListAsync());
        var before = await InformeOrderAsync(client);

        var view = await LoadAsync();
        Assert.Same(view, await LoadAsync());
        Assert.False(view.Plan.Objectives is List<ObjectiveSnapshot> or ObjectiveSnapshot[]);
        var asList = Assert.IsAssignableFrom<IList<ObjectiveSnapshot>>(view.Plan.Objectives);
        Assert.Throws<NotSupportedException>(() => asList[0] = asList[^1]);
        Assert.Throws<NotSupportedException>(() => asList.RemoveAt(0));
        var after = await InformeOrderAsync(client);

        Assert.Equal(priorityOrder, before);
        Assert.Equal(before, after);
        Assert.Equal(priorityOrder, view.Plan.Objectives.Select(o => o.Code));
    }

    private async Task<PlanProgressView> LoadAsync()
    {
        await using var scope = app.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<PlanProgressService>().LoadAsync(Plan, includePending: false))!;
    }

    /// <summary>The Informe is rendered from the cached view on every request (no fragment cache), one section per OEI.</summary>
    private static async Task<List<string>> InformeOrderAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/Reportes/Informe?anio=2025&periodo=A")).QuerySelectorAll("section.informe-oei").Select(s => s.Id!["oei-".Length..]).ToList();

    /// <summary>Every member reachable from a type's public surface that a reader could use to change it.</summary>
    private static IEnumerable<string> MutableMembers(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<(Type Type, string Path)>([(root, root.Name)]);
        while (pending.TryDequeue(out var item))
        {
            var (type, path) = item;
            if (type.IsEnum || !seen.Add(type))
            {
                continue;
            }

            if (IsMutableCollectionType(type))
            {
                yield return $"{path}: {type}";
                continue;
            }

            if (!Ours.Contains(type.Assembly))
            {
                foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
                {
                    pending.Enqueue((argument, $"{path}<{argument.Name}>"));
                }

                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    yield return $"{path}.{property.Name}: settable";
                }

                pending.Enqueue((property.PropertyType, $"{path}.{property.Name}"));
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!field.IsInitOnly)
                {
                    yield return $"{path}.{field.Name}: writable field";
                }

                pending.Enqueue((field.FieldType, $"{path}.{field.Name}"));
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                pending.Enqueue((method.ReturnType, $"{path}.{method.Name}()"));
            }
        }
    }

    private static bool IsMutableCollectionType(Type type) =>
        type.IsArray || (type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
            .Any(i => i == typeof(IList) || i == typeof(IDictionary) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>)));

    /// <summary>Whether an object is a collection that accepts changes, whatever its declared type.</summary>
    private static bool IsWritableCollection(object value) =>
        value is IList { IsReadOnly: false } or IDictionary { IsReadOnly: false }
        || value.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))
            .Any(i => !(bool)i.GetProperty(nameof(ICollection<int>.IsReadOnly))!.GetValue(value)!);

    /// <summary>Every object reachable from the view through public properties and the elements of its collections.</summary>
    private static IEnumerable<(string Path, object Value)> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(string Path, object Value)>([(root.GetType().Name, root)]);
        while (pending.TryPop(out var item))
        {
            var (path, value) = item;
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string or decimal || !seen.Add(value))
            {
                continue;
            }

            yield return item;
            if (value is IEnumerable elements)
            {
                var n = 0;
                foreach (var element in elements)
                {
                    if (element is not null)
                    {
                        pending.Push(($"{path}[{n++}]", element));
                    }
                }
            }

            if (!Ours.Contains(type.Assembly))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                if (property.GetValue(value) is { } child)
                {
                    pending.Push(($"{path}.{property.Name}", child));
                }
            }
        }
    }
}
