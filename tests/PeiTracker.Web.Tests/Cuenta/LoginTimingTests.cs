using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeiTracker.Web.Tests.Cuenta;

/// <summary>
/// How long a failed sign-in takes must not tell whether the e-mail has an account: every path hashes the
/// password once. Compared as ratios of medians of interleaved attempts, never as absolute times.
/// </summary>
[Collection(AppCollection.Name)]
public class LoginTimingTests(AppFixture app, ITestOutputHelper output)
{
    private const int Attempts = 20;

    [Fact]
    public async Task FailedSignIn_KnownUnknownOrLockedEmail_TakesAboutTheSameTime()
    {
        var known = await app.CreateUserAsync(Roles.Consulta);
        var locked = await app.CreateUserAsync(Roles.Consulta);
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var client = app.CreateClient();
        var token = await client.AntiforgeryTokenAsync("/Cuenta/Ingresar");
        var series = new (string Email, List<double> Times)[] { (known, []), ($"nadie-{Guid.NewGuid():N}@test.local", []), (locked, []) };
        await AttemptAsync(client, token, known);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            foreach (var (email, times) in series)
            {
                times.Add(await AttemptAsync(client, token, email));
            }

            await ResetFailuresAsync(known);
        }

        var (knownMedian, unknownMedian, lockedMedian) = (Median(series[0].Times), Median(series[1].Times), Median(series[2].Times));
        output.WriteLine($"Medians of {Attempts}: known {knownMedian:F1} ms, unknown {unknownMedian:F1} ms, locked {lockedMedian:F1} ms");
        Assert.True(knownMedian / unknownMedian is > 0.5 and < 2, $"known/unknown = {knownMedian / unknownMedian:F2} ({knownMedian:F1} / {unknownMedian:F1} ms)");
        Assert.True(lockedMedian / unknownMedian is > 0.5 and < 2, $"locked/unknown = {lockedMedian / unknownMedian:F2} ({lockedMedian:F1} / {unknownMedian:F1} ms)");
    }

    private static async Task<double> AttemptAsync(HttpClient client, string token, string email)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = "NoEsLaClave123",
        });
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/Cuenta/Ingresar", form);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private async Task ResetFailuresAsync(string email)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await users.ResetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
