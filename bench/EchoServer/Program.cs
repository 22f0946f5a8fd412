// The reference for the end-to-end HTTP benchmark (bench/e2e/s1-convert-http.sh): bare Kestrel answering
// POST /echo with the request body, copied as it streams in. Whatever the gateway adds on top of this is its cost.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information); // "Now listening on: URL" tells the script the port
var app = builder.Build();
app.MapPost("/echo", async (HttpContext context) =>
{
    context.Response.ContentType = context.Request.ContentType;
    await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
});
await app.RunAsync();
