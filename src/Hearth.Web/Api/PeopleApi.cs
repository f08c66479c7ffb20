using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// A person's full record under /api/v1/people: read it with its address history, and correct it with a reason (PUT the
/// whole record, or PATCH only the fields sent). Every change carries the version the caller read; a stale one is 409.
/// </summary>
public static class PeopleApi
{
    public static void MapPeopleApi(this RouteGroupBuilder v1)
    {
        var people = v1.MapGroup("/people").RequireAuthorization(Policies.For(Permission.ViewFamilies));
        var casework = Policies.For(Permission.RecordCasework);

        people.MapGet("/{id:guid}", async (HttpContext http, PersonDetailsService service, Guid id, CancellationToken ct) =>
            TypedResults.Ok(PersonResponse.From(await service.ReadAsync(http.User.ToActor(), id, ct))))
            .WithName("GetPersonDetails").WithSummary("A person's details and address history; the read is written to the audit trail.");

        people.MapPut("/{id:guid}", async (HttpContext http, PersonDetailsService service, Guid id, PersonChangeRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var sex = ApiEnum.Parse<Sex>(body.Sex ?? "Unknown", "Sex", v);
            v.ThrowIfAny();
            var details = new PersonDetails
            {
                GivenName = body.GivenName ?? "", FamilyName = body.FamilyName ?? "", KnownAs = body.KnownAs, DateOfBirth = body.DateOfBirth,
                ExpectedDateOfBirth = body.ExpectedDateOfBirth, Sex = sex, GenderIdentity = body.GenderIdentity, EthnicityCode = body.EthnicityCode,
                DisabilityCodes = body.DisabilityCodes ?? [], FirstLanguage = body.FirstLanguage, CouncilChildId = body.CouncilChildId, Upn = body.Upn,
                FormerUpn = body.FormerUpn, NhsNumber = body.NhsNumber, Postcode = body.Postcode, DateOfDeath = body.DateOfDeath,
            };
            return await SaveAsync(http, service, id, body.Version, details, body.Reason, body.MoveTo, body.EndCurrentAddressOn, ct);
        }).RequireAuthorization(casework).WithName("ReplacePersonDetails")
            .WithSummary("Sets every detail of the person (omitted ones are cleared) with a reason; optionally moveTo a new address or endCurrentAddressOn.");

        people.MapPatch("/{id:guid}", async (HttpContext http, PersonDetailsService service, Guid id, JsonElement body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var current = (await service.ReadAsync(actor, id, ct)).Person;
            var request = Patch.Read(body, PersonDetails.Of(current));
            return await SaveAsync(http, service, id, request.Version, request.Details, request.Reason, request.MoveTo, request.EndCurrentAddressOn, ct);
        }).RequireAuthorization(casework).WithName("CorrectPersonDetails")
            .WithSummary("Changes only the fields sent (null clears one) with version and reason; moveTo and endCurrentAddressOn as for PUT.");
    }

    private static async Task<IResult> SaveAsync(HttpContext http, PersonDetailsService service, Guid id, int version, PersonDetails details, string? reason,
        NewAddressRequest? moveTo, DateOnly? endCurrentAddressOn, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var correction = new PersonCorrection(details, reason ?? "")
        {
            MoveTo = moveTo is null ? null : new NewAddress(moveTo.Lines ?? "", moveTo.Postcode, moveTo.From),
            EndCurrentAddressOn = endCurrentAddressOn,
        };
        await service.CorrectAsync(actor, id, version, correction, ct);
        return TypedResults.Ok(PersonResponse.From(await service.ReadAsync(actor, id, ct)));
    }

