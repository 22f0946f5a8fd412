using System.Net;
using System.Net.Http.Headers;
using Gateway.Core.Formats.Options;
using Gateway.Formats;
using Gateway.Tests.Cli;
using Gateway.Tests.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Malformed;

/// <summary>
/// Every malformed document, through the CLI (exit 1, one stderr line) and through <c>POST /convert</c> (400 problem
/// details, never a 5xx, nothing logged as an error), each bounded by a timeout so a hang fails.
/// </summary>
public sealed class MalformedCorpusTests : IClassFixture<GatewayAppFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly GatewayAppFactory _factory;

    public MalformedCorpusTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public void Corpus_covers_every_format_with_at_least_50_cases()
    {
        Assert.True(MalformedCorpus.All.Count >= 50, $"only {MalformedCorpus.All.Count} cases");
        foreach (var format in MalformedCorpus.Formats.Keys)
        {
            Assert.True(MalformedCorpus.All.Count(c => c.Format == format) >= 8, $"too few {format} cases");
        }
    }

    [Theory]
    [MemberData(nameof(MalformedCorpus.Ids), MemberType = typeof(MalformedCorpus))]
    public async Task Cli_exits_1_with_one_line_on_stderr(string id)
    {
        var item = MalformedCorpus.Get(id);
        string[] args = ["convert", "--from", item.Format, "--to", item.Target ?? MalformedCorpus.Formats[item.Format].Target, .. CliFlags(item.Query)];
        var result = await CliRunner.RunAsync(item.Body, args);
        Assert.True(result.ExitCode == 1, $"{id}: {result}");
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("gateway convert: ", line, StringComparison.Ordinal);
        Assert.True(line.Length > "gateway convert: ".Length + 10, line);
    }

    [Theory]
    [MemberData(nameof(MalformedCorpus.Ids), MemberType = typeof(MalformedCorpus))]
    public async Task Http_answers_400_problem_details(string id)
    {
        var item = MalformedCorpus.Get(id);
        using var client = _factory.CreateClient();
        client.Timeout = Timeout;
        using var content = new ByteArrayContent(item.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(MalformedCorpus.Formats[item.Format].MediaType);
        if (item.Target is not null)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(MalformedCorpus.Formats[item.Target].MediaType));
        }

        var query = item.Query.Length == 0 ? string.Empty : "?" + item.Query;
        using var response = await client.PostAsync(new Uri("/convert" + query, UriKind.Relative), content).WaitAsync(Timeout);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEqual(string.Empty, problem.GetProperty("detail").GetString());
        Assert.True(_factory.Problems.IsEmpty, string.Join("\n", _factory.Problems));
    }

    /// <summary>Translates a case's query string into <c>gateway convert</c> flags.</summary>
    private static IEnumerable<string> CliFlags(string query)
    {
        foreach (var (key, values) in QueryHelpers.ParseQuery(query))
        {
            var definition = BuiltInFormats.Options.FindByQueryName(key) ?? throw new InvalidOperationException($"unknown option {key}");
            foreach (var value in values)
            {
                if (definition.Kind == FormatOptionKind.Flag)
                {
                    if (string.Equals(value, definition.CliFlagValue, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return definition.CliFlag;
                    }

                    continue;
                }

                yield return definition.CliFlag;
                yield return value ?? string.Empty;
            }
        }
    }
}
