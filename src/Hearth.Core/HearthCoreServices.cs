using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Failed sign-ins before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int MinimumPasswordLength { get; set; } = 12;
}

public static class HearthCoreServices
{
    /// <summary>Registers the DbContext for the configured provider, Identity's stores and every Core service.</summary>
    public static IServiceCollection AddHearthCore(this IServiceCollection services, IConfiguration configuration)
    {
        var dbOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var (provider, connectionString) = DatabaseSetup.Resolve(dbOptions);
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddSingleton(dbOptions);
        services.AddSingleton(security);
        services.AddSingleton(new DatabaseConnection(provider, connectionString));
        services.AddDbContext<HearthDbContext>(o => DatabaseSetup.Configure(o, provider, connectionString));
        services.AddIdentityCore<HearthUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = security.MinimumPasswordLength;
                // NCSC guidance: length beats composition rules.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
            })
            .AddEntityFrameworkStores<HearthDbContext>();
        services.AddScoped<HearthDatabase>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<UserService>();
        services.AddScoped<TokenService>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PeopleService>();
        services.AddScoped<PersonSearch>();
        services.AddScoped<FamilyList>();
        services.AddScoped<PersonDetailsService>();
        services.AddScoped<Returns.Census.CensusExport>();
        services.AddScoped<Statutory.StatutoryService>();
        services.AddScoped<Programmes.ProgrammeService>();
        services.AddScoped<Programmes.ProgrammeEditor>();
        services.AddScoped<Referrals.ReferralService>();
        services.AddScoped<Referrals.TriageService>();
        services.AddScoped<Referrals.WaitingListService>();
        services.AddScoped<Episodes.EpisodeService>();
        services.AddScoped<Episodes.AllocationService>();
        services.AddScoped<Referrals.JourneyImport>();
        services.AddScoped<FamilyRecordService>();
        Casework.CaseworkRegistration.Register(services);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReportInputService>();
        services.AddScoped<Dashboard>();
        services.AddScoped<Measures.MeasureService>();
        services.AddScoped<Measures.MeasuresDueQuery>();
        services.AddScoped<Measures.MeasureChangeQuery>();
        // Item wording is licensed: shown only when a council points Measures:LabelsFile at its own labels.
        services.AddSingleton(_ => configuration["Measures:LabelsFile"] is { Length: > 0 } labels
            ? Measures.ItemLabels.Parse(File.ReadAllText(labels), Measures.InstrumentCatalog.All)
            : Measures.ItemLabels.None);
        services.AddScoped<Results.EvidenceService>();
        services.AddScoped<Results.EvidenceImport>();
        services.AddScoped<Results.FrameworkService>();
        services.AddScoped<Results.ResultsService>();
        services.AddScoped<Results.ClaimService>();
        services.AddScoped<Results.FinanceService>();
        services.AddScoped<DataProtection.SubjectAccessExport>();
        services.AddScoped<DataProtection.DatabaseBackup>();
        ReportCatalogue.Register(services);
        return services;
    }
}

/// <summary>The resolved database choice, for code that needs to know the provider (health checks, messages).</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);
