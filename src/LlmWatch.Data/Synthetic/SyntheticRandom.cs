namespace LlmWatch.Data.Synthetic;

/// <summary>
/// SplitMix64: tiny, fast and fully specified here, so a seed gives the same landscape on every runtime (System.Random's
/// seeded sequence is an implementation detail). Each organization draws from a stream of its own.
/// </summary>
internal struct SyntheticRandom(ulong seed, ulong stream)
{
    private ulong _state = Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019UL));

    public ulong Next() => Mix(_state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n) => (int)(((Next() >> 33) * (ulong)n) >> 31);

    public int Between(int min, int max) => min + Below(max - min + 1);

    /// <summary>A number in [0, 1).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => Unit() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = Unit() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }

    public T Weighted<T>(IReadOnlyList<(T Value, double Weight)> items)
    {
        var total = 0.0;
        foreach (var item in items) total += item.Weight;
        var x = Unit() * total;
        foreach (var item in items)
        {
            x -= item.Weight;
            if (x < 0) return item.Value;
        }
        return items[^1].Value;
    }
}
