namespace Gateway.Core.Formats;

/// <summary>Where the columns of CSV output come from. Whatever the policy, no field is ever dropped silently.</summary>
public enum CsvHeaderPolicy
{
    /// <summary>The first record's fields, so output streams; a later record with another field is an error.</summary>
    First,

    /// <summary>
    /// Every field of every record, in the order first seen, missing values empty (Miller's <c>unsparsify</c>). The
    /// CLI reads an input file twice; streams and HTTP bodies are held up to <c>UnionBufferBytes</c>.
    /// </summary>
    Union,

    /// <summary>The <c>HeaderColumns</c> list, in its order; a record with another field is an error.</summary>
    Columns,
}
