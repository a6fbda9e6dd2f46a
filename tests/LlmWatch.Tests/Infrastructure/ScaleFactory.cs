using LlmWatch.Data;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>
/// The app over the seed plus a few thousand generated organisations, people, roles, models and events, all cited by one source:
/// enough that a page listing every organisation, or every citation of a source, shows in its size and query count.
/// </summary>
public sealed class ScaleFactory : LlmWatchFactory, IAsyncLifetime
{
    public const int Rows = 3000;
    public const string SourceId = "scale";
    public static readonly string[] Sentences = ["规模测试的第一句,说的是公司。", "规模测试的第二句,说的是人物。", "规模测试的第三句,说的是事件。"];

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>().UseSqlite($"Data Source={DatabaseFile}").Options;
        var factory = new PooledDbContextFactory<LlmWatchDbContext>(options);
        await using (var db = await factory.CreateDbContextAsync()) await db.Database.MigrateAsync();
        await new SeedImporter(factory, NullLogger<SeedImporter>.Instance).ImportAsync(RepositoryData.Directory);

        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$rows", Rows);
            command.Parameters.AddWithValue("$id", SourceId);
            command.Parameters.AddWithValue("$text", string.Concat(Sentences));
            command.Parameters.AddWithValue("$q1", Sentences[0]);
            command.Parameters.AddWithValue("$q2", Sentences[1]);
            command.Parameters.AddWithValue("$q3", Sentences[2]);
            command.CommandText = """
                CREATE TEMP TABLE n AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $rows) SELECT i FROM s;
                INSERT INTO Sources (Id, Title, TitleEn, Publisher, PublishedAt, Language, Text) VALUES ($id, '规模测试', 'Scale test', 'LlmWatch tests', '2024-12-31 00:00:00+00:00', 'zh-CN', $text);
                INSERT INTO Organizations (NameZh, NameEn, Aliases, Pinyin, Kind, Status, Camp, Slug, Notes)
                    SELECT '规模公司' || i, 'Scale Company ' || printf('%04d', i), '[]', 'gui mo gong si', 'Startup', 'Active',
                           CASE i % 5 WHEN 0 THEN 'General' WHEN 1 THEN 'Vertical' WHEN 2 THEN 'BuiltOnOthers' WHEN 3 THEN 'Application' ELSE 'None' END,
                           'scale-org-' || printf('%04d', i), '[]' FROM n;
                INSERT INTO People (NameZh, NameEn, IsPseudonym, Slug, Notes) SELECT '规模人物' || i, 'Scale Person ' || printf('%04d', i), 0, 'scale-person-' || printf('%04d', i), '[]' FROM n;
                INSERT INTO Roles (PersonId, OrganizationId, TitleZh, TitleEn, Slug, Notes)
                    SELECT p.Id, o.Id, '创始人', 'Founder', 'scale-role-' || printf('%04d', i), '[]' FROM n
                    JOIN People p ON p.Slug = 'scale-person-' || printf('%04d', i) JOIN Organizations o ON o.Slug = 'scale-org-' || printf('%04d', i);
                INSERT INTO Models (Name, OrganizationId, CommercialUse, Slug, Notes)
                    SELECT 'Scale-Model-' || printf('%04d', i), o.Id, 'Unknown', 'scale-model-' || printf('%04d', i), '[]' FROM n JOIN Organizations o ON o.Slug = 'scale-org-' || printf('%04d', i);
                INSERT INTO ModelOrganizations (ModelId, OrganizationId, Ordinal) SELECT Id, OrganizationId, 0 FROM Models WHERE Slug LIKE 'scale-model-%';
                INSERT INTO Events (Date, Kind, TitleZh, TitleEn, Slug, Notes)
                    SELECT '2024-' || printf('%02d', 1 + i % 12), 'Founding', '规模公司' || i || '成立', 'Scale Company ' || printf('%04d', i) || ' is founded', 'scale-event-' || printf('%04d', i), '[]' FROM n;
                INSERT INTO EventOrganizations (EventId, OrganizationsId)
                    SELECT e.Id, o.Id FROM n JOIN Events e ON e.Slug = 'scale-event-' || printf('%04d', i) JOIN Organizations o ON o.Slug = 'scale-org-' || printf('%04d', i);
                INSERT INTO EventPeople (EventId, PeopleId)
                    SELECT e.Id, p.Id FROM n JOIN Events e ON e.Slug = 'scale-event-' || printf('%04d', i) JOIN People p ON p.Slug = 'scale-person-' || printf('%04d', i);
                INSERT INTO Citations (SubjectType, SubjectId, Ordinal, SourceId, Quote) SELECT 'Organization', Id, 0, $id, $q1 FROM Organizations WHERE Slug LIKE 'scale-org-%';
                INSERT INTO Citations (SubjectType, SubjectId, Ordinal, SourceId, Quote) SELECT 'Person', Id, 0, $id, $q2 FROM People WHERE Slug LIKE 'scale-person-%';
                INSERT INTO Citations (SubjectType, SubjectId, Ordinal, SourceId, Quote) SELECT 'Event', Id, 0, $id, $q3 FROM Events WHERE Slug LIKE 'scale-event-%';
                DROP TABLE n;
                """;
            await command.ExecuteNonQueryAsync();
        }
        await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, FxRates.Load(RepositoryData.Directory));
        await transaction.CommitAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BrowseScaleCollection : ICollectionFixture<ScaleFactory>
{
    public const string Name = "browse-scale";
}
