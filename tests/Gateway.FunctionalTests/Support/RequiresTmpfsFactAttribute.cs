namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A fact that mounts a small tmpfs (<see cref="TmpfsMount"/>) to fill a disk: skipped, with the reason, when the tests
/// do not run as root on Linux, unless <c>GATEWAY_REQUIRE_EXTERNAL=1</c> (CI), where it runs and fails clearly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresTmpfsFactAttribute : FactAttribute
{
    public RequiresTmpfsFactAttribute()
    {
        if ((!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) && !ExternalPrograms.Required)
        {
            Skip = $"mounting a tmpfs to fill a disk needs root on Linux (the tests run as {Environment.UserName} on {Environment.OSVersion}); set {ExternalPrograms.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}
