using Actors.Api.Tracking;

namespace Actors.Api.Tests.Tracking;

public sealed class TrackingOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
        => Assert.True(new TrackingOptionsValidator().Validate(null, new TrackingOptions()).Succeeded);

    [Theory]
    [InlineData("Tracking:MaxTagsPerHit must be at least 1", 0, 60)]
    [InlineData("Tracking:NewTagsPerMinute must be 0 or more", 20, -1)]
    public void A_tag_limit_that_cannot_work_is_refused_by_name(string message, int maxTagsPerHit, int newTagsPerMinute)
    {
        var result = new TrackingOptionsValidator().Validate(null, new TrackingOptions { MaxTagsPerHit = maxTagsPerHit, NewTagsPerMinute = newTagsPerMinute });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }
}
