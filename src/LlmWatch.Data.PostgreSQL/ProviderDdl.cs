using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmWatch.Data.PostgreSQL;

/// <summary>
/// PostgreSQL's own DDL that the model cannot say, run by the Initial migration: the search index (the SQLite migrations'
/// FTS5 tables, here a pg_trgm text and a table of short grams: see OrganizationSearch), the directory's expression indexes
/// for the name sorts and the timeline's date order (SQLite's ScaleIndexes and BrowseIndexes), and the triggers that keep
/// the audit trail append-only (SQLite's AccountsAndAudit).
/// </summary>
internal static class ProviderDdl
{
    public static void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE "OrganizationSearch" (
                "Id" integer PRIMARY KEY,
                "Names" text COLLATE "C" NOT NULL,
                "Pinyin" text COLLATE "C" NOT NULL);
            CREATE INDEX "IX_OrganizationSearch_Names" ON "OrganizationSearch" USING gin ("Names" gin_trgm_ops);
            CREATE INDEX "IX_OrganizationSearch_Pinyin" ON "OrganizationSearch" USING gin ("Pinyin" gin_trgm_ops);
            CREATE TABLE "OrganizationGrams" (
                "Gram" text COLLATE "C" NOT NULL,
                "Id" integer NOT NULL,
                PRIMARY KEY ("Gram", "Id"));
            CREATE INDEX "IX_OrganizationGrams_Id" ON "OrganizationGrams" ("Id");
            """);
        // The queries sort with NULLS FIRST ascending (as SQLite does; see PostgreSql): the indexes say the same.
        m.Sql("""
            CREATE INDEX "IX_Organizations_Camp_NameSortEn" ON "Organizations" ("Camp", lower("NameEn") NULLS FIRST, "Slug" NULLS FIRST);
            CREATE INDEX "IX_Organizations_Camp_NameSortZh" ON "Organizations" ("Camp", lower(COALESCE("Pinyin", "NameEn")) NULLS FIRST, "Slug" NULLS FIRST);
            CREATE INDEX "IX_Organizations_NameSortEn" ON "Organizations" (lower("NameEn") NULLS FIRST, "Slug" NULLS FIRST);
            CREATE INDEX "IX_Organizations_NameSortZh" ON "Organizations" (lower(COALESCE("Pinyin", "NameEn")) NULLS FIRST, "Slug" NULLS FIRST);
            CREATE INDEX "IX_Events_DateOrder" ON "Events" (("Date" IS NULL), "Date" NULLS FIRST, "Slug" NULLS FIRST);
            """);
        m.Sql($"""
            CREATE FUNCTION "ChangeRecords_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'The audit trail is append-only: a change record cannot be %.',
                    CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'modified' END;
            END $$;
            CREATE TRIGGER "{AuditTrail.NoUpdateTrigger}" BEFORE UPDATE ON "ChangeRecords" FOR EACH ROW EXECUTE FUNCTION "ChangeRecords_AppendOnly"();
            CREATE TRIGGER "{AuditTrail.NoDeleteTrigger}" BEFORE DELETE ON "ChangeRecords" FOR EACH ROW EXECUTE FUNCTION "ChangeRecords_AppendOnly"();
            CREATE TRIGGER "ChangeRecords_NoTruncate" BEFORE TRUNCATE ON "ChangeRecords" FOR EACH STATEMENT EXECUTE FUNCTION "ChangeRecords_AppendOnly"();
            """);
    }

    public static void Down(MigrationBuilder m)
    {
        m.Sql("""
            DROP TRIGGER IF EXISTS "ChangeRecords_NoTruncate" ON "ChangeRecords";
            DROP TRIGGER IF EXISTS "ChangeRecords_NoDelete" ON "ChangeRecords";
            DROP TRIGGER IF EXISTS "ChangeRecords_NoUpdate" ON "ChangeRecords";
            DROP FUNCTION IF EXISTS "ChangeRecords_AppendOnly"();
            DROP INDEX IF EXISTS "IX_Events_DateOrder";
            DROP INDEX IF EXISTS "IX_Organizations_NameSortZh";
            DROP INDEX IF EXISTS "IX_Organizations_NameSortEn";
            DROP INDEX IF EXISTS "IX_Organizations_Camp_NameSortZh";
            DROP INDEX IF EXISTS "IX_Organizations_Camp_NameSortEn";
            DROP TABLE IF EXISTS "OrganizationGrams";
            DROP TABLE IF EXISTS "OrganizationSearch";
            """);
    }
}
