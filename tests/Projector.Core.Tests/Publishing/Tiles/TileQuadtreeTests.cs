using Projector.Core.Publishing.Tiles;

namespace Projector.Core.Tests.Publishing.Tiles;

public sealed class TileQuadtreeTests
{
    [Fact]
    public void Quotas_keep_every_occupied_cell_and_thin_dense_cells_within_the_capacity()
    {
        int[] counts = [0, 1, 3, 10_000, 400, 0, 2, 50];
        var quota = new int[counts.Length];
        var total = TileQuadtree.Quotas(counts, quota, 200);
        Assert.Equal(quota.Sum(), total);
        Assert.InRange(total, 190, 200);
        for (var c = 0; c < counts.Length; c++)
        {
            Assert.InRange(quota[c], counts[c] == 0 ? 0 : 1, counts[c]);
        }

        // A sparse cell keeps all of its points; a dense one keeps more than a less dense one, but far fewer pro rata.
        Assert.Equal(1, quota[1]);
        Assert.Equal(2, quota[6]);
        Assert.True(quota[3] > quota[4] && quota[4] > quota[7], string.Join(",", quota));
        var share = (double)total / counts.Sum();
        Assert.True(quota[3] < counts[3] * share * 0.9, string.Join(",", quota));
        Assert.True(quota[7] > counts[7] * share * 5, string.Join(",", quota));
    }

    [Theory]
    [InlineData(50_000, 64)]
    [InlineData(1_000, 8)]
    [InlineData(64, 4)]
    public void The_sampling_grid_leaves_room_for_one_point_per_cell(int capacity, int grid)
    {
        Assert.Equal(grid, TileQuadtree.GridFor(capacity));
        Assert.True(grid * grid <= capacity / 4);
    }
}
