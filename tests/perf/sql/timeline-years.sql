-- EF's SQL for the jump-to-year bar (today's view, the as-of parameters bound to true), in a count of its rows.
SELECT count(*) FROM (SELECT DISTINCT "u"."Date"
FROM (
    SELECT "e"."Date"
    FROM "Events" AS "e"
    WHERE (1 OR "e"."KnownFrom" <= NULL) AND (1 OR "e"."RecordedAt" < NULL) AND "e"."Date" IS NOT NULL
    UNION ALL
    SELECT "m"."ReleasedOn" AS "Date"
    FROM "Models" AS "m"
    WHERE (1 OR "m"."KnownFrom" <= NULL) AND (1 OR "m"."RecordedAt" < NULL) AND "m"."ReleasedOn" IS NOT NULL
) AS "u");
;
