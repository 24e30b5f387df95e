using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Devices;

namespace Actors.Grains.Tests.Devices;

public sealed class UniqueIdentifiersOperatorTests : SiloTest
{
    private static readonly string[] EmailAndPhone = ["email", "phone"];

    private Task<TrackResult> Track(string device, string email, string phone, UniqueIdentifiersOperator op, int minute)
        => Silo.Device(device).Track(new TrackHit
        {
            Page = Hits.Page(minute).WithEmail(email).WithField("phone", phone),
            UniqueAliases = EmailAndPhone,
            Operator = op,
        });

    [Fact]
    public async Task With_or_one_shared_unique_value_is_enough_to_end_as_one_contact()
    {
        var first = await Track(DeviceId.New(), "pat@example.com", "111", UniqueIdentifiersOperator.Or, 0);
        var second = await Track(DeviceId.New(), "pat@example.com", "222", UniqueIdentifiersOperator.Or, 1);

        Assert.Equal(first.ContactId, second.ContactId);
    }

    [Fact]
    public async Task With_and_only_contacts_sharing_every_unique_value_are_one()
    {
        var first = await Track(DeviceId.New(), "sam@example.com", "111", UniqueIdentifiersOperator.And, 0);
        var otherPhone = await Track(DeviceId.New(), "sam@example.com", "222", UniqueIdentifiersOperator.And, 1);
        var same = await Track(DeviceId.New(), "SAM@example.com ", "111", UniqueIdentifiersOperator.And, 2);

        Assert.NotEqual(first.ContactId, otherPhone.ContactId);
        Assert.Equal(first.ContactId, same.ContactId);
    }
}
