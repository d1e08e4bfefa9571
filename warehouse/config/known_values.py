"""Known data values in both languages: severities, statuses and the demo's categories,
touchpoints, channels, regions and segments; a value not listed reads as loaded. The app's
tables and the quarterly report put them in the reader's language from here."""

from __future__ import annotations

VALUES = {
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

# The data values a risk-matrix item's label is made of ('delivery × East'), by item type.
LABEL_PARTS = {"touchpoint": ("touchpoint",), "category": ("category",),
               "touchpoint_region": ("touchpoint", "region")}


def known_value(field: str, value, lang: str) -> str:
    """VALUE of FIELD in LANG ('zh', 'zh-CN' or 'en') when it is a known value, else as loaded."""
    text = "" if value is None else str(value)
    if not lang.startswith("zh"):
        return text
    return VALUES.get(field, {}).get(text.strip().lower(), text)


def item_label(item_type: str, label, lang: str) -> str:
    """A risk item's label ('delivery × East') with its known values in LANG."""
    fields = LABEL_PARTS.get(item_type)
    parts = str(label).split(" × ")
    if not fields or len(parts) != len(fields):
        return str(label)
    return " × ".join(known_value(f, v, lang) for f, v in zip(fields, parts))
