"""Known data values in both languages: severities, statuses and the demo's categories,
touchpoints, channels, regions and segments. A value not listed shows as loaded."""

_VALUES = {
    "severity": {"low": "低", "medium": "中", "high": "高", "urgent": "紧急", "critical": "严重"},
    "status": {"open": "未结", "closed": "已结", "resolved": "已解决", "pending": "处理中",
               "in_progress": "处理中", "escalated": "已升级"},
    "category": {
        "delivery delay": "配送延迟", "product quality": "产品质量", "installation issue": "安装问题",
        "wrong item": "发错商品", "slow refund": "退款慢", "rude staff": "服务态度差",
        "billing error": "账单错误", "app bug": "App 故障", "payment failure": "支付失败",
        "website error": "网站故障", "misleading sales": "误导销售", "long wait": "等待过久",
        "slow complaint handling": "投诉处理慢", "technical support unresolved": "技术支持未解决",
    },
    "touchpoint": {
        "delivery": "配送", "after-sales": "售后", "installation": "安装", "ordering": "下单",
        "returns/refunds": "退换货与退款", "billing": "账单", "app": "App", "payment": "支付",
        "website": "网站", "pre-sales consultation": "售前咨询", "phone hotline": "电话热线",
        "complaint handling": "投诉处理", "technical support": "技术支持", "store": "门店",
        "online service": "在线客服",
    },
    "channel": {"app": "App", "website": "网站", "web": "网站", "phone": "电话", "store": "门店",
                "wechat": "微信"},
    "region": {"north": "北区", "south": "南区", "east": "东区", "west": "西区",
               "central": "中区"},
    "segment": {"vip": "VIP", "regular": "普通", "new": "新客"},
}

STRINGS = {
    f"value.{field}.{value}": {"en": value, "zh-CN": zh}
    for field, values in _VALUES.items() for value, zh in values.items()
}
