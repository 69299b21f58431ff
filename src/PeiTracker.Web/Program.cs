using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using PeiTracker.Web.Api;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Pages.Plan;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Synthetic;
using PeiTracker.Web.Writes;
using Serilog;
using Serilog.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Logging: Serilog from the "Serilog" section of appsettings (sinks, levels), plus any sink registered in DI.
// Each host keeps its own logger instead of the static Log.Logger, so hosts in one process never share one (ADR 0002).
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services), preserveStaticLogger: true);
builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>(RequestLogging.Configure);

// PEI_URLS lets the run script and operators choose the address without touching appsettings.
if (builder.Configuration["PEI_URLS"] is { Length: > 0 } urls)
{
    builder.WebHost.UseUrls(urls);
}

// Database: requests run as PEI_DB, a role that owns nothing; migrations as PEI_DB_OWNER (DatabaseConnections).
var connections = DatabaseConnections.From(builder.Configuration);
builder.Services.AddSingleton(connections);
builder.Services.AddDbContext<AppDbContext>(options => DatabaseConnections.Configure(options, connections.App));

// Accounts: no self-registration (administrators create users); lockout after repeated failures.
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

// The sign-in cookie: a working day long, sliding; under /api it never redirects to the login page.
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
    options.Events.OnRedirectToLogin = ApiAwareRedirects.ToLogin;
    options.Events.OnRedirectToAccessDenied = ApiAwareRedirects.ToAccessDenied;
});

// Host names answered and reverse proxies believed (PEI_ALLOWED_HOSTS, PEI_FORWARDED_PROXIES, PEI_FORWARDED_NETWORKS).
builder.AddPeiHostsAndProxies();

// Keys on disk so a restart does not sign everyone out.
var keysDirectory = builder.Configuration["PEI_KEYS_DIR"] is { Length: > 0 } keys
    ? keys
    : Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys");
builder.Services.AddDataProtection().SetApplicationName("PeiTracker").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

// Everything requires sign-in unless a page or endpoint says otherwise; each person reads only their institution's
// data (InstitutionScope, ADR 0013) and a Registrador only their units' indicators (UserScope). The JSON API authenticates with personal tokens, never with the cookie, so no
// cross-site request can use it.
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.EditPlan, p => p.RequireRole(Roles.Administrador, Roles.Planificador))
    .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrador))
    .AddPolicy(Policies.AdministerPlatform, p => p.RequireRole(Roles.AdministradorPlataforma))
    .AddPolicy(ApiV1.Policy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
builder.Services.AddScoped<UserScope>();
builder.Services.AddScoped<InstitutionScope>();

// The JSON API describes itself at /api/v1/openapi.json for the source systems that call it.
builder.Services.AddOpenApi("v1", ApiV1.Describe);

// Errors: problem details for the API; a database that cannot be reached is told apart from a bug;
// an unreadable API body is a Spanish 400 (ApiBadRequest).
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseUnavailable>();
builder.Services.AddExceptionHandler<ApiBadRequest>();

// The API reads JSON strictly: a number sent as text is refused (and the OpenAPI schema says "integer", not
// "integer or string"); an unreadable body throws, in every environment, so ApiBadRequest answers it in Spanish.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

// Pages: validation messages are ours, in Spanish (no implicit English "field is required" for
// non-nullable strings); whole numbers are plain digits; a post no handler takes is a 400.
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Administracion", Policies.Administer);
    options.Conventions.AuthorizeFolder("/Plataforma", Policies.AdministerPlatform);
    options.Conventions.AllowAnonymousToPage("/Cuenta/Ingresar");
    options.Conventions.AddPageApplicationModelConvention("/Cuenta/Ingresar",
        model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.Login)));
    options.Conventions.AddPageApplicationModelConvention(AccountStatusMiddleware.ChangePasswordPath,
        model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.ChangePassword)));
    options.Conventions.AllowAnonymousToPage("/Error");
}).AddMvcOptions(options =>
{
    options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    SpanishBindingMessages.Apply(options.ModelBindingMessageProvider);
    options.ModelBinderProviders.Insert(0, new PlainWholeNumberBinderProvider());
    options.Filters.Add(new UnknownHandlerFilter());
});

// Validators live next to the input they check; pages and endpoints call them and show the messages (ADR 0003).
// They hold no state, so one instance of each serves every request.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

// Spanish text is written as is (á, ñ), not as numeric entities; escaping of markup is unchanged.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

// Sign-in and change-password posts are rate limited, on top of the per-account lockout (RateLimits).
builder.Services.AddPeiRateLimits(builder.Configuration);

// /health answers from the database's state, for load balancers and operators.
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

// One clock for the whole app: pages and services take TimeProvider instead of reading DateTime.Now.
builder.Services.AddSingleton(TimeProvider.System);

// Start-up work: migrations, the official plan, demo and synthetic data.
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<PlanSeeder>();
builder.Services.AddScoped<ArticulationSeeder>();
builder.Services.AddScoped<PeiTracker.Web.Points.ReportingPointImport>();
builder.Services.AddScoped<PeiTracker.Web.Points.ReportingPointSeeder>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<SyntheticPlans>();
builder.Services.AddScoped<SyntheticPointFigures>();
builder.Services.AddSingleton<DemoMode>();

