namespace Luoshi.Documents;

/// <summary>
/// The limits every document is read within, so that a small hostile upload cannot keep a server busy or take it down:
/// nesting depth of the file's structure (XML elements of a .docx, HTML elements of a web page), the number of elements
/// (letters for a PDF), the size of the file and the wall-clock time the reading may take.
/// </summary>
public sealed record ReadLimits
{
    /// <summary>The limits used when a caller names none.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>The deepest nesting of elements accepted; real notices stay under 30.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>The most elements (XML or HTML elements; for a PDF, letters) accepted.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>The largest file accepted.</summary>
    public long MaxBytes { get; init; } = DocumentReader.MaxBytes;

    /// <summary>How long reading may take before it is stopped.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>A limit of <see cref="ReadLimits"/> was reached: the document is refused with <see cref="Problem"/>.</summary>
internal sealed class ReadLimitException(DocumentProblem problem, string message) : Exception(message)
{
    public DocumentProblem Problem { get; } = problem;
}

/// <summary>What is left of the limits while one document is read. The readers call it as they go; it throws <see cref="ReadLimitException"/>.</summary>
internal sealed class ReadBudget(ReadLimits limits, CancellationToken timeUp, CancellationToken caller)
{
    private int elements;

    public ReadLimits Limits { get; } = limits;

    /// <summary>A budget without limits, for readers called on their own in tests.</summary>
    public static ReadBudget None { get; } = new(
        new ReadLimits { MaxDepth = int.MaxValue, MaxElements = int.MaxValue, MaxBytes = long.MaxValue, MaxTime = Timeout.InfiniteTimeSpan },
        CancellationToken.None,
        CancellationToken.None);

    /// <summary>One more element at <paramref name="depth"/> (1 for the root); checks the time every 256 elements.</summary>
    public void Element(int depth)
    {
        Depth(depth);
        if (++elements > Limits.MaxElements)
        {
            throw new ReadLimitException(DocumentProblem.TooComplex, string.Create(CultureInfo.InvariantCulture,
                $"文件包含的元素过多（超过 {Limits.MaxElements:N0} 个），无法读取。"));
        }

        if ((elements & 0xFF) == 0)
        {
            Time();
        }
    }

    /// <summary>Refuses nesting deeper than the limit.</summary>
    public void Depth(int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            throw new ReadLimitException(DocumentProblem.TooComplex, string.Create(CultureInfo.InvariantCulture,
                $"文件结构嵌套过深（超过 {Limits.MaxDepth} 层），无法读取。"));
        }
    }

    /// <summary>Stops the reading when its time is up (a refusal) or the caller gave up (<see cref="OperationCanceledException"/>).</summary>
    public void Time()
    {
        caller.ThrowIfCancellationRequested();
        if (timeUp.IsCancellationRequested)
        {
            throw new ReadLimitException(DocumentProblem.TimedOut, string.Create(CultureInfo.InvariantCulture,
                $"读取文件超过 {Limits.MaxTime.TotalSeconds:0.#} 秒仍未完成，已停止；文件结构可能异常，请在 Word 中另存为 .docx 或提供文本版本后再上传。"));
        }
    }
}
