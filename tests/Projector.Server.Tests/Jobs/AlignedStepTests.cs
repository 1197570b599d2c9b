using Projector.Core.Projections;
using Projector.Server.Jobs;

namespace Projector.Server.Tests.Jobs;

public sealed class AlignedStepTests
{
    [Fact]
    public void Only_the_aligned_columns_turn_and_the_others_stay()
    {
        // Three rows of three columns: the first two columns are the reference turned by 90 degrees.
        float[] reference = [1, 0, 0, 2, 0, 2, 3, 1, 0];
        float[] moving = [0, 1, 7, 0, 2, 8, -1, 3, 9];
        var step = new AlignedStep(reference, 3, 2);
        var frame = new ProjectionFrame(moving, 3, 3, 10, 10, null, "done");

        var aligned = step.Apply(frame).Positions;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(reference[i * 3], aligned[i * 3], 4);
            Assert.Equal(reference[(i * 3) + 1], aligned[(i * 3) + 1], 4);
            Assert.Equal(moving[(i * 3) + 2], aligned[(i * 3) + 2]);
        }

        Assert.Equal([0, 1, 7, 0, 2, 8, -1, 3, 9], moving);
    }

    [Fact]
    public void The_key_names_the_reference_and_the_columns()
    {
        float[] a = [1, 2, 3, 4];
        Assert.Equal(new AlignedStep(a, 2, 2).Key, new AlignedStep([.. a], 2, 2).Key);
        Assert.NotEqual(new AlignedStep(a, 2, 2).Key, new AlignedStep([1, 2, 3, 5], 2, 2).Key);
        Assert.NotEqual(new AlignedStep(a, 2, 2).Key, new AlignedStep(a, 2, 1).Key);
    }
}
