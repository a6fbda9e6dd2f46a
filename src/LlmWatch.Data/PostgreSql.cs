using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query.Internal;

namespace LlmWatch.Data;

/// <summary>
/// PostgreSQL set up to answer every query exactly as SQLite does, so that nothing above Data knows the engine:
/// <list type="bullet">
/// <item>text columns use the "C" collation (see <see cref="LlmWatchDbContext"/>): code-point order and ASCII-only
/// <c>lower()</c>, as SQLite's binary collation and <c>lower()</c>;</item>
/// <item>NULL sorts lowest (<c>NULLS FIRST</c> ascending, <c>NULLS LAST</c> descending), as in SQLite;</item>
/// <item><c>EF.Functions.Like</c> is <c>ILIKE</c>: SQLite's LIKE ignores the case of ASCII letters, and ILIKE under the
/// "C" collation does the same and no more.</item>
/// </list>
/// Migrations live in the LlmWatch.Data.PostgreSQL assembly.
/// </summary>
public static class PostgreSql
{
    public const string MigrationsAssembly = "LlmWatch.Data.PostgreSQL";

    /// <summary>The collation of every text column: byte order of UTF-8, which is code-point order, as SQLite compares.</summary>
    public const string Collation = "C";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString, o => o.MigrationsAssembly(MigrationsAssembly))
        .ReplaceService<IQuerySqlGeneratorFactory, SqliteAlikeQuerySqlGeneratorFactory>();
}

#pragma warning disable EF1001 // Npgsql's SQL generator is internal API: the two overrides are small and covered by the parity tests.
internal sealed class SqliteAlikeQuerySqlGeneratorFactory(
    QuerySqlGeneratorDependencies dependencies, IRelationalTypeMappingSource typeMappingSource, INpgsqlSingletonOptions npgsqlOptions)
    : IQuerySqlGeneratorFactory
{
    public QuerySqlGenerator Create() =>
        new SqliteAlikeQuerySqlGenerator(dependencies, typeMappingSource, reverseNullOrdering: true, npgsqlOptions.PostgresVersion);
}

internal sealed class SqliteAlikeQuerySqlGenerator(
    QuerySqlGeneratorDependencies dependencies, IRelationalTypeMappingSource typeMappingSource, bool reverseNullOrdering, Version postgresVersion)
    : NpgsqlQuerySqlGenerator(dependencies, typeMappingSource, reverseNullOrdering, postgresVersion)
{
    protected override void GenerateLike(LikeExpression likeExpression, bool negated)
    {
        Visit(likeExpression.Match);
        Sql.Append(negated ? " NOT ILIKE " : " ILIKE ");
        Visit(likeExpression.Pattern);
        if (likeExpression.EscapeChar is { } escape)
        {
            Sql.Append(" ESCAPE ");
            Visit(escape);
        }
    }
}
#pragma warning restore EF1001
