namespace Gateway.Formats.Csv;

/// <summary>
/// One cell of a row as the reader writes it: the JSON that comes before its value (the closing quote of the value
/// before, a comma, the property name, brackets that open nested objects and arrays, the opening quote of a String
/// value: all precomputed from the header), the column of the value, how deep the value sits (for the depth limit
/// of Json cells) and the column's type.
/// </summary>
internal readonly record struct CsvWriteOp(byte[] Prefix, int Column, int Depth, CsvCellKind Kind);
