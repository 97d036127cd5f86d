namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The expected outcome per caller and scope, written as a grid so that every cell is visible in the code. A grid with no
/// Anonymous row sends anonymous callers to sign in everywhere.
/// </summary>
public sealed class AccessRule
{
    private readonly Dictionary<(Caller, Scope), Expect> _cells = [];

    private AccessRule(string name, IReadOnlyList<Scope> scopes)
    {
        Name = name;
        Scopes = scopes;
    }

    public string Name { get; }

    public IReadOnlyList<Scope> Scopes { get; }

    public Expect this[Caller caller, Scope scope] => _cells.TryGetValue((caller, scope), out var e)
        ? e
        : throw new InvalidOperationException($"rule {Name} has no cell for {caller} × {scope}");

    /// <summary>
    /// Reads a grid: a header line of scopes, then one line per caller with one of allow, filtered, deny, signin per scope.
    /// </summary>
    public static AccessRule Grid(string name, string grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var lines = grid.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scopes = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Scope>).ToList();
        var rule = new AccessRule(name, scopes);
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var caller = Enum.Parse<Caller>(cells[0]);
            if (cells.Length != scopes.Count + 1)
            {
                throw new InvalidOperationException($"rule {name}: {caller} has {cells.Length - 1} cells for {scopes.Count} scopes");
            }

            for (int i = 0; i < scopes.Count; i++)
            {
                rule._cells[(caller, scopes[i])] = Enum.Parse<Expect>(cells[i + 1], ignoreCase: true);
            }
        }

        foreach (var caller in Enum.GetValues<Caller>())
        {
            foreach (var scope in scopes)
            {
                if (caller == Caller.Anonymous)
                {
                    rule._cells.TryAdd((caller, scope), Expect.SignIn);
                }
                else if (!rule._cells.ContainsKey((caller, scope)))
                {
                    throw new InvalidOperationException($"rule {name} has no line for {caller}");
                }
            }
        }

        return rule;
    }

    /// <summary>The same rule with the <see cref="Scope.Forged"/> column added: denied to everyone (the id is not of that district).</summary>
    public AccessRule WithForged()
    {
        var rule = new AccessRule(Name + "+Forged", [.. Scopes, Scope.Forged]);
        foreach (var (key, value) in _cells)
        {
            rule._cells[key] = value;
        }

        foreach (var caller in Enum.GetValues<Caller>())
        {
            rule._cells[(caller, Scope.Forged)] = caller == Caller.Anonymous ? Expect.SignIn : Expect.Deny;
        }

        return rule;
    }
}
