using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LlmWatch.Data.Seed;

/// <summary>Where the importer puts the rows it makes: the change tracker, or <see cref="SqliteSeedWriter"/> on a first import into an empty SQLite database.</summary>
internal interface ISeedRows
{
    void Add<T>(T row) where T : class;
}

/// <summary>The change tracker: <c>DbSet.Add</c>, written by <c>SaveChanges</c> (every path but a first import into SQLite).</summary>
internal sealed class TrackedSeedRows(DbContext db) : ISeedRows
{
    public void Add<T>(T row) where T : class => db.Set<T>().Add(row);
}

/// <summary>
/// A first import into an empty SQLite database without the change tracker or EF's update pipeline: the entities the importer
/// filled (<see cref="FactWriter"/> decides what a row holds) are written by prepared INSERTs in the import's transaction, as the
/// <c>generate</c> command writes its rows. Tables, columns and value conversions come from EF's model, so there is no second
/// schema: each value is bound by its column's type mapping, exactly as SaveChanges binds it. Rows get the ids SaveChanges would
/// give them and go in in its order (<see cref="AssignIds"/>); foreign keys are taken from the navigations, as EF's fix-up takes them.
/// </summary>
internal sealed class SqliteSeedWriter(DbContext db, DbConnection connection, DbTransaction transaction) : ISeedRows, IAsyncDisposable
{
    private readonly List<object> _pending = [];
    private readonly Dictionary<IEntityType, int> _lastIds = [];
    private readonly Dictionary<IEntityType, Table> _tables = [];
    private readonly Dictionary<ISkipNavigation, JoinTable> _joins = [];
    private readonly HashSet<object> _written = new(ReferenceEqualityComparer.Instance);

    public void Add<T>(T row) where T : class => _pending.Add(row);

    /// <summary>Writes the rows added since the last call (and those reachable from them, such as a deal's participants); returns how many.</summary>
    public async Task<int> WriteAsync(CancellationToken ct)
    {
        var rows = Reachable(_pending);
        _pending.Clear();
        // The rows refer to each other in both directions (an organisation to its acquirer, a model to its base model):
        // the keys are checked at commit, when every row is in.
        await ExecuteAsync("PRAGMA defer_foreign_keys = ON;", ct);
        var principals = Principals(rows);
        var round = AssignIds(rows, principals);
        var foreignKeys = principals.ToDictionary(
            p => p.Key, p => p.Key.ForeignKey.PrincipalKey.Properties.Select(k => k.PropertyInfo!.GetValue(p.Value)).ToArray(), new DependentComparer());

        // Written in SaveChanges' order too, so that even the tables without an id of their own (the join tables) hold their
        // rows in the same physical order: by round, by table, by key.
        var inserts = new List<(int Round, string Table, object?[] Key, Action Insert)>();
        foreach (var (entity, type) in rows)
        {
            // What SaveChanges stamps on a source (LlmWatchDbContext): its day, from its publication time.
            if (entity is Entities.Source source) LlmWatchDbContext.StampPublishedOn(source);
            var table = TableOf(type);
            inserts.Add((round(entity), type.GetTableName()!, type.FindPrimaryKey()!.Properties.Select(k => k.PropertyInfo!.GetValue(entity)).ToArray(),
                () => table.Insert(entity, foreignKeys)));
            // The join rows of a many-to-many (an event's organisations), from the side that holds the list.
            foreach (var skip in type.GetSkipNavigations())
            {
                if (skip.PropertyInfo?.GetValue(entity) is not System.Collections.IEnumerable targets) continue;
                var join = JoinOf(skip);
                foreach (var target in targets)
                {
                    var (own, other) = (Key(entity), Key(target));
                    inserts.Add((Math.Max(round(entity), round(target)) + 1, skip.JoinEntityType.GetTableName()!, join.KeyOf(own, other),
                        () => join.Insert(own, other)));
                }
            }
        }
        // Synchronously, as the generator writes: SQLite's commands complete synchronously anyway, and a cold start pays for every
        // state machine it compiles.
        foreach (var insert in inserts.OrderBy(i => i.Round).ThenBy(i => i.Table, StringComparer.Ordinal).ThenBy(i => i.Key, KeyComparer.Instance))
        {
            ct.ThrowIfCancellationRequested();
            insert.Insert();
        }
        return inserts.Count;
    }

    /// <summary>Keys compared value by value with each type's default comparer, as EF's command comparer does.</summary>
    private sealed class KeyComparer : IComparer<object?[]>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(object?[]? x, object?[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
                if (System.Collections.Comparer.Default.Compare(x[i], y![i]) is not 0 and var result) return result;
            return 0;
        }
    }

