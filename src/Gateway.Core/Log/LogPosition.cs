namespace Gateway.Core.Log;

/// <summary>A place in a route log: the message at <see cref="Index"/> of the commit group <see cref="Group"/>.</summary>
public readonly record struct LogPosition(long Group, int Index) : IComparable<LogPosition>
{
    public int CompareTo(LogPosition other) => Group != other.Group ? Group.CompareTo(other.Group) : Index.CompareTo(other.Index);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;
}
