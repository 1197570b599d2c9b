using Projector.Core;

namespace Projector.Server.Tests;

public sealed class ServerRemediesTests
{
    [Fact]
    public void A_remedy_is_worded_as_the_request_field_never_as_a_flag()
    {
        var e = new DataFormatException("weights.bytes", "has no shape", "Give the shape as rows,dimensions", remedy: new Remedy(RemedyOption.Shape, "0,4"));
        var line = ServerRemedies.Describe(e);
        Assert.Contains("shape = \"0,4\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--", line, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<RemedyOption>(), o => Assert.DoesNotContain("--", ServerRemedies.Field(new Remedy(o, "x")), StringComparison.Ordinal));
    }
}
