using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DevLab.JmesPath.Expressions;
using Gateway.Core.Converters;
using Newtonsoft.Json.Linq;

namespace Gateway.Converters.Query;

/// <summary>
/// A compiled JMESPath expression that may be evaluated from several threads. JmesPath.Net keeps evaluation state
/// (scopes, function context) in the parsed expression, so one parsed instance serves one evaluation at a time: the
/// expression is compiled once when the pipeline is built, and evaluations that overlap take another instance from a
/// small pool, compiled on first need.
/// </summary>
internal sealed class JmesPathQuery
{
    private readonly ConcurrentBag<JmesPathExpression> _pool = [];

    private JmesPathQuery(string text, JmesPathExpression first)
    {
        Text = text;
        _pool.Add(first);
    }

    public string Text { get; }

    /// <summary>Compiles <paramref name="text"/>, or returns false with the parser's message.</summary>
    public static bool TryCompile(string? text, [NotNullWhen(true)] out JmesPathQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a JMESPath expression is required.";
            return false;
        }

        try
        {
            query = new JmesPathQuery(text, Parse(text));
            error = null;
            return true;
        }
#pragma warning disable CA1031 // JmesPath.Net reports syntax errors as System.Exception; any failure here is a bad expression.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = $"'{text}' is not a valid JMESPath expression: {ex.Message}";
            return false;
        }
    }

    /// <summary>Evaluates the expression on <paramref name="input"/>; throws <see cref="ConverterException"/> when it fails.</summary>
    public JToken Evaluate(JToken input)
    {
        if (!_pool.TryTake(out var expression))
        {
            expression = Parse(Text);
        }

        try
        {
            return expression.Transform(new JmesPathArgument(input)).AsJToken() ?? JValue.CreateNull();
        }
#pragma warning disable CA1031 // JmesPath.Net reports evaluation errors (invalid-type, ...) as System.Exception.
        catch (Exception ex) when (ex is not ConverterException)
#pragma warning restore CA1031
        {
            throw new ConverterException($"JMESPath expression '{Text}' failed: {ex.Message}", ex);
        }
        finally
        {
            _pool.Add(expression);
        }
    }

    private static JmesPathExpression Parse(string text) => new DevLab.JmesPath.JmesPath().Parse(text);
}
