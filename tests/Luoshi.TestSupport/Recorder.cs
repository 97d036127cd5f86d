namespace Luoshi.TestSupport;

/// <summary>A thread-safe list that tests can wait on until it holds enough entries.</summary>
internal sealed class Recorder<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.Add(item);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    /// <summary>Returns once at least <paramref name="count"/> entries are there; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(int count, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_items.Count >= count)
                {
                    return [.. _items];
                }

                signal = _changed.Task;
            }

            try
            {
                await signal.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} {what} within {timeout}, got {Snapshot().Count}.");
            }
        }
    }
}
