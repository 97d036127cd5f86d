namespace Luoshi.Core.Features.Supervision;

/// <summary>The Chinese names of <see cref="ObligationStatus"/>, the one wording every page and filter uses.</summary>
public static class ObligationStatusLabels
{
    public static string Of(ObligationStatus s) => s switch
    {
        ObligationStatus.Pending => "未到期",
        ObligationStatus.OnTime => "按时报送",
        ObligationStatus.Late => "逾期报送",
        ObligationStatus.Missing => "逾期未报",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
