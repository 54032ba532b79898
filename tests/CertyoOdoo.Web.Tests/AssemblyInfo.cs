// Hangfire keeps static state (JobStorage.Current): one service host at a time in this assembly.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
