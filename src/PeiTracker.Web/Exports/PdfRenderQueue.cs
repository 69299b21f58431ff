namespace PeiTracker.Web.Exports;

/// <summary>
/// A PDF is a Chromium of its own (about 30 processes and seconds of CPU for the whole plan's fichas), so
/// renders take turns: at most PEI_PDF_CONCURRENCY at once (default 1), at most PEI_PDF_QUEUE_LENGTH more
/// waiting (default 4), each for at most PEI_PDF_QUEUE_WAIT_SECONDS (default 30). A request that finds the
/// queue full, or waits longer, gets no slot and is answered 503 with Retry-After: work never piles up.
/// </summary>
public sealed class PdfRenderQueue(IConfiguration configuration)
{
    public const string BusyMessage =
        "El servidor está generando otros PDF en este momento. Inténtelo de nuevo en unos segundos, o use Imprimir > Guardar como PDF en su navegador.";

    private readonly SemaphoreSlim slots = new(Math.Max(1, configuration.GetValue("PEI_PDF_CONCURRENCY", 1)));

    private readonly int maxWaiting = Math.Max(0, configuration.GetValue("PEI_PDF_QUEUE_LENGTH", 4));

    private int waiting;

    public TimeSpan MaxWait { get; } = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("PEI_PDF_QUEUE_WAIT_SECONDS", 30)));

    /// <summary>What a refused request is told to wait: about one turn of the queue.</summary>
    public int RetryAfterSeconds => Math.Max(5, (int)MaxWait.TotalSeconds);

    /// <summary>A slot to render in, released when disposed; null when the queue is full or the wait ran out.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (slots.Wait(0))
        {
            return new Slot(slots);
        }

        if (Interlocked.Increment(ref waiting) > maxWaiting)
        {
            Interlocked.Decrement(ref waiting);
            return null;
        }

        try
        {
            return await slots.WaitAsync(MaxWait, cancellationToken) ? new Slot(slots) : null;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
