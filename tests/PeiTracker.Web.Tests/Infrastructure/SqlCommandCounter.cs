using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>Counts the SQL commands EF Core executes while it is alive (for N+1 tests).</summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();
    private int count;

    public SqlCommandCounter() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public int Count => Volatile.Read(ref count);

    /// <summary>The SQL of the commands counted since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<string> Texts => [.. texts];

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        texts.Clear();
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name)
        {
            if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed)
            {
                texts.Enqueue(executed.Command.CommandText);
            }

            Interlocked.Increment(ref count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
