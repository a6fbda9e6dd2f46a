using LlmWatch.Data;

namespace LlmWatch.Tests.Data;

public sealed class DataVersionCacheTests
{
    [Fact]
    public async Task A_value_is_read_once_per_key_until_the_data_change_and_then_read_again()
    {
        var changes = new DataChanges();
        var cache = new DataVersionCache<string, int>(changes);
        var reads = 0;
        Task<int> Read() => Task.FromResult(++reads);

        Assert.Equal(1, await cache.GetOrReadAsync("a", Read));
        Assert.Equal(1, await cache.GetOrReadAsync("a", Read));
        Assert.Equal(2, await cache.GetOrReadAsync("b", Read));

        await changes.NotifyAsync();

        Assert.Equal(3, await cache.GetOrReadAsync("a", Read));
        Assert.Equal(3, await cache.GetOrReadAsync("a", Read));
    }

    [Fact]
    public async Task Past_its_limit_it_starts_afresh_instead_of_growing()
    {
        var cache = new DataVersionCache<int, int>(new DataChanges(), maxEntries: 2);
        var reads = 0;
        Task<int> Read() => Task.FromResult(++reads);

        await cache.GetOrReadAsync(1, Read);
        await cache.GetOrReadAsync(2, Read);
        await cache.GetOrReadAsync(3, Read); // full: the two kept are dropped, 3 is kept

        Assert.Equal(3, await cache.GetOrReadAsync(3, Read));
        Assert.Equal(4, await cache.GetOrReadAsync(1, Read));
    }
}