    /// <summary>A PATCH body: the fields present replace the record's, the rest keep their values.</summary>
    private static class Patch
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public static (int Version, PersonDetails Details, string? Reason, NewAddressRequest? MoveTo, DateOnly? EndCurrentAddressOn) Read(JsonElement body, PersonDetails d)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationFailedException("Body", "Send a JSON object of the fields to change, with version and reason");
            }
            var v = new Validator();
            var fields = body.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
            T Get<T>(string name, T keep)
            {
                if (!fields.TryGetValue(name, out var value))
                {
                    return keep;
                }
                try
                {
                    return value.Deserialize<T>(Json)!;
                }
                catch (JsonException)
                {
                    v.Add(char.ToUpperInvariant(name[0]) + name[1..], $"The value of {name} cannot be read");
                    return keep;
                }
            }
            var version = Get<int?>("version", null);
            if (version is null)
            {
                v.Add("Version", "Send the version of the person you read");
            }
            var sexText = Get<string?>("sex", d.Sex.ToString());
            var sex = ApiEnum.Parse<Sex>(sexText ?? "Unknown", "Sex", v);
            var details = d with
            {
                GivenName = Get("givenName", d.GivenName) ?? "", FamilyName = Get("familyName", d.FamilyName) ?? "", KnownAs = Get("knownAs", d.KnownAs),
                DateOfBirth = Get("dateOfBirth", d.DateOfBirth), ExpectedDateOfBirth = Get("expectedDateOfBirth", d.ExpectedDateOfBirth), Sex = sex,
                GenderIdentity = Get("genderIdentity", d.GenderIdentity), EthnicityCode = Get("ethnicityCode", d.EthnicityCode),
                DisabilityCodes = Get<IReadOnlyList<string>?>("disabilityCodes", d.DisabilityCodes) ?? [], FirstLanguage = Get("firstLanguage", d.FirstLanguage),
                CouncilChildId = Get("councilChildId", d.CouncilChildId), Upn = Get("upn", d.Upn), FormerUpn = Get("formerUpn", d.FormerUpn),
                NhsNumber = Get("nhsNumber", d.NhsNumber), Postcode = Get("postcode", d.Postcode), DateOfDeath = Get("dateOfDeath", d.DateOfDeath),
            };
            var reason = Get<string?>("reason", null);
            var moveTo = Get<NewAddressRequest?>("moveTo", null);
            var end = Get<DateOnly?>("endCurrentAddressOn", null);
            v.ThrowIfAny();
            return (version!.Value, details, reason, moveTo, end);
        }
    }

    public sealed record NewAddressRequest(string? Lines, string? Postcode, DateOnly From);

    public sealed record PersonChangeRequest(int Version, string? Reason, string? GivenName, string? FamilyName, string? KnownAs, DateOnly? DateOfBirth,
        DateOnly? ExpectedDateOfBirth, string? Sex, string? GenderIdentity, string? EthnicityCode, IReadOnlyList<string>? DisabilityCodes, string? FirstLanguage,
        string? CouncilChildId, string? Upn, string? FormerUpn, string? NhsNumber, string? Postcode, DateOnly? DateOfDeath, NewAddressRequest? MoveTo,
        DateOnly? EndCurrentAddressOn);

    public sealed record AddressResponse(Guid Id, string Lines, string? Postcode, DateOnly From, DateOnly? To);

    public sealed record PersonResponse(Guid Id, int Version, Guid? FamilyId, string GivenName, string FamilyName, string? KnownAs, DateOnly? DateOfBirth,
        DateOnly? ExpectedDateOfBirth, string Sex, string? GenderIdentity, string? EthnicityCode, IReadOnlyList<string> DisabilityCodes, string? FirstLanguage,
        string? CouncilChildId, string? Upn, string? FormerUpn, string? NhsNumber, string? Postcode, DateOnly? DateOfDeath, IReadOnlyList<AddressResponse> Addresses)
    {
        public static PersonResponse From(PersonRecord r)
        {
            var p = r.Person;
            return new(p.Id, p.Version, p.FamilyId, p.GivenName, p.FamilyName, p.KnownAs, p.DateOfBirth, p.ExpectedDateOfBirth, p.Sex.ToString(), p.GenderIdentity,
                p.EthnicityCode, p.DisabilityCodes, p.FirstLanguage, p.CouncilChildId, p.Upn, p.FormerUpn, p.NhsNumber, p.Postcode, p.DateOfDeath,
                r.Addresses.Select(a => new AddressResponse(a.Id, a.Lines, a.Postcode, a.From, a.To)).ToList());
        }
    }
}
