using Actors.Grains.Imports;

namespace Actors.Grains.Tests.Fields;

/// <summary>Dates and times are read as PHP's strtotime reads them, for the spellings that never depend on today.</summary>
public sealed class DateSpellingTests
{
    [Theory]
    [InlineData("2024-05-01", "2024-05-01")]
    [InlineData("2024-5-1", "2024-05-01")]
    [InlineData("01.05.2024", "2024-05-01")]
    [InlineData("13.05.2024", "2024-05-13")]
    [InlineData("1.5.2024", "2024-05-01")]
    [InlineData("01-05-2024", "2024-05-01")]
    [InlineData("22.12.78", "1978-12-22")]
    [InlineData("25.05.24", "2024-05-25")]
    [InlineData("05/01/2024", "2024-05-01")]
    [InlineData("5/1/24", "2024-05-01")]
    [InlineData("2024/05/01", "2024-05-01")]
    [InlineData("20240501", "2024-05-01")]
    [InlineData("78-12-22", "1978-12-22")]
    [InlineData("1 May 2024", "2024-05-01")]
    [InlineData("1st may 2024", "2024-05-01")]
    [InlineData("May 1, 2024", "2024-05-01")]
    [InlineData("SEPT 30 2024", "2024-09-30")]
    [InlineData("May-01-2024", "2024-05-01")]
    [InlineData("2024-May-01", "2024-05-01")]
    [InlineData("22DEC78", "1978-12-22")]
    [InlineData("June 2008", "2008-06-01")]
    [InlineData(" 2024-05-01T23:30:00-05:00 ", "2024-05-01")]
    public void A_date_field_reads_each_spelling_as_php_does(string written, string stored)
    {
        Assert.True(ImportValues.Date("date", written, out var value), written);
        Assert.Equal(stored, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,5")]
    [InlineData("1978")]
    [InlineData("01.05.24")]
    [InlineData("10:20")]
    [InlineData("May 1")]
    [InlineData("tomorrow")]
    [InlineData("31.02.2024")]
    [InlineData("2024-13-01")]
    [InlineData("0000-00-00")]
    [InlineData("2024-05-01 10:20 CEST")]
    [InlineData("2024-05-01 25:00")]
    [InlineData("2024-05-01 10:20+15:00")]
    [InlineData("2024-05-0110:20")]
    [InlineData("next spring")]
    public void A_date_field_refuses_what_php_would_read_against_today_or_not_at_all(string written)
        => Assert.False(ImportValues.Date("date", written, out _), written);

    [Theory]
    [InlineData("2024-05-01T10:20:30Z", "2024-05-01 10:20:30")]
    [InlineData("2024-05-01 10:20:30", "2024-05-01 10:20:30")]
    [InlineData("2024-05-01T10:20:30.123+02:00", "2024-05-01 08:20:30")]
    [InlineData("2024-05-01 10:20 -0700", "2024-05-01 17:20:00")]
    [InlineData("2024-05-01 10:20 GMT+2", "2024-05-01 08:20:00")]
    [InlineData("01.05.2024 10.20", "2024-05-01 10:20:00")]
    [InlineData("May 1, 2024 4 pm", "2024-05-01 16:00:00")]
    [InlineData("1 May 2024 12:05 a.m.", "2024-05-01 00:05:00")]
    [InlineData("2024-05-01", "2024-05-01 00:00:00")]
    [InlineData("0001-01-01 00:00", "0001-01-01 00:00:00")]
    public void A_datetime_field_stores_the_moment_in_utc(string written, string stored)
    {
        Assert.True(ImportValues.Date("datetime", written, out var value), written);
        Assert.Equal(stored, value);
    }

    [Theory]
    [InlineData("10:20", "10:20:00")]
    [InlineData("10.20.30", "10:20:30")]
    [InlineData("T23:43", "23:43:00")]
    [InlineData("4pm", "16:00:00")]
    [InlineData("01.05.24", "01:05:24")]
    [InlineData("2024-05-01 10:20:30", "10:20:30")]
    public void A_time_field_takes_a_time_alone_or_after_a_date(string written, string stored)
    {
        Assert.True(ImportValues.Date("time", written, out var value), written);
        Assert.Equal(stored, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("2024-05-01")]
    [InlineData("25:99")]
    [InlineData("13 pm")]
    [InlineData("0001-01-01 00:00+01:00")]
    public void A_time_field_refuses_what_holds_no_time(string written)
        => Assert.False(ImportValues.Date("time", written, out _), written);
}
