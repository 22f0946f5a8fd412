namespace Gateway.Http;

/// <summary>
/// Fills in a <c>detail</c> a person can act on for problems the framework raises (unknown path, wrong method,
/// unreadable request, unexpected failure), so every error answer is useful problem details.
/// </summary>
internal static class ProblemDetailsDefaults
{
    /// <summary>The status of an exception that reached the exception handler: a client error for bad requests, otherwise 500.</summary>
    public static int StatusCodeOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var error = context.Exception ?? context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {request.Path}. The gateway serves POST /convert, GET /healthz and GET /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; see /openapi/v1.json for the methods it takes.",
            >= 400 and < 500 when error is BadHttpRequestException bad => $"The request could not be read: {bad.Message}",
            >= 500 => "The gateway failed unexpectedly while handling the request. The error is logged with this problem's traceId; please report it.",
            _ => problem.Title,
        };
    }
}
