using Hearth.Core.Data;

namespace Hearth.Core.Organisation;

/// <summary>A family support service (IFSS Site 1, IFIT, York IFS, FACT22) run by the council or a partner.</summary>
public sealed class Service : Entity
{
    public required string Name { get; set; }
    /// <summary>Short stable identifier used by imports and the CLI, e.g. "ifss-1".</summary>
    public required string Code { get; set; }
    public string? Description { get; set; }
    /// <summary>The programme the service runs (e.g. "ifss"); its version in effect on a date configures the episodes opened then.</summary>
    public string? ProgrammeCode { get; set; }
    /// <summary>The day the service stopped; from then it takes no new referrals or allocations but keeps its history.</summary>
    public DateOnly? ClosedOn { get; set; }
    public List<Team> Teams { get; set; } = [];
}

/// <summary>A team within a service: the unit of caseload, capacity and access.</summary>
public sealed class Team : Entity
{
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public required string Name { get; set; }
    public required string Code { get; set; }
    /// <summary>The area the team covers, used when suggesting allocations.</summary>
    public string? Patch { get; set; }
    /// <summary>The base or venue the team works from, e.g. "Riverside Family Hub".</summary>
    public string? Base { get; set; }
    /// <summary>The day the team stopped; from then it takes no new referrals or allocations but keeps its history.</summary>
    public DateOnly? ClosedOn { get; set; }
    public List<Worker> Workers { get; set; } = [];
}

/// <summary>A member of staff (or volunteer) who carries cases.</summary>
public sealed class Worker : Entity
{
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Name { get; set; }
    /// <summary>Job title as the council uses it, e.g. "Family practitioner", "Consultant social worker".</summary>
    public required string JobTitle { get; set; }
    /// <summary>Full-time equivalent, 0.1 to 1.0.</summary>
    public decimal Fte { get; set; } = 1m;
    /// <summary>Most open intensive episodes the worker may hold at once (IFSS: 2, one starting as one finishes).</summary>
    public int MaxIntensiveCases { get; set; } = 2;
    public List<string> Specialisms { get; set; } = [];
    public string? Patch { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? LeavingDate { get; set; }
    /// <summary>
    /// False once the worker has left. Their open allocations are then the cases needing reallocation, and a user
    /// linked to them can no longer sign in.
    /// </summary>
    public bool IsActive { get; set; } = true;
}
