namespace LlmWatch.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that becomes true by itself (a watchdog's reseed, a recovery), up to a deadline, and fails naming
/// what was last seen. The deadline bounds a broken run; it is no measurement, so it is generous for a loaded machine.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    /// <param name="condition">Checks once; returns whether it holds and what it saw (for the failure message).</param>
    public static async Task HoldsAsync(string what, Func<Task<(bool Holds, string Seen)>> condition, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? DefaultDeadline);
        var pause = TimeSpan.FromMilliseconds(20);
        var seen = "";
        while (true)
        {
            (var holds, seen) = await condition();
            if (holds) return;
            try
            {
                await Task.Delay(pause, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what}: still not so after {(deadline ?? DefaultDeadline).TotalSeconds:0} s; last seen: {seen}");
            }
            // Quick at first, then gentle on a loaded machine.
            pause = TimeSpan.FromMilliseconds(Math.Min(500, pause.TotalMilliseconds * 2));
        }
    }

    /// <summary>Waits for a task to finish (a signal, a process) up to the deadline.</summary>
    public static async Task WithinAsync(string what, Task task, TimeSpan? deadline = null)
    {
        try
        {
            await task.WaitAsync(deadline ?? DefaultDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: did not happen within {(deadline ?? DefaultDeadline).TotalSeconds:0} s");
        }
    }

    /// <summary>Waits for a task to finish (a signal, a process) up to the deadline.</summary>
    public static async Task<T> WithinAsync<T>(string what, Task<T> task, TimeSpan? deadline = null)
    {
        try
        {
            return await task.WaitAsync(deadline ?? DefaultDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: did not happen within {(deadline ?? DefaultDeadline).TotalSeconds:0} s");
        }
    }
}