    /// <summary>The added rows and every new row reachable from them through navigations, in the order met (each row once).</summary>
    private List<(object Entity, IEntityType Type)> Reachable(List<object> added)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var result = new List<(object, IEntityType)>();
        var queue = new Queue<object>(added);
        foreach (var row in added) seen.Add(row);
        while (queue.Count > 0)
        {
            var entity = queue.Dequeue();
            var type = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not in the model.");
            result.Add((entity, type));
            foreach (var navigation in type.GetNavigations())
            {
                // A reference points at a row of this import or of an earlier batch; a collection may hold rows only it reaches (a deal's participants).
                if (!navigation.IsCollection || navigation.IsOnDependent) continue;
                if (Navigate(navigation, entity) is not System.Collections.IEnumerable children) continue;
                foreach (var child in children)
                    if (seen.Add(child) && !_written.Contains(child)) queue.Enqueue(child);
            }
        }
        foreach (var (entity, _) in result) _written.Add(entity);
        return result;
    }

    /// <summary>
    /// Each row whose key the database generates gets the id SaveChanges would have given it: EF inserts a row after the rows it
    /// refers to (rounds of a topological sort: a row's round is one more than its latest principal's) and, within a round and a
    /// table, in the order the rows were tracked; the database then counts ids up from 1 (it is empty).
    /// </summary>
    private Func<object, int> AssignIds(List<(object Entity, IEntityType Type)> rows, Dictionary<Dependent, object> principals)
    {
        var rounds = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var inBatch = rows.Select(r => r.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var byDependent = principals.Where(p => inBatch.Contains(p.Value)).ToLookup(p => p.Key.Entity, p => p.Value, ReferenceEqualityComparer.Instance);
        int Round(object entity)
        {
            if (!inBatch.Contains(entity)) return -1; // written before: no predecessor in this batch
            if (rounds.TryGetValue(entity, out var round)) return round;
            rounds[entity] = 0; // a row that refers to itself is not its own predecessor
            round = byDependent[entity].Where(p => !ReferenceEquals(p, entity)).Select(p => Round(p) + 1).DefaultIfEmpty(0).Max();
            return rounds[entity] = round;
        }
        foreach (var table in rows.Select((r, index) => (r.Entity, r.Type, Index: index)).GroupBy(r => r.Type))
        {
            var key = table.Key.FindPrimaryKey()!;
            if (key.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd, ClrType: var clr } property] || clr != typeof(int)) continue;
            foreach (var (entity, _, _) in table.OrderBy(r => Round(r.Entity)).ThenBy(r => r.Index))
            {
                var next = _lastIds.GetValueOrDefault(table.Key) + 1;
                _lastIds[table.Key] = next;
                property.PropertyInfo!.SetValue(entity, next);
            }
        }
        return Round;
    }

    /// <summary>
    /// Each row's principal per foreign key, as EF's fix-up finds it: a navigation on either side, or, for a key the database does
    /// not generate (a dataset row's source), the row of this batch with that key.
    /// </summary>
    private Dictionary<Dependent, object> Principals(List<(object Entity, IEntityType Type)> rows)
    {
        var result = new Dictionary<Dependent, object>(new DependentComparer());
        foreach (var (entity, type) in rows)
        {
            foreach (var navigation in type.GetNavigations())
            {
                var value = Navigate(navigation, entity);
                if (value is null) continue;
                if (navigation.IsOnDependent) result[new(entity, navigation.ForeignKey)] = value;
                else if (navigation.IsCollection)
                    foreach (var dependent in (System.Collections.IEnumerable)value) result[new(dependent, navigation.ForeignKey)] = entity;
                else result[new(value, navigation.ForeignKey)] = entity;
            }
        }
        var byKey = new Dictionary<(IEntityType, string), object>();
        foreach (var (entity, type) in rows)
            if (type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.Never } key] && key.PropertyInfo!.GetValue(entity) is string id)
                byKey[(type, id)] = entity;
        foreach (var (entity, type) in rows)
            foreach (var foreignKey in type.GetForeignKeys())
                if (!result.ContainsKey(new(entity, foreignKey)) && foreignKey.Properties is [var property]
                    && property.PropertyInfo?.GetValue(entity) is string value && byKey.TryGetValue((foreignKey.PrincipalEntityType, value), out var principal))
                    result[new(entity, foreignKey)] = principal;
        return result;
    }

    // By reflection: EF's own getters compile an expression tree each on first use, which a cold start pays for one by one.
    private static object? Navigate(INavigation navigation, object entity) => navigation.PropertyInfo!.GetValue(entity);

    private object Key(object entity) => db.Model.FindEntityType(entity.GetType())!.FindPrimaryKey()!.Properties.Single().PropertyInfo!.GetValue(entity)!;

    private readonly record struct Dependent(object Entity, IForeignKey ForeignKey);

    private sealed class DependentComparer : IEqualityComparer<Dependent>
    {
        public bool Equals(Dependent x, Dependent y) => ReferenceEquals(x.Entity, y.Entity) && ReferenceEquals(x.ForeignKey, y.ForeignKey);

        public int GetHashCode(Dependent d) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(d.Entity), d.ForeignKey);
    }

    private Table TableOf(IEntityType type)
    {
        if (!_tables.TryGetValue(type, out var table)) _tables[type] = table = new Table(connection, transaction, type);
        return table;
    }

    private JoinTable JoinOf(ISkipNavigation skip)
    {
        if (!_joins.TryGetValue(skip, out var join)) _joins[skip] = join = new JoinTable(connection, transaction, skip);
        return join;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in _tables.Values) await table.Command.DisposeAsync();
        foreach (var join in _joins.Values) await join.Command.DisposeAsync();
    }

    /// <summary>One entity type's INSERT, prepared once: every mapped column of the type and of its complex properties.</summary>
    private sealed class Table
    {
        public DbCommand Command { get; }

        private readonly List<(IProperty Property, IComplexProperty? Owner, string Name, RelationalTypeMapping Mapping, (IForeignKey Key, int Index)[] ForeignKeys)> _columns = [];

        public Table(DbConnection connection, DbTransaction transaction, IEntityType type)
        {
            // The table's columns as EF maps them, a complex property's (a deal's amount) included.
            foreach (var column in type.GetTableMappings().Single().ColumnMappings)
                _columns.Add((column.Property, null, column.Column.Name, column.TypeMapping,
                    column.Property.GetContainingForeignKeys().Select(k => (k, k.Properties.ToList().IndexOf(column.Property))).ToArray()));
            foreach (var complex in type.GetComplexProperties())
                foreach (var column in complex.ComplexType.GetTableMappings().Single().ColumnMappings)
                    _columns.Add((column.Property, complex, column.Column.Name, column.TypeMapping, []));
            Command = connection.CreateCommand();
            Command.Transaction = transaction;
            Command.CommandText = $"INSERT INTO \"{type.GetTableName()}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Name}\""))}) "
                + $"VALUES ({string.Join(", ", _columns.Select((_, i) => $"@p{i}"))})";
        }

        public void Insert(object entity, Dictionary<Dependent, object?[]> foreignKeys)
        {
            Command.Parameters.Clear();
            for (var i = 0; i < _columns.Count; i++)
            {
                var (property, owner, _, mapping, keys) = _columns[i];
                object? value;
                if (owner is null)
                {
                    value = property.PropertyInfo?.GetValue(entity);
                    foreach (var (foreignKey, index) in keys)
                        if (foreignKeys.TryGetValue(new(entity, foreignKey), out var key)) value = key[index];
                }
                else
                {
                    var complex = owner.PropertyInfo!.GetValue(entity);
                    value = complex is null ? null : property.PropertyInfo!.GetValue(complex);
                }
                // The property's own type mapping converts and binds the value, as SaveChanges does.
                Command.Parameters.Add(mapping.CreateParameter(Command, $"@p{i}", value, property.IsNullable || owner is not null));
            }
            Command.ExecuteNonQuery();
        }
    }

    /// <summary>A many-to-many join table (an event's organisations): its two key columns.</summary>
    private sealed class JoinTable
    {
        public DbCommand Command { get; }

        private readonly IProperty _own, _target;
        private readonly IReadOnlyList<IProperty> _key;

        public JoinTable(DbConnection connection, DbTransaction transaction, ISkipNavigation skip)
        {
            _own = skip.ForeignKey.Properties.Single();
            // The join row's other key (a one-way many-to-many has no inverse navigation to ask).
            _target = skip.JoinEntityType.GetForeignKeys().Single(k => k != skip.ForeignKey).Properties.Single();
            _key = skip.JoinEntityType.FindPrimaryKey()!.Properties;
            Command = connection.CreateCommand();
            Command.Transaction = transaction;
            Command.CommandText = $"INSERT INTO \"{skip.JoinEntityType.GetTableName()}\" (\"{_own.GetColumnName()}\", \"{_target.GetColumnName()}\") VALUES (@own, @target)";
        }

        /// <summary>The join row's key in the order of its primary key's columns.</summary>
        public object?[] KeyOf(object own, object target) => _key.Select(p => p == _own ? own : target).ToArray();

        public void Insert(object own, object target)
        {
            Command.Parameters.Clear();
            Command.Parameters.Add(_own.GetRelationalTypeMapping().CreateParameter(Command, "@own", own, false));
            Command.Parameters.Add(_target.GetRelationalTypeMapping().CreateParameter(Command, "@target", target, false));
            Command.ExecuteNonQuery();
        }
    }
}
