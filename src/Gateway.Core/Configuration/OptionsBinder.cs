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
        CheckKeys(optionsType, section, errors, ignoredKeys);

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

    /// <summary>Reports every key of <paramref name="section"/> that <paramref name="type"/> has no property for, nested options objects (<c>Retry</c>) included.</summary>
    private static void CheckKeys(Type type, IConfigurationSection section, ICollection<string> errors, string[] ignoredKeys)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                if (IsNestedOptions(property.PropertyType) && child.Value is null)
                {
                    CheckKeys(property.PropertyType, child, errors, []);
                }
            }
            else if (!ignoredKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var hint = properties.Count == 0 ? "It takes no options." : $"Known options: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.";
                errors.Add($"{child.Path}: unknown option '{child.Key}'. {hint}");
            }
        }
    }

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
