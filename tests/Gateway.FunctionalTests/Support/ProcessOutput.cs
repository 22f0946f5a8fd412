using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.FunctionalTests.Support;

/// <summary>The lines a child process wrote to stdout and stderr, in arrival order, readable while they arrive.</summary>
public sealed class ProcessOutput
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private int? exitCode;

    /// <summary>How many lines arrived so far; pass it to <see cref="WaitForAsync"/> to look only at later lines.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return lines.Count;
            }
        }
    }

    /// <summary>The process's exit code once it has exited and its output was read to the end.</summary>
    public int? ExitCode
    {
        get
        {
            lock (gate)
            {
                return exitCode;
            }
        }
    }

    /// <summary>A copy of every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    public void Add(string line)
    {
        lock (gate)
        {
            lines.Add(line);
        }
    }

    public void MarkExited(int code)
    {
        lock (gate)
        {
            exitCode = code;
        }
    }

    /// <summary>The first match of <paramref name="pattern"/> in the lines from index <paramref name="from"/> on, or null.</summary>
    public Match? Find(Regex pattern, int from = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (gate)
        {
            for (var i = from; i < lines.Count; i++)
            {
                var match = pattern.Match(lines[i]);
                if (match.Success)
                {
                    return match;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Waits for a line (from index <paramref name="from"/> on) matching <paramref name="pattern"/>. Fails at once when
    /// the process exits without writing one, and after <paramref name="timeout"/> otherwise; both errors quote the
    /// last lines of output.
    /// </summary>
    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan timeout, int from = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Match? found = null;
        var exitedWithout = false;
        await Poll.UntilAsync(
            () =>
            {
                var exited = ExitCode is not null; // read before the search: lines are complete once the exit is known
                found = Find(pattern, from);
                exitedWithout = found is null && exited;
                return found is not null || exitedWithout;
            },
            timeout,
            () => $"no output line matches /{pattern}/.\n{Tail()}");
        if (found is null)
        {
            throw new InvalidOperationException($"The process exited with code {ExitCode} without writing a line that matches /{pattern}/.\n{Tail()}");
        }

        return found;
    }

    /// <summary>The last <paramref name="count"/> lines, one per line, for error messages.</summary>
    public string Tail(int count = 40)
    {
        var snapshot = Lines;
        var text = new StringBuilder();
        text.Append("--- last ").Append(Math.Min(count, snapshot.Count)).Append(" of ").Append(snapshot.Count).AppendLine(" output lines:");
        foreach (var line in snapshot.Skip(Math.Max(0, snapshot.Count - count)))
        {
            text.Append("  ").AppendLine(line);
        }

        return text.ToString();
    }
}
