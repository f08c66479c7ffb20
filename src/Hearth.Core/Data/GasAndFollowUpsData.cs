namespace Hearth.Core.Data;

/// <summary>
/// The data half of the GasAndFollowUps migration, one statement list per provider (docs/decisions/0004). Follow-ups
/// recorded before they had a result were checks, so they become "checked: no event" or, where an event after closure
/// was recorded by the check's date, "checked: event". Separate GAS forms are reconciled with the review ratings that
/// are now GAS's only record: an episode whose reviews already hold ratings keeps those and its forms (the same
/// answers entered twice) are dropped; any other form becomes a held review on its date rating one goal per form
/// position, the goals marked as moved with their level texts not recorded. Weights are not kept: review ratings
/// score goals equally.
/// </summary>
public static class GasAndFollowUpsData
{
    public static IReadOnlyList<string> Sqlite => Statements(
        newId: "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
        levels: "SELECT f.administration_id, f.episode_id, CAST(j.key AS INTEGER) + 1 AS position, CAST(j.value AS INTEGER) AS level FROM gas_forms f, json_each(f.responses_json) j WHERE j.type = 'integer'",
        noNeeds: "'[]'");

    public static IReadOnlyList<string> Postgres => Statements(
        newId: "gen_random_uuid()",
        levels: "SELECT f.administration_id, f.episode_id, CAST(j.position AS integer) AS position, CAST(j.value AS integer) AS level FROM gas_forms f, jsonb_array_elements_text(CAST(f.responses_json AS jsonb)) WITH ORDINALITY AS j(value, position) WHERE j.value IS NOT NULL",
        noNeeds: "ARRAY[]::uuid[]");

    private static IReadOnlyList<string> Statements(string newId, string levels, string noNeeds) =>
    [
        """
        UPDATE follow_ups SET result = CASE WHEN EXISTS (
            SELECT 1 FROM outcome_events o JOIN episodes e ON e.id = follow_ups.episode_id
            WHERE o.episode_id = follow_ups.episode_id AND o.kind IN ('ReReferral', 'ChildProtectionPlan', 'BecameLookedAfter')
              AND o.occurred_on >= e.closed_on AND o.occurred_on <= follow_ups.completed_on) THEN 'Event' ELSE 'NoEvent' END
        WHERE completed_on IS NOT NULL AND result IS NULL
        """,
        $"""
        CREATE TEMP TABLE gas_forms AS
        SELECT a.id AS administration_id, a.episode_id, a.team_id, a.completed_on, a.responses_json, {newId} AS review_id,
               ROW_NUMBER() OVER (PARTITION BY a.episode_id ORDER BY a.completed_on, a.id) AS n
        FROM measure_administrations a
        WHERE a.instrument_id = 'gas'
          AND NOT EXISTS (SELECT 1 FROM reviews r JOIN goal_ratings g ON g.review_id = r.id WHERE r.episode_id = a.episode_id)
        """,
        $"CREATE TEMP TABLE gas_levels AS {levels}",
        $"CREATE TEMP TABLE gas_goals AS SELECT d.episode_id, d.position, {newId} AS goal_id FROM (SELECT DISTINCT episode_id, position FROM gas_levels) d",
        $"""
        INSERT INTO goals (id, version, episode_id, team_id, plan_id, person_id, title, owner, target_date,
            level_minus2, level_minus1, level0, level_plus1, level_plus2, levels_set_on, need_ids, created_on)
        SELECT g.goal_id, 0, g.episode_id, e.team_id, NULL, NULL,
            'Goal ' || g.position || ' (moved from a Goal Attainment Scaling form recorded before goals were rated at reviews)', 'Not recorded', NULL,
            'Not recorded', 'Not recorded', 'Not recorded', 'Not recorded', 'Not recorded', e.opened_on, {noNeeds}, e.opened_on
        FROM gas_goals g JOIN episodes e ON e.id = g.episode_id
        """,
        """
        INSERT INTO reviews (id, version, episode_id, team_id, phase_key, sequence, due_on, held_on, attendees, progress, plan_changes, decision)
        SELECT f.review_id, 0, f.episode_id, f.team_id,
            COALESCE((SELECT p.phase_key FROM episode_phases p WHERE p.episode_id = f.episode_id AND p.started_on <= f.completed_on ORDER BY p.started_on DESC LIMIT 1), e.current_phase),
            (SELECT COUNT(*) FROM reviews r WHERE r.episode_id = f.episode_id) + f.n,
            f.completed_on, f.completed_on, NULL, 'Goal Attainment Scaling form moved into this review', NULL, NULL
        FROM gas_forms f JOIN episodes e ON e.id = f.episode_id
        WHERE EXISTS (SELECT 1 FROM gas_levels l WHERE l.administration_id = f.administration_id)
        """,
        $"""
        INSERT INTO goal_ratings (id, version, review_id, goal_id, level)
        SELECT {newId}, 0, f.review_id, g.goal_id, l.level
        FROM gas_levels l JOIN gas_forms f ON f.administration_id = l.administration_id
            JOIN gas_goals g ON g.episode_id = l.episode_id AND g.position = l.position
        """,
        "DELETE FROM measure_scores WHERE administration_id IN (SELECT id FROM measure_administrations WHERE instrument_id = 'gas')",
        "DELETE FROM measure_administrations WHERE instrument_id = 'gas'",
        "DROP TABLE gas_levels",
        "DROP TABLE gas_goals",
        "DROP TABLE gas_forms",
    ];
}
