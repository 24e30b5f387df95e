using System.Text;
using Actors.Api.Tracking;

namespace Actors.Api.Tests.Tracking;

public class PhpSerializedArrayTests
{
    private static string Encode(string php) => Convert.ToBase64String(Encoding.UTF8.GetBytes(php));

    [Fact]
    public void Reads_the_page_url_of_a_d_parameter()
    {
        var ok = PhpSerializedArray.TryDecode(Encode("a:2:{s:8:\"page_url\";s:19:\"https://example.com\";s:5:\"email\";s:9:\"a@b.co.uk\";}"), out var values);

        Assert.True(ok);
        Assert.Equal("https://example.com", values["page_url"]);
    }

    [Fact]
    public void Reads_nested_arrays_integers_and_multibyte_strings()
    {
        var ok = PhpSerializedArray.TryDecode(Encode("a:2:{s:6:\"source\";a:2:{i:0;s:5:\"email\";i:1;i:12;}s:4:\"name\";s:4:\"Zoë\";}"), out var values);

        Assert.True(ok);
        var source = Assert.IsType<Dictionary<string, object?>>(values["source"]);
        Assert.Equal("email", source["0"]);
        Assert.Equal(12L, source["1"]);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("s:3:\"abc\";")]
    [InlineData("O:8:\"stdClass\":0:{}")]
    [InlineData("a:1:{s:8:\"page_url\";s:999:\"short\";}")]
    [InlineData("a:1:{s:3:\"key\";i:99999999999999999999999;}")]
    [InlineData("a:2:{s:3:\"key\";s:1:\"v\";}")]
    [InlineData("a:1:{s:3:\"key\";s:1:\"v\";}trailing")]
    [InlineData("a:1:{s:8:\"page_url\";s:2147483647:\"x\";}")]
    [InlineData("a:1:{s:8:\"page_url\";s:2147483648:\"x\";}")]
    [InlineData("a:1:{s:2147483640:\"k\";s:1:\"v\";}")]
    [InlineData("a:1:{s:1:\"k\";a:1:{s:1:\"n\";s:2147483646:\"x\";}}")]
    [InlineData("a:2147483647:{s:1:\"k\";s:1:\"v\";}")]
    [InlineData("a:9223372036854775807:{s:1:\"k\";s:1:\"v\";}")]
    [InlineData("a:-1:{}")]
    public void Refuses_anything_but_a_well_formed_array(string php)
    {
        var input = php == "not base64 at all!" ? php : Encode(php);

        Assert.False(PhpSerializedArray.TryDecode(input, out _));
    }
}
