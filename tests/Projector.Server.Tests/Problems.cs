using System.Net.Http.Json;
using System.Text.Json;

namespace Projector.Server.Tests;

public static class Problems
{
    /// <summary>Asserts the answer is a problem+json with <paramref name="status"/> and a one-sentence detail, and returns the detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        var detail = body.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain("\n", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Projector.", detail, StringComparison.Ordinal);
        return detail;
    }

    public static async Task<string> AssertProblemAsync(Task<HttpResponseMessage> request, int status)
    {
        using var response = await request;
        return await AssertProblemAsync(response, status);
    }

    /// <summary>
    /// A POST that waits for "100 Continue" before sending its body, as browsers and curl do for large
    /// bodies, so a server refusing it early (413) is read back instead of breaking the pipe mid-upload.
    /// </summary>
    public static HttpRequestMessage Oversized(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
}
