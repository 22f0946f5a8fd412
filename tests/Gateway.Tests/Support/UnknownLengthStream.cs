namespace Gateway.Tests.Support;

/// <summary>A body of unknown length: HttpClient sends it chunked, without Content-Length.</summary>
internal sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
{
    public override bool CanSeek => false;
}
