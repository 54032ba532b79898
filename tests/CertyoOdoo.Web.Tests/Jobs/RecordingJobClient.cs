using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>Keeps the jobs enqueued instead of running them, so a test runs each by hand (and may run one twice).</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly ConcurrentQueue<Job> _jobs = new();
    private int _created;

    public int Count => _jobs.Count;

    /// <summary>Jobs created so far (taken or not).</summary>
    public int Created => Volatile.Read(ref _created);

    public string Create(Job job, IState state)
    {
        _jobs.Enqueue(job);
        return Interlocked.Increment(ref _created).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    public bool TryTake(out Job? job) => _jobs.TryDequeue(out job);
}
