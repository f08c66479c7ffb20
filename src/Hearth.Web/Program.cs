using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;

// "--demo" is a switch of ours, not a configuration key: take it out before ASP.NET Core parses the rest.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
{
    builder.Configuration["Demo:Enabled"] = "true";
}

try
{
    builder.Services.AddHearthCore(builder.Configuration);
}
catch (DatabaseConfigurationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
builder.Services.AddSingleton(TimeProvider.System);
try
{
    builder.Services.AddHearthWeb(builder.Configuration, builder.Environment);
}
catch (SettingException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

var app = builder.Build();
try
{
    await DatabaseStartup.PrepareAsync(app);
}
catch (DatabaseConfigurationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

app.UseHearthWeb();
await app.RunAsync();
return 0;

/// <summary>The web entry point; public so page tests can host it.</summary>
public partial class Program;
