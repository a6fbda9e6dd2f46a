-- EF's SQL for /timeline?camp=general (today's view: the as-of parameters bound to true, the camp to 'General'), as logged by the app.
SELECT COUNT(*)
FROM (
    SELECT 1
    FROM "Events" AS "e"
    WHERE (1 OR "e"."KnownFrom" <= NULL) AND (1 OR "e"."RecordedAt" < NULL) AND "e"."Id" IN (
        SELECT "e0"."EventId"
        FROM "EventOrganizations" AS "e0"
        WHERE "e0"."OrganizationsId" IN (
            SELECT "o"."Id"
            FROM "Organizations" AS "o"
            WHERE (1 OR "o"."KnownFrom" <= NULL) AND (1 OR "o"."RecordedAt" < NULL) AND "o"."Camp" = 'General'
        )
    )
    UNION ALL
    SELECT 1
    FROM "Models" AS "m"
    WHERE (1 OR "m"."KnownFrom" <= NULL) AND (1 OR "m"."RecordedAt" < NULL) AND "m"."ReleasedOn" IS NOT NULL AND NOT EXISTS (
        SELECT 1
        FROM "EventModels" AS "e1"
        WHERE "e1"."ModelsId" = "m"."Id" AND EXISTS (
            SELECT 1
            FROM "Events" AS "e2"
            WHERE (1 OR "e2"."KnownFrom" <= NULL) AND (1 OR "e2"."RecordedAt" < NULL) AND "e2"."Id" = "e1"."EventId" AND "e2"."Kind" = 'ModelRelease' AND "e2"."Date" = "m"."ReleasedOn")) AND "m"."Id" IN (
        SELECT "m0"."ModelId"
        FROM "ModelOrganizations" AS "m0"
        WHERE (1 OR EXISTS (
            SELECT 1
            FROM "Models" AS "m1"
            WHERE (1 OR "m1"."KnownFrom" <= NULL) AND (1 OR "m1"."RecordedAt" < NULL) AND "m1"."Id" = "m0"."ModelId")) AND "m0"."OrganizationId" IN (
            SELECT "o0"."Id"
            FROM "Organizations" AS "o0"
            WHERE (1 OR "o0"."KnownFrom" <= NULL) AND (1 OR "o0"."RecordedAt" < NULL) AND "o0"."Camp" = 'General'
        )
    )
) AS "u";
