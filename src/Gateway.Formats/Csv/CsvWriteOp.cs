namespace Gateway.Formats.Csv;

/// <summary>
/// One cell of a row as the reader writes it: the JSON that comes before its value (a comma, the property name,
/// brackets that open nested objects and arrays, precomputed from the header), the column of the value, and how
/// deep the value sits (for the depth limit of Json cells).
/// </summary>
internal readonly record struct CsvWriteOp(byte[] Prefix, int Column, int Depth, CsvCellKind Kind);
