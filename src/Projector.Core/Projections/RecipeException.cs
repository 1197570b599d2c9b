namespace Projector.Core.Projections;

/// <summary>
/// A <see cref="ProjectionRecipe"/> choice out of range. <see cref="Property"/> names the recipe property and
/// <see cref="Problem"/> says what is wrong without naming it, so a host can put its own name in front
/// (the CLI its flag, the server its request field).
/// </summary>
public sealed class RecipeException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="property"/> (null when no one property is at fault).</summary>
    public RecipeException(string? property, string problem)
        : base(property is null ? problem : $"{property} {problem}")
    {
        Property = property;
        Problem = problem;
    }

    /// <summary>The recipe property at fault (e.g. <c>Perplexity</c>), or null.</summary>
    public string? Property { get; }

    /// <summary>What is wrong, worded to follow the property's name (e.g. "must be 2 or 3, not 4.").</summary>
    public string Problem { get; }
}
