using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Core.Configuration;

/// <summary>The entry point of registration: <c>services.AddGateway(config).AddJsonFormat().AddCsvFormat()...</c></summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Registers the core services; <paramref name="gatewaySection"/> is the <c>Gateway</c> section.</summary>
    public static IGatewayBuilder AddGateway(this IServiceCollection services, IConfiguration gatewaySection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gatewaySection);
        services.TryAddSingleton(sp => new FormatRegistry(sp.GetServices<DataFormat>()));
        services.TryAddSingleton(sp => new ConverterCatalog(
            sp.GetServices<ConverterRegistration>(), sp, sp.GetRequiredService<FormatRegistry>()));
        return new GatewayBuilder(services, gatewaySection);
    }

    /// <summary>Registers a format.</summary>
    public static IGatewayBuilder AddFormat(this IGatewayBuilder builder, DataFormat format)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(format);
        return builder;
    }

    /// <summary>
    /// Registers a section of <c>Gateway</c> that <paramref name="validate"/> checks (null: checked elsewhere); see
    /// <see cref="GatewaySectionRegistration"/>.
    /// </summary>
    public static IGatewayBuilder AddSection(
        this IGatewayBuilder builder, string name, bool appliedOnReload = false, Action<IConfigurationSection, ICollection<string>>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new GatewaySectionRegistration(name, appliedOnReload, validate));
        return builder;
    }

    /// <summary>Registers a section of <c>Gateway</c> that binds to <typeparamref name="TOptions"/> (checked with <see cref="OptionsBinder"/>).</summary>
    public static IGatewayBuilder AddSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TOptions>(this IGatewayBuilder builder, string name)
        where TOptions : class, new()
        => builder.AddSection(name, validate: (section, errors) => OptionsBinder.Bind(typeof(TOptions), section, errors));

    /// <summary>
    /// Registers a converter type. Its options are bound from the step's section (all keys but <c>Type</c>) and
    /// validated when a pipeline is built; <paramref name="create"/> gets valid options.
    /// </summary>
    public static IGatewayBuilder AddConverter<TOptions>(this IGatewayBuilder builder, string type, Func<TOptions, IServiceProvider, IMessageConverter> create)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.AddSingleton(new ConverterRegistration(type, typeof(TOptions), (options, sp) => create((TOptions)options, sp)));
        return builder;
    }
}
