using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Configuration;

/// <summary>
/// Binds an options class from a configuration section and validates it (unknown keys, conversion failures,
/// DataAnnotations and <see cref="IValidatableObject"/>), reporting every problem by its config path.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Binds <paramref name="optionsType"/> from <paramref name="section"/>; keys in <paramref name="ignoredKeys"/> are skipped.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Options types are registered explicitly and kept.")]
    public static object? Bind(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type optionsType,
        IConfigurationSection section,
        ICollection<string> errors,
        params string[] ignoredKeys)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (!CheckKeys(optionsType, section, errors, ignoredKeys))
        {
            return null; // the binder would stop at the first bad value, with a message that lists no valid ones
        }

        object? options;
        try
        {
            options = Activator.CreateInstance(optionsType)!;
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{section.Path}: {ex.Message}{(ex.InnerException is null ? string.Empty : " " + ex.InnerException.Message)}");
            return null;
        }

        Validate(options, section.Path, errors);
        return errors.Count == before ? options : null;
    }

    /// <summary>
    /// Reports every key of <paramref name="section"/> that <paramref name="type"/> has no property for, and every
    /// value that is not one of its enum's names, nested options objects (<c>Retry</c>) included. False when a value
    /// is bad (binding would fail).
    /// </summary>
    private static bool CheckKeys(Type type, IConfigurationSection section, ICollection<string> errors, string[] ignoredKeys)
    {
        var valuesOk = true;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                if (IsNestedOptions(property.PropertyType) && child.Value is null)
                {
                    valuesOk &= CheckKeys(property.PropertyType, child, errors, []);
                }
                else if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { IsEnum: true } enumType
                    && child.Value is { Length: > 0 } value && !char.IsDigit(value.Trim()[0]) && !IsEnumName(enumType, value))
                {
                    errors.Add($"{child.Path}: '{value}' is not a valid value. Valid values: {string.Join(", ", Enum.GetNames(enumType))}.");
                    valuesOk = false;
                }
            }
            else if (!ignoredKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var hint = properties.Count == 0 ? "It takes no options." : $"Known options: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.";
                errors.Add($"{child.Path}: unknown option '{child.Key}'. {hint}");
            }
        }

        return valuesOk;
    }

    /// <summary>A name of the enum in any case (flags combined with commas too). Numbers are left to the binder and the options' own checks.</summary>
    private static bool IsEnumName(Type enumType, string value) =>
        value.Split(',').All(part => Enum.GetNames(enumType).Contains(part.Trim(), StringComparer.OrdinalIgnoreCase));

    /// <summary>A property that is itself an options class of the gateway's (<c>Retry</c>, <c>Otlp</c>), checked key by key.</summary>
    private static bool IsNestedOptions(Type type)
        => type.IsClass && type != typeof(string) && !type.IsAssignableTo(typeof(System.Collections.IEnumerable))
            && type.Namespace?.StartsWith("Gateway", StringComparison.Ordinal) == true;

    /// <summary>Runs DataAnnotations (and <see cref="IValidatableObject"/>) on <paramref name="options"/> and its nested options objects.</summary>
    public static void Validate(object options, string path, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            var where = members.Count == 0 ? path : string.Join(", ", members.Select(m => $"{path}:{m}"));
            errors.Add($"{where}: {result.ErrorMessage}");
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsNestedOptions(property.PropertyType) && property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                Validate(nested, $"{path}:{property.Name}", errors);
            }
        }
    }
}