// Progress: computed views of the most used plans stay in memory, checked against each plan's data version
// (ADR 0007). Rendered dashboard and national bodies (<cache> in the pages) are bounded well below the
// framework's 100 MB: a national body takes about 3 MB, a dashboard about 0.2 MB. The indicator page's
// definitions (ficha, logros esperados) are kept the same way, a few kB each.
builder.Services.AddScoped<PlanProgressService>();
builder.Services.AddSingleton(new ProgressCache(builder.Configuration.GetValue("PEI_PROGRESS_CACHE_PLANS", 64)));
builder.Services.AddSingleton(new IndicatorSheetCache(builder.Configuration.GetValue("PEI_INDICATOR_SHEETS", 2048)));
builder.Services.AddSingleton(new PeiTracker.Web.Pages.Plan.ArticulationMapCache(builder.Configuration.GetValue("PEI_ARTICULATION_MAPS", 2048)));
builder.Services.AddSingleton(new PeiTracker.Web.Points.PointBreakdownCache(builder.Configuration.GetValue("PEI_INDICATOR_SHEETS", 2048)));
builder.Services.AddSingleton<PlanSummaryCache>();
builder.Services.AddScoped<PlanSummaryStore>();
builder.Services.AddScoped<NationalProgressService>();
builder.Services.AddHostedService<NationalWarmUp>();
builder.Services.Configure<CacheTagHelperOptions>(options =>
    options.SizeLimit = builder.Configuration.GetValue("PEI_FRAGMENT_CACHE_MB", 32) * 1024L * 1024L);

// Writes: one entry path for values and one audited writer for every change.
builder.Services.AddScoped<ValueEntryService>();
builder.Services.AddScoped<PeiTracker.Web.Points.PointEntryService>();
builder.Services.AddScoped<PeiTracker.Web.Imports.BulkEntryImport>();
builder.Services.AddScoped<PeiTracker.Web.Points.PointBulkImport>();
builder.Services.AddScoped<ValueConversations>();
builder.Services.AddScoped<AuditedWriter>();

// Transparencia: anonymous pages read the database only through what was published.
builder.Services.AddScoped<PeiTracker.Web.Pages.Transparencia.PublishedRecords>();

// E-mail: notices go into the outbox table with the change that causes them; a worker in every instance sends
// them over SMTP (PEI_SMTP_*), claiming rows with FOR UPDATE SKIP LOCKED so no two instances send one (ADR 0014).
builder.Services.AddSingleton(MailSettings.Read(builder.Configuration));
builder.Services.AddSingleton<SmtpMailSender>();
builder.Services.AddScoped<NoticeRecipients>();
builder.Services.AddScoped<ValueNotices>();
builder.Services.AddScoped<OutboxDispatcher>();
builder.Services.AddScoped<MyNotices>();
builder.Services.AddScoped<NoticePreferences>();
builder.Services.AddSingleton<UnsubscribeTokens>();
if (builder.Configuration.GetValue("PEI_MAIL_WORKER", true))
{
    builder.Services.AddHostedService<OutboxWorker>();
}

// Reminders before and after deadlines, commitments due, the weekly and daily digests: a pass every minute in every
// instance, under a PostgreSQL advisory lock, with event ids derived from what each notice is about (ADR 0021).
builder.Services.AddScoped<ReminderScheduler>();
if (builder.Configuration.GetValue("PEI_REMINDER_WORKER", true))
{
    builder.Services.AddHostedService<ReminderWorker>();
}

// Exports and imports. Uploaded matrices wait on disk between preview and confirmation: PEI_IMPORTS_DIR
// must be shared if several instances run.
builder.Services.AddSingleton<ChromiumPdf>();
builder.Services.AddSingleton<PdfRenderQueue>();
var importsDirectory = builder.Configuration["PEI_IMPORTS_DIR"] is { Length: > 0 } imports ? imports : PendingUploadStore.DefaultFolder;
builder.Services.AddSingleton(sp => new PendingUploadStore(importsDirectory, sp.GetRequiredService<TimeProvider>()));

var app = builder.Build();

app.UsePeiForwardedHeaders();

// First in the pipeline, so each request's line carries its final status (after any error page)
// and the path the client asked for.
app.UseSerilogRequestLogging();

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

// Who may do what: authentication, then the account's state (deactivated, password change pending), then roles.
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseMiddleware<AccountStatusMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/health", HealthEndpoint.Options).AllowAnonymous();
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/api/{documentName}/openapi.json");
ApiV1.Map(app);
app.MapRazorPages().WithStaticAssets();

// Schema and reference data are brought up to date before the first request.
if (app.Configuration.GetValue("PEI_MIGRATE_ON_STARTUP", true))
{
    using var scope = app.Services.CreateScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}

// A command, not a server: `PeiTracker.Web sinteticos [N]` loads N synthetic entities' plans (default 2,000) and the
// MRE plan's figures from 154 reporting points (30 indicators, 12 semesters) for the benchmark, and exits.
if (args is ["sinteticos", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    using var scope = app.Services.CreateScope();
    var result = await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(count);
    Console.WriteLine($"Entidades sintéticas: {result.Added} añadidas, {result.Existing} ya existían; {result.Indicators} indicadores, " +
        $"{result.Targets} metas, {result.Values} valores en {result.Elapsed.TotalSeconds:F1} s.");
    var points = await scope.ServiceProvider.GetRequiredService<SyntheticPointFigures>().LoadAsync();
    Console.WriteLine($"Puntos de registro (plan del MRE): {points.Points} puntos, {points.Indicators} indicadores por punto, " +
        $"{points.Submissions} envíos, {points.Figures} cifras, {points.Values} valores calculados de las sumas.");
    return;
}

app.Run();

public partial class Program;
