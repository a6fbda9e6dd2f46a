using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Tests.Components;

public sealed class DataComponentBaseTests
{
    /// <summary>A failure <see cref="DataState.IsDataFailure"/> counts as "data unavailable": Data's report of a locked database.</summary>
    private static Exception DataFailure() => new DataUnavailableException("The database is unavailable.", new SqliteException("database is locked", 5));

    private sealed class Probe : DataComponentBase
    {
        public Task<string?> LoadAsync(string? current, string key, Func<CancellationToken, Task<string?>> load) => LoadAsync(current, key, s => s, load);
        public Task<string?> LoadOnceAsync(Func<CancellationToken, Task<string?>> load) => LoadAsync(load);
        public bool HasFailed => Failed;
        protected override void BuildRenderTree(RenderTreeBuilder builder) { }
    }

    [Fact]
    public async Task State_that_answers_the_key_is_reused_without_a_query()
    {
        using var probe = new Probe();
        var loads = 0;
        var state = await probe.LoadAsync("?camp=general", "?camp=general", _ => { loads++; return Task.FromResult<string?>("fresh"); });
        Assert.Equal("?camp=general", state);
        Assert.Equal(0, loads);
    }

    [Fact]
    public async Task Another_key_queries_again()
    {
        using var probe = new Probe();
        var state = await probe.LoadAsync("?camp=general", "?camp=vertical", _ => Task.FromResult<string?>("?camp=vertical"));
        Assert.Equal("?camp=vertical", state);
        Assert.False(probe.HasFailed);
    }

    [Fact]
    public async Task A_data_failure_becomes_the_unavailable_notice_and_the_next_load_clears_it()
    {
        using var probe = new Probe();
        Assert.True(DataState.IsDataFailure(DataFailure()));
        var state = await probe.LoadAsync(null, "k", _ => throw DataFailure());
        Assert.Null(state);
        Assert.True(probe.HasFailed);

        Assert.Equal("k", await probe.LoadAsync(null, "k", _ => Task.FromResult<string?>("k")));
        Assert.False(probe.HasFailed);
    }

    [Fact]
    public async Task A_bug_is_not_hidden_as_unavailable_data()
    {
        using var probe = new Probe();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => probe.LoadOnceAsync(_ => throw new ArgumentOutOfRangeException("page")));
        Assert.False(probe.HasFailed);
    }

    [Fact]
    public async Task Leaving_the_page_cancels_the_query_it_started()
    {
        var probe = new Probe();
        var started = new TaskCompletionSource<CancellationToken>();
        var load = probe.LoadOnceAsync(async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        });
        var token = await started.Task;
        Assert.False(token.IsCancellationRequested);

        probe.Dispose();

        Assert.True(token.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
    }
}
