namespace Luoshi.Web.Features.Orders;

internal static class OrderLabels
{
    public static string State(OrderState state) => state switch
    {
        OrderState.Issued => "待回复",
        OrderState.AwaitingHead => "待单位负责人审定",
        OrderState.Replied => "已回复",
        OrderState.Returned => "已退回",
        OrderState.Closed => "已办结",
        _ => state.ToString(),
    };
}
