using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmWatch.Data;

/// <summary>
/// For an unknown <c>Database:Provider</c>: every connection fails with <see cref="DataUnavailableException"/> naming the
/// setting, so pages show the unavailable notice and /healthz says why, as for a database that cannot be opened.
/// </summary>
internal sealed class NoProviderInterceptor(string problem) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        throw Unavailable();

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default) => throw Unavailable();

    private DataUnavailableException Unavailable() => new(problem, new InvalidOperationException(problem));
}
