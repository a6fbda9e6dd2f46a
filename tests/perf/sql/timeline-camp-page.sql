-- EF's SQL for /timeline?camp=general (today's view: the as-of parameters bound to true, the camp to 'General'), as logged by the app.
SELECT "u"."Id", "u"."IsRelease", "u"."Key", "u"."Slug", "u"."Date", "u"."Kind", "u"."TitleZh", "u"."TitleEn"
FROM (
    SELECT "e3"."Id", "e3"."IsRelease", "e3"."Key", "e3"."Key" AS "Slug", "e3"."Date", "e3"."Kind", "e3"."TitleZh", "e3"."TitleEn"
    FROM (
        SELECT "e"."Id", 0 AS "IsRelease", "e"."Slug" AS "Key", "e"."Date", "e"."Kind", "e"."TitleZh", "e"."TitleEn"
        FROM "Events" AS "e"
        WHERE (1 OR "e"."KnownFrom" <= NULL) AND (1 OR "e"."RecordedAt" < NULL) AND EXISTS (
            SELECT 1
            FROM "EventOrganizations" AS "e0"
            WHERE "e0"."EventId" = "e"."Id" AND (
                SELECT "o"."Camp"
                FROM "Organizations" AS "o"
                WHERE (1 OR "o"."KnownFrom" <= NULL) AND (1 OR "o"."RecordedAt" < NULL) AND "o"."Id" = "e0"."OrganizationsId"
                LIMIT 1) = 'General')
        ORDER BY "e"."Date" IS NULL, "e"."Date", "e"."Slug"
        LIMIT 100
    ) AS "e3"
    UNION ALL
    SELECT "m2"."Id", "m2"."IsRelease", "m2"."Key", "m2"."Slug", "m2"."Date", "m2"."Kind", "m2"."TitleZh", "m2"."TitleZh" AS "TitleEn"
    FROM (
        SELECT "m"."Id", 1 AS "IsRelease", 'model:' || "m"."Slug" AS "Key", "m"."Slug", "m"."ReleasedOn" AS "Date", NULL AS "Kind", "m"."Name" AS "TitleZh"
        FROM "Models" AS "m"
        WHERE (1 OR "m"."KnownFrom" <= NULL) AND (1 OR "m"."RecordedAt" < NULL) AND "m"."ReleasedOn" IS NOT NULL AND NOT EXISTS (
            SELECT 1
            FROM "EventModels" AS "e1"
            WHERE "e1"."ModelsId" = "m"."Id" AND EXISTS (
                SELECT 1
                FROM "Events" AS "e2"
                WHERE (1 OR "e2"."KnownFrom" <= NULL) AND (1 OR "e2"."RecordedAt" < NULL) AND "e2"."Id" = "e1"."EventId" AND "e2"."Kind" = 'ModelRelease' AND "e2"."Date" = "m"."ReleasedOn")) AND EXISTS (
            SELECT 1
            FROM "ModelOrganizations" AS "m0"
            WHERE (1 OR EXISTS (
                SELECT 1
                FROM "Models" AS "m1"
                WHERE (1 OR "m1"."KnownFrom" <= NULL) AND (1 OR "m1"."RecordedAt" < NULL) AND "m1"."Id" = "m0"."ModelId")) AND "m0"."ModelId" = "m"."Id" AND (
                SELECT "o0"."Camp"
                FROM "Organizations" AS "o0"
                WHERE (1 OR "o0"."KnownFrom" <= NULL) AND (1 OR "o0"."RecordedAt" < NULL) AND "o0"."Id" = "m0"."OrganizationId"
                LIMIT 1) = 'General')
        ORDER BY "m"."ReleasedOn", 'model:' || "m"."Slug"
        LIMIT 100
    ) AS "m2"
) AS "u"
ORDER BY "u"."Date" IS NULL, "u"."Date", "u"."Key"
LIMIT 100 OFFSET 0
;
