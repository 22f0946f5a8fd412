namespace Gateway.Converters.Query;

/// <summary>
/// Options of the <c>Map</c> step: <c>{ "Type": "Map", "Expression": "{ id: id, total: sum(lines[].amount) }" }</c>.
/// The expression's result replaces the record (a missing value gives <c>null</c>). Numbers that pass through the
/// expression are read as 64-bit integers or doubles.
/// </summary>
public sealed class MapOptions : JmesPathOptions;
