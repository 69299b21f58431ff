using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

/// <summary>Validators come from the assembly scan in Program.cs: none is left out and every page that asks for one gets it.</summary>
[Collection(AppCollection.Name)]
public class ValidatorRegistrationTests(AppFixture app)
{
    private static readonly Type[] WebTypes = typeof(Program).Assembly.GetTypes();

    public static TheoryData<Type> Validators => new(WebTypes.Where(t => !t.IsAbstract && typeof(IValidator).IsAssignableFrom(t)));

    public static TheoryData<Type, Type> PageValidators
    {
        get
        {
            var rows = new TheoryData<Type, Type>();
            foreach (var page in WebTypes.Where(t => typeof(PageModel).IsAssignableFrom(t)))
            {
                foreach (var parameter in page.GetConstructors().SelectMany(c => c.GetParameters()))
                {
                    if (parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IValidator<>))
                    {
                        rows.Add(page, parameter.ParameterType);
                    }
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void Validator_InTheWebAssembly_IsRegisteredForTheInputItChecks(Type validator)
    {
        var input = validator.BaseType!.GetGenericArguments().Single();

        var registered = app.Factory.Services.GetServices(typeof(IValidator<>).MakeGenericType(input));

        Assert.Contains(registered, v => v!.GetType() == validator);
    }

    [Theory]
    [MemberData(nameof(PageValidators))]
    public void PageValidator_AskedByThePage_ResolvesToTheValidatorNextToItsInput(Type page, Type validatorService)
    {
        var input = validatorService.GetGenericArguments().Single();

        var validator = app.Factory.Services.GetRequiredService(validatorService);

        Assert.Equal(input.DeclaringType ?? page, validator.GetType().DeclaringType);
    }
}
