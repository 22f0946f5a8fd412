using Gateway.Converters.Query;
using Gateway.Converters.Shaping;
using Gateway.Converters.Split;
using Gateway.Converters.Validation;
using Gateway.Core.Configuration;

namespace Gateway.Converters;

/// <summary>
/// Registers the built-in converter types: <c>builder.AddBuiltInConverters()</c>, or one at a time
/// (<c>builder.AddRename().AddFilter()</c>). Each is named by its <c>Type</c> in a route's <c>Converters</c> list.
/// </summary>
public static class BuiltInConvertersGatewayBuilderExtensions
{
    /// <summary>Registers every built-in converter type.</summary>
    public static IGatewayBuilder AddBuiltInConverters(this IGatewayBuilder builder) => builder
        .AddRename()
        .AddSelect()
        .AddDrop()
        .AddSet()
        .AddFilter()
        .AddMap()
        .AddSplit()
        .AddValidate();

    /// <summary><c>Rename</c>: renames properties (see <see cref="RenameOptions"/>).</summary>
    public static IGatewayBuilder AddRename(this IGatewayBuilder builder)
        => builder.AddConverter<RenameOptions>("Rename", (options, _) => new RenameConverter(options));

    /// <summary><c>Select</c>: keeps only the values at some JSON Pointers (see <see cref="SelectOptions"/>).</summary>
    public static IGatewayBuilder AddSelect(this IGatewayBuilder builder)
        => builder.AddConverter<SelectOptions>("Select", (options, _) => new SelectConverter(options));

    /// <summary><c>Drop</c>: removes the values at some JSON Pointers (see <see cref="DropOptions"/>).</summary>
    public static IGatewayBuilder AddDrop(this IGatewayBuilder builder)
        => builder.AddConverter<DropOptions>("Drop", (options, _) => new DropConverter(options));

    /// <summary><c>Set</c>: sets templated or fixed values (see <see cref="SetOptions"/>).</summary>
    public static IGatewayBuilder AddSet(this IGatewayBuilder builder)
        => builder.AddConverter<SetOptions>("Set", (options, _) => new SetConverter(options));

    /// <summary><c>Filter</c>: keeps the records a JMESPath expression accepts (see <see cref="FilterOptions"/>).</summary>
    public static IGatewayBuilder AddFilter(this IGatewayBuilder builder)
        => builder.AddConverter<FilterOptions>("Filter", (options, _) => new FilterConverter(options));

    /// <summary><c>Map</c>: replaces each record with a JMESPath result (see <see cref="MapOptions"/>).</summary>
    public static IGatewayBuilder AddMap(this IGatewayBuilder builder)
        => builder.AddConverter<MapOptions>("Map", (options, _) => new MapConverter(options));

    /// <summary><c>Split</c>: one message per element of a top-level array (see <see cref="SplitConverter"/>).</summary>
    public static IGatewayBuilder AddSplit(this IGatewayBuilder builder)
        => builder.AddConverter<SplitOptions>("Split", (_, _) => new SplitConverter());

    /// <summary><c>Validate</c>: JSON Schema per record, or XSD on the XML body (see <see cref="ValidateOptions"/>).</summary>
    public static IGatewayBuilder AddValidate(this IGatewayBuilder builder)
        => builder.AddConverter<ValidateOptions>("Validate", (options, _) => options.CreateConverter());
}
