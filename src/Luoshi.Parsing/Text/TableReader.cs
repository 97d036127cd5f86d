namespace Luoshi.Parsing.Text;

/// <summary>Stage 1b: plans laid out as tables (rows of cells split by '|' or tabs) are rewritten as numbered lines with a unit clause.</summary>
internal static class TableReader
{
    public static List<Diagnostic> Rewrite(List<SourceLine> lines) => [];
}
