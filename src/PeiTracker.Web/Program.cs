using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Logging: Serilog behind Microsoft.Extensions.Logging (Serilog.AspNetCore does not restore here, see ADR 0002).
var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(logger, dispose: true);

// PEI_URLS lets the run script and operators choose the address without touching appsettings.
if (builder.Configuration["PEI_URLS"] is { Length: > 0 } urls)
{
    builder.WebHost.UseUrls(urls);
}

// Database: PEI_DB wins over ConnectionStrings:Default so one variable configures any environment.
var connectionString = builder.Configuration["PEI_DB"] is { Length: > 0 } fromEnv
    ? fromEnv
    : builder.Configuration.GetConnectionString("Default")
      ?? throw new InvalidOperationException("Falta la cadena de conexión: defina PEI_DB o ConnectionStrings__Default.");
builder.Services.AddDbContext<AppDbContext>(options => options
    .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
    .UseSnakeCaseNamingConvention());

// Accounts: no self-registration; administrators create users. Lockout after repeated failures.
builder.Services
    .AddIdentity<AppUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddErrorDescriber<SpanishIdentityErrorDescriber>();

builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Cuenta/Ingresar";
    options.LogoutPath = "/Cuenta/Salir";
    options.AccessDeniedPath = "/Cuenta/AccesoDenegado";
    options.Cookie.Name = "pei.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;

    // Under /api nothing is a page: a request no API endpoint takes (unknown path, a body that is not
    // JSON) answers 401/403 instead of redirecting a source system to the HTML login page.
    options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);

    static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
});

// Open sessions pick up role changes within a minute (the default is 30). Deactivation and forced
// password changes act at the very next request through AccountStatusMiddleware.
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

// Keys on disk so a restart does not log everyone out.
var keysDirectory = builder.Configuration["PEI_KEYS_DIR"] is { Length: > 0 } keys
    ? keys
    : Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys");
builder.Services.AddDataProtection().SetApplicationName("PeiTracker").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

// Everything requires login unless a page or endpoint says otherwise.
// The JSON API authenticates with personal tokens, never with the cookie (so no cross-site request can use it).
builder.Services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PeiTracker.Web.Api.ApiTokenAuthenticationHandler>(
        PeiTracker.Web.Api.ApiTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddOpenApi("v1", PeiTracker.Web.Api.ApiV1.Describe);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseUnavailable>();
builder.Services.AddExceptionHandler<PeiTracker.Web.Api.ApiBadRequest>();

// The API reads JSON strictly: a number sent as text is refused (and the OpenAPI schema says "integer", not
// "integer or string"); an unreadable body throws, in every environment, so ApiBadRequest answers it in Spanish.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.EditPlan, p => p.RequireRole(Roles.Administrador, Roles.Planificador))
    .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrador))
    .AddPolicy(PeiTracker.Web.Api.ApiV1.Policy, p => p
        .AddAuthenticationSchemes(PeiTracker.Web.Api.ApiTokenAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser());

// Validation messages are ours, in Spanish: no implicit English "field is required" for non-nullable strings.
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Administracion", Policies.Administer);
    options.Conventions.AllowAnonymousToPage("/Cuenta/Ingresar");
    options.Conventions.AddPageApplicationModelConvention("/Cuenta/Ingresar",
        model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(LoginRateLimit.Policy)));
    options.Conventions.AllowAnonymousToPage("/Error");
}).AddMvcOptions(options =>
{
    options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    SpanishBindingMessages.Apply(options.ModelBindingMessageProvider);
    options.ModelBinderProviders.Insert(0, new PlainWholeNumberBinderProvider());
    options.Filters.Add(new UnknownHandlerFilter());
});

// Spanish text is written as is (á, ñ), not as numeric entities; escaping of markup is unchanged.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

// Login attempts are rate limited per client address (on top of the per-account lockout), with a Spanish answer.
var loginLimit = builder.Configuration.GetValue("PEI_LOGIN_RATE_LIMIT", 30);
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy(LoginRateLimit.Policy, context => HttpMethods.IsPost(context.Request.Method)
        ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = loginLimit, Window = TimeSpan.FromMinutes(1) })
        : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("get"));
    options.OnRejected = async (context, cancellationToken) =>
    {
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await context.HttpContext.Response.WriteAsync("Demasiados intentos de ingreso desde esta dirección. Espere un minuto e inténtelo de nuevo.", cancellationToken);
    };
});

builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<PlanSeeder>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<PeiTracker.Web.Synthetic.SyntheticPlans>();
builder.Services.AddSingleton<DemoMode>();
builder.Services.AddSingleton<PeiTracker.Web.Exports.ChromiumPdf>();
builder.Services.AddScoped<PeiTracker.Web.Progress.PlanProgressService>();
// Computed progress of the most used plans stays in memory, checked against each plan's data version (issue 9).
builder.Services.AddSingleton(new PeiTracker.Web.Progress.ProgressCache(builder.Configuration.GetValue("PEI_PROGRESS_CACHE_PLANS", 64)));
builder.Services.AddSingleton<PeiTracker.Web.Progress.PlanSummaryCache>();
// Rendered dashboard and national bodies (<cache> in the pages): a national body is about 3 MB in memory, a dashboard
// about 0.2 MB. The framework's default bound, 100 MB, would take a quarter of the memory goal of issue 9.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.TagHelpers.CacheTagHelperOptions>(options =>
    options.SizeLimit = builder.Configuration.GetValue("PEI_FRAGMENT_CACHE_MB", 32) * 1024L * 1024L);
builder.Services.AddScoped<PeiTracker.Web.Progress.NationalProgressService>();
builder.Services.AddHostedService<PeiTracker.Web.Progress.NationalWarmUp>();
builder.Services.AddScoped<UserScope>();
builder.Services.AddScoped<PeiTracker.Web.Entry.ValueEntryService>();
builder.Services.AddScoped<PeiTracker.Web.Writes.AuditedWriter>();

// Uploaded matrices wait on disk between preview and confirmation; PEI_IMPORTS_DIR must be shared if several instances run.
var importsDirectory = builder.Configuration["PEI_IMPORTS_DIR"] is { Length: > 0 } imports ? imports : PendingUploadStore.DefaultFolder;
builder.Services.AddSingleton(sp => new PendingUploadStore(importsDirectory, sp.GetRequiredService<TimeProvider>()));

// Validators are registered one by one (FluentValidation.DependencyInjectionExtensions does not restore here, ADR 0003).
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Plan.EditarIndicadorModel.InputModel>, PeiTracker.Web.Pages.Plan.EditarIndicadorModel.InputValidator>();
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Administracion.NuevoModel.InputModel>, PeiTracker.Web.Pages.Administracion.NuevoModel.InputValidator>();
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Administracion.EditarModel.InputModel>, PeiTracker.Web.Pages.Administracion.EditarModel.InputValidator>();
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Administracion.EditarModel.DeactivationInput>, PeiTracker.Web.Pages.Administracion.EditarModel.DeactivationValidator>();
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Administracion.EditarModel.NoteInput>, PeiTracker.Web.Pages.Administracion.EditarModel.NoteValidator>();
builder.Services.AddSingleton<IValidator<PeiTracker.Web.Pages.Cuenta.ContrasenaModel.InputModel>, PeiTracker.Web.Pages.Cuenta.ContrasenaModel.InputValidator>();

var app = builder.Build();

// The interface speaks Spanish (Peru): dates dd/MM/yyyy, "." as the decimal separator.
var culture = new CultureInfo("es-PE");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(culture),
    SupportedCultures = [culture],
    SupportedUICultures = [culture],
});

// No stack trace ever reaches a user, in any environment: a Spanish error page with a reference id.
// A database that cannot be reached gives 503 and "try again in a few seconds" (DatabaseUnavailable);
// the error page runs in a fresh scope so it does not reuse the failed request's DbContext.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    CreateScopeForErrors = true,
    StatusCodeSelector = DatabaseUnavailable.StatusCodeFor,
});
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseMiddleware<RequestLoggingMiddleware>();

app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<AccountStatusMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResultStatusCodes =
    {
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    },
    ResponseWriter = (context, report) => report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy
        ? context.Response.WriteAsJsonAsync(DatabaseUnavailable.Problem(context), options: null, contentType: "application/problem+json")
        : context.Response.WriteAsync(report.Status.ToString()),
}).AllowAnonymous();
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/api/{documentName}/openapi.json");
PeiTracker.Web.Api.ApiV1.Map(app);
app.MapRazorPages().WithStaticAssets();

// Schema and reference data are brought up to date before the first request.
if (app.Configuration.GetValue("PEI_MIGRATE_ON_STARTUP", true))
{
    using var scope = app.Services.CreateScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}

// A command, not a page: `PeiTracker.Web sinteticos [N]` loads N synthetic entities' plans for the
// national-scale benchmark (issue 9, default 2,000) and exits without serving.
if (args is ["sinteticos", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    using var scope = app.Services.CreateScope();
    var result = await scope.ServiceProvider.GetRequiredService<PeiTracker.Web.Synthetic.SyntheticPlans>().LoadAsync(count);
    Console.WriteLine($"Entidades sintéticas: {result.Added} añadidas, {result.Existing} ya existían; {result.Indicators} indicadores, " +
        $"{result.Targets} metas, {result.Values} valores en {result.Elapsed.TotalSeconds:F1} s.");
    return;
}

app.Run();

public partial class Program;
