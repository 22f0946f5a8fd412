namespace Gateway.Converters.Query;

/// <summary>
/// Options of the <c>Filter</c> step: <c>{ "Type": "Filter", "Expression": "status == 'open' &amp;&amp; total > `100`" }</c>.
/// The record is kept when the expression's result is truthy by JMESPath rules: everything but <c>null</c>,
/// <c>false</c>, <c>""</c>, <c>[]</c> and <c>{}</c> (so <c>0</c> keeps it).
/// </summary>
public sealed class FilterOptions : JmesPathOptions;
