using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// How an error reaches the person who caused it. A browser (a request outside /api that accepts text/html) gets a
/// Chinese page with a way back (/Errors/{status}, Features/Errors); an API client gets ProblemDetails as before.
/// Exceptions never show their details to either.
/// </summary>
public static class ErrorPages
{
    /// <summary>The item of <see cref="HttpContext.Items"/> that marks a request refused for a missing or stale antiforgery token.</summary>
    public const string AntiforgeryFailedKey = "luoshi.antiforgery-failed";

    /// <summary>Whether the request comes from a person's browser, so that an error is shown as a page.</summary>
    public static bool WantsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Marks antiforgery refusals, so that the 400 page can say the page or the sign-in has expired.</summary>
    public static void AddErrorPageFilters(this MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Filters.Add(new MarkAntiforgeryFailure());
    }

    /// <summary>
    /// The error middleware: exceptions and empty error responses become pages for browsers (re-executing
    /// /Errors/500 or /Errors/{status}) and ProblemDetails for everyone else.
    /// </summary>
    public static void UseErrorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        bool development = app.Environment.IsDevelopment();
        if (!development)
        {
            app.UseExceptionHandler(); // ProblemDetails, without the exception's details
        }

        app.UseStatusCodePages(); // ProblemDetails (AddProblemDetails)
        app.UseWhen(ctx => WantsPage(ctx.Request), page =>
        {
            if (!development)
            {
                page.UseExceptionHandler("/Errors/500");
            }

            page.UseStatusCodePagesWithReExecute("/Errors/{0}");
        });
    }

    private sealed class MarkAntiforgeryFailure : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is IAntiforgeryValidationFailedResult)
            {
                context.HttpContext.Items[AntiforgeryFailedKey] = true;
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}
