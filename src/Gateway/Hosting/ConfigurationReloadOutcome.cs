using Gateway.Core.Routing;

namespace Gateway.Hosting;

/// <summary>How one configuration reload went (the dashboard shows the last one).</summary>
/// <param name="At">When it finished.</param>
/// <param name="Trigger"><c>file</c> (the configuration file changed) or <c>admin</c> (<c>POST /admin/api/reload</c>).</param>
/// <param name="Applied">True when it was applied; false when it was rejected and the running configuration stayed.</param>
/// <param name="Problems">Why it was rejected, one problem per entry, each naming its config path.</param>
/// <param name="Changes">What an applied reload changed (null when rejected).</param>
public sealed record ConfigurationReloadOutcome(DateTimeOffset At, string Trigger, bool Applied, IReadOnlyList<string> Problems, ReloadResult? Changes);
