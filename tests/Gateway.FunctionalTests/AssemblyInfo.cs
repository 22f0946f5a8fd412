// Each test starts real processes (the gateway, mosquitto, capture servers) on a 2-core machine; running them one at a
// time keeps timings far from every timeout and keeps one test's load from failing another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
