using System.CommandLine;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>`hearth people show|update`: read a person's record and correct it with a reason, as the person pages do.</summary>
internal static class PeopleCommands
{
    public static Command Build(CliEnvironment env)
    {
        var people = new Command("people", "Read and correct a person's record.");
        people.Subcommands.Add(Show(env));
        people.Subcommands.Add(Update(env));
        return people;
    }

    private static Argument<string> PersonArgument() => new("PERSON") { Description = "The person's id (as the API and the family record's links give it)." };

    private static Command Show(CliEnvironment env)
    {
        var person = PersonArgument();
        var show = new Command("show", "Print a person's details and address history (the read is audited).") { person };
        show.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            if (!Guid.TryParse(parse.GetValue(person), out var id))
            {
                await env.Error.WriteLineAsync("error: PERSON must be a person's id.");
                return CliEnvironment.Failed;
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var record = await scope.ServiceProvider.GetRequiredService<PersonDetailsService>().ReadAsync(env.Actor, id, ct);
            await WriteAsync(env.Out, record);
            return CliEnvironment.Ok;
        }));
        return show;
    }

    private static Command Update(CliEnvironment env)
    {
        var person = PersonArgument();
        var reason = new Option<string>("--reason") { Description = "Why the record is being changed; kept in the audit trail.", Required = true };
        var expectedVersion = new Option<int?>("--expected-version") { Description = "The version you read (from `people show`); refused if the record changed since." };
        Option<string?> Text(string name, string description) => new(name) { Description = description + " An empty value clears it." };
        var givenName = Text("--given-name", "First name.");
        var familyName = Text("--family-name", "Last name.");
        var knownAs = Text("--known-as", "The name the person is known by.");
        var dateOfBirth = Text("--date-of-birth", "Date of birth, YYYY-MM-DD.");
        var expectedDateOfBirth = Text("--expected-date-of-birth", "Expected date of birth of an unborn child, YYYY-MM-DD.");
        var sex = Text("--sex", "male, female or unknown.");
        var genderIdentity = Text("--gender-identity", "Gender identity in the person's own words.");
        var ethnicity = Text("--ethnicity", "DfE ethnicity code, e.g. WBRI.");
        var disability = new Option<string[]>("--disability") { Description = "DfE disability code, e.g. AUT; repeat for more; an empty value clears them.", AllowMultipleArgumentsPerToken = true };
        var firstLanguage = Text("--first-language", "First language.");
        var councilChildId = Text("--council-child-id", "The council's child identifier (CIN census LAchildID).");
        var upn = Text("--upn", "Unique pupil number.");
        var formerUpn = Text("--former-upn", "Former unique pupil number.");
        var nhsNumber = Text("--nhs-number", "NHS number.");
        var postcode = Text("--postcode", "Postcode where the person lives now (corrects the current address's).");
        var dateOfDeath = Text("--date-of-death", "Date of death, YYYY-MM-DD.");
        var newAddress = new Option<string?>("--new-address") { Description = "The person moved: the new address (with --moved-in and optionally --new-postcode)." };
        var newPostcode = new Option<string?>("--new-postcode") { Description = "Postcode of the new address." };
        var movedIn = new Option<string?>("--moved-in") { Description = "Date the person moved to the new address, YYYY-MM-DD; the current address ends the day before." };
        var endAddress = new Option<string?>("--end-address-on") { Description = "The person left the current address on this date (YYYY-MM-DD) and the new one is not known." };
        var update = new Command("update", "Correct a person's details, address history or date of death, with a reason. Only the options given change.")
        {
            person, reason, expectedVersion, givenName, familyName, knownAs, dateOfBirth, expectedDateOfBirth, sex, genderIdentity, ethnicity, disability,
            firstLanguage, councilChildId, upn, formerUpn, nhsNumber, postcode, dateOfDeath, newAddress, newPostcode, movedIn, endAddress,
        };
        update.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            if (!Guid.TryParse(parse.GetValue(person), out var id))
            {
                await env.Error.WriteLineAsync("error: PERSON must be a person's id.");
                return CliEnvironment.Failed;
            }
            var errors = new List<string>();
            bool Given(Option option) => parse.GetResult(option) is not null;
            string? Value(Option<string?> option, string? keep) => Given(option) ? Blank(parse.GetValue(option)) : keep;
            DateOnly? Date(Option<string?> option, DateOnly? keep)
            {
                if (!Given(option))
                {
                    return keep;
                }
                var text = Blank(parse.GetValue(option));
                if (text is null)
                {
                    return null;
                }
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
                errors.Add($"error: {option.Name} must be a date in the form YYYY-MM-DD.");
                return keep;
            }

            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var service = scope.ServiceProvider.GetRequiredService<PersonDetailsService>();
            var current = (await service.ReadAsync(env.Actor, id, ct)).Person;
            var d = PersonDetails.Of(current);
            var sexValue = d.Sex;
            if (Given(sex) && !(Enum.GetNames<Sex>().Contains(parse.GetValue(sex)?.Trim(), StringComparer.OrdinalIgnoreCase) && Enum.TryParse(parse.GetValue(sex), ignoreCase: true, out sexValue)))
            {
                errors.Add("error: --sex must be male, female or unknown.");
            }
            var details = d with
            {
                GivenName = Value(givenName, d.GivenName) ?? "", FamilyName = Value(familyName, d.FamilyName) ?? "", KnownAs = Value(knownAs, d.KnownAs),
                DateOfBirth = Date(dateOfBirth, d.DateOfBirth), ExpectedDateOfBirth = Date(expectedDateOfBirth, d.ExpectedDateOfBirth), Sex = sexValue,
                GenderIdentity = Value(genderIdentity, d.GenderIdentity), EthnicityCode = Value(ethnicity, d.EthnicityCode),
                DisabilityCodes = Given(disability) ? parse.GetValue(disability) ?? [] : d.DisabilityCodes, FirstLanguage = Value(firstLanguage, d.FirstLanguage),
                CouncilChildId = Value(councilChildId, d.CouncilChildId), Upn = Value(upn, d.Upn), FormerUpn = Value(formerUpn, d.FormerUpn),
                NhsNumber = Value(nhsNumber, d.NhsNumber), Postcode = Value(postcode, d.Postcode), DateOfDeath = Date(dateOfDeath, d.DateOfDeath),
            };
            var moved = Date(movedIn, null);
            if (Given(newAddress) && moved is null)
            {
                errors.Add("error: --moved-in: give the date the person moved to the new address.");
            }
            var endOn = Date(endAddress, null);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await env.Error.WriteLineAsync(error);
                }
                return CliEnvironment.Failed;
            }
            var correction = new PersonCorrection(details, parse.GetValue(reason) ?? "")
            {
                MoveTo = Given(newAddress) ? new NewAddress(parse.GetValue(newAddress) ?? "", parse.GetValue(newPostcode), moved!.Value) : null,
                EndCurrentAddressOn = endOn,
            };
            try
            {
                await service.CorrectAsync(env.Actor, id, parse.GetValue(expectedVersion) ?? current.Version, correction, ct);
            }
            catch (ConcurrencyConflictException)
            {
                await env.Error.WriteLineAsync("error: the person's record was changed since the version given; run `people show` and try again.");
                return CliEnvironment.Failed;
            }
            var saved = await service.ReadAsync(env.Actor, id, ct);
            await env.Out.WriteLineAsync($"Saved the changes to {saved.Person.GivenName} {saved.Person.FamilyName}'s record (version {saved.Person.Version}).");
            return CliEnvironment.Ok;
        }));
        return update;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static async Task WriteAsync(TextWriter o, PersonRecord record)
    {
        var p = record.Person;
        static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        await o.WriteLineAsync($"id: {p.Id}");
        await o.WriteLineAsync($"version: {p.Version}");
        await o.WriteLineAsync($"name: {p.GivenName} {p.FamilyName}{(p.KnownAs is null ? "" : $" (known as {p.KnownAs})")}");
        await o.WriteLineAsync($"date of birth: {Date(p.DateOfBirth)}");
        await o.WriteLineAsync($"expected date of birth: {Date(p.ExpectedDateOfBirth)}");
        await o.WriteLineAsync($"sex: {p.Sex}");
        await o.WriteLineAsync($"gender identity: {p.GenderIdentity}");
        await o.WriteLineAsync($"ethnicity: {(p.EthnicityCode is { } e ? $"{e} ({DfeCodes.EthnicityLabel(e)})" : "")}");
        await o.WriteLineAsync($"disability: {string.Join(", ", p.DisabilityCodes.Select(c => $"{c} ({DfeCodes.DisabilityLabel(c)})"))}");
        await o.WriteLineAsync($"first language: {p.FirstLanguage}");
        await o.WriteLineAsync($"council child id: {p.CouncilChildId}");
        await o.WriteLineAsync($"upn: {p.Upn}");
        await o.WriteLineAsync($"former upn: {p.FormerUpn}");
        await o.WriteLineAsync($"nhs number: {p.NhsNumber}");
        await o.WriteLineAsync($"postcode: {p.Postcode}");
        await o.WriteLineAsync($"date of death: {Date(p.DateOfDeath)}");
        foreach (var a in record.Addresses)
        {
            await o.WriteLineAsync($"address: {a.Lines}{(a.Postcode is null ? "" : ", " + a.Postcode)} from {Date(a.From)}{(a.To is { } to ? " to " + Date(to) : " (current)")}");
        }
    }
}
