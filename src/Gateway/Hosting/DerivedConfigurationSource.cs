namespace Gateway.Hosting;

/// <summary>
/// A configuration source whose keys are copied, on each load, from another configuration and filtered: used to
/// load the embedded defaults (a fresh resource stream on every reload) and to hide the <c>Gateway</c> keys of
/// <c>appsettings.json</c> when <c>--config</c> replaces that section.
/// </summary>
internal sealed class DerivedConfigurationSource(Func<IConfigurationRoot> load, Func<string, bool> keep) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(load, keep);

    private sealed class Provider(Func<IConfigurationRoot> load, Func<string, bool> keep) : ConfigurationProvider
    {
        public override void Load()
        {
            var root = load();
            try
            {
                Data = root.AsEnumerable()
                    .Where(pair => pair.Value is not null && keep(pair.Key))
                    .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
            }
            finally
            {
                (root as IDisposable)?.Dispose();
            }
        }
    }
}
