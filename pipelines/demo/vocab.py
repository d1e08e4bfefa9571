"""Dimensions, weights and complaint texts of the demo company, an online home retailer."""

from __future__ import annotations

REGIONS = ("North", "South", "East", "West", "Central")
REGION_WEIGHTS = (0.20, 0.22, 0.26, 0.14, 0.18)

CHANNELS = ("App", "Website", "Phone", "Store", "WeChat")
CHANNEL_WEIGHTS = (0.30, 0.22, 0.16, 0.14, 0.18)
# Where live agents answer; ops carries avg_answer_seconds for these.
SERVICE_CHANNELS = ("Phone", "WeChat", "Website")

SEGMENTS = ("VIP", "regular", "new")
SEGMENT_WEIGHTS = (0.08, 0.62, 0.30)

# warehouse/docs/metrics.md taxonomy with the share of survey responses each gets and its usual detractor share.
TOUCHPOINTS = {
    "website": (0.07, 0.17),
    "app": (0.09, 0.16),
    "social media": (0.03, 0.18),
    "online service": (0.07, 0.18),
    "store": (0.06, 0.14),
    "phone hotline": (0.05, 0.19),
    "pre-sales consultation": (0.05, 0.15),
    "ordering": (0.09, 0.14),
    "payment": (0.06, 0.13),
    "delivery": (0.12, 0.20),  # our weakest touchpoint: a rival can pull 15 % ahead of it
    "installation": (0.05, 0.18),
    "after-sales": (0.06, 0.19),
    "billing": (0.04, 0.18),
    "technical support": (0.04, 0.18),
    "returns/refunds": (0.07, 0.16),
    "complaint handling": (0.05, 0.19),
}

# Touchpoints that only happen in one channel; the rest follow the customer's main channel.
TOUCHPOINT_CHANNEL = {
    "website": "Website",
    "app": "App",
    "social media": "WeChat",
    "store": "Store",
    "phone hotline": "Phone",
}

PRODUCTS = (
    "Air Conditioner K5",
    "Robot Vacuum R7",
    "Air Purifier P3",
    "Smart TV 55",
    "Refrigerator F2",
    "Washing Machine W8",
    "Water Heater H2",
    "Rice Cooker C1",
    "Smart Lock L3",
    "Coffee Maker M2",
    "Sofa Classic",
    "Mattress Cloud",
)
PRODUCTS_ZH = {
    "Air Conditioner K5": "K5空调",
    "Robot Vacuum R7": "R7扫地机器人",
    "Air Purifier P3": "P3空气净化器",
    "Smart TV 55": "55寸智能电视",
    "Refrigerator F2": "F2冰箱",
    "Washing Machine W8": "W8洗衣机",
    "Water Heater H2": "H2热水器",
    "Rice Cooker C1": "C1电饭煲",
    "Smart Lock L3": "L3智能门锁",
    "Coffee Maker M2": "M2咖啡机",
    "Sofa Classic": "经典款沙发",
    "Mattress Cloud": "云感床垫",
}

# Categories about a product (the ticket names it) → touchpoint and share among product tickets.
PRODUCT_CATEGORIES = {
    "delivery delay": ("delivery", 0.36),
    "product quality": ("after-sales", 0.34),
    "installation issue": ("installation", 0.16),
    "wrong item": ("ordering", 0.14),
}

# Service categories (no product on the ticket) → touchpoint and tickets per day.
SERVICE_CATEGORIES = {
    "slow refund": ("returns/refunds", 2.6),
    "rude staff": (None, 3.6),  # touchpoint follows the channel (store, hotline, online service)
    "billing error": ("billing", 2.8),
    "app bug": ("app", 2.2),
    "payment failure": ("payment", 1.6),
    "website error": ("website", 1.2),
    "misleading sales": ("pre-sales consultation", 1.3),
    "long wait": ("phone hotline", 2.0),
    "slow complaint handling": ("complaint handling", 1.3),
    "technical support unresolved": ("technical support", 1.5),
}
RUDE_STAFF_TOUCHPOINT = {
    "Store": "store",
    "Phone": "phone hotline",
    "WeChat": "online service",
    "App": "online service",
    "Website": "online service",
}

# Channel a complaint of this category usually arrives through (others by CHANNEL_WEIGHTS).
CATEGORY_CHANNEL = {"app bug": "App", "website error": "Website", "long wait": "Phone"}
COMPLAINT_CHANNEL_WEIGHTS = (0.22, 0.15, 0.30, 0.13, 0.20)

SEVERITIES = ("low", "medium", "high", "urgent")
SEVERITY_WEIGHTS = (0.42, 0.40, 0.14, 0.04)

COMPETITORS = ("HomeNest", "BrightHome", "UrbanCasa")
BENCHMARK_SOURCES = {
    "HomeNest": "own research",
    "BrightHome": "J.D. Power",
    "UrbanCasa": "own research",
}
BENCHMARK_TOUCHPOINTS = (
    "delivery",
    "online service",
    "app",
    "returns/refunds",
    "store",
    "phone hotline",
)

# Complaint texts: each template carries words of its category (English and Chinese) so keyword
# tagging has something real to find. {p} is the product, {d} a number of days, {a} an amount.
TEXTS = {
    "delivery delay": {
        "zh": [
            "{p}下单后{d}天还没送到，物流延迟太严重了。",
            "快递一直显示运输中，配送慢，说好的送货时间早就过了。",
            "物流延迟，{p}迟迟不发货，客服只会让我等。",
            "送货又迟到了，送得慢还不通知，{p}到现在没收到。",
        ],
        "en": [
            "My {p} is {d} days late. Delivery delay and no update from the courier.",
            "The delivery was late again and the tracking has not moved for days.",
            "Order for {p} still not delivered, the promised delivery date passed {d} days ago.",
        ],
    },
    "product quality": {
        "zh": [
            "{p}用了{d}天就坏了，质量太差。",
            "收到的{p}有明显划痕，质量有问题，要求换货。",
            "{p}质量不行，开机就有异响，已经坏了。",
        ],
        "en": [
            "The {p} broke after {d} days. Poor quality.",
            "Quality problem: the {p} arrived damaged and stopped working.",
            "{p} is broken, makes a loud noise. Very poor quality for the price.",
        ],
    },
    "installation issue": {
        "zh": [
            "{p}安装师傅迟迟不上门，预约了{d}次安装都没来。",
            "安装不规范，{p}装好后漏水，要求重新安装。",
        ],
        "en": [
            "The installer never came to install the {p}, rescheduled {d} times.",
            "Installation was done badly, the {p} leaks and must be installed again.",
        ],
    },
    "wrong item": {
        "zh": [
            "订的是{p}，收到的却是别的型号，发错货了。",
            "发错货，{p}颜色和订单不一致。",
        ],
        "en": [
            "Wrong item delivered: I ordered the {p} and got a different model.",
        ],
    },
    "slow refund": {
        "zh": [
            "退货已经{d}天了还没退款，退款慢得离谱。",
            "申请退款很久了，钱一直没退回来，退款太慢。",
            "退钱流程太慢，{a}元到现在没到账。",
        ],
        "en": [
            "Returned the item {d} days ago and still no refund. Slow refund process.",
            "Waiting for my refund of {a} yuan for weeks, refund is far too slow.",
        ],
    },
    "rude staff": {
        "zh": [
            "客服态度差，说话很不耐烦。",
            "门店店员态度很差，问两句就不理人。",
            "服务态度恶劣，直接挂我电话。",
        ],
        "en": [
            "The agent was rude and hung up on me.",
            "Rude staff at the store, very unfriendly attitude.",
        ],
    },
    "billing error": {
        "zh": [
            "同一笔订单被重复扣费{a}元。",
            "账单多收了{a}元，扣费不对。",
            "没开通的服务也在扣费，要求退还多收的钱。",
        ],
        "en": [
            "I was charged twice for the same order, {a} yuan extra.",
            "Billing error: overcharged {a} yuan on my bill.",
        ],
    },
    "app bug": {
        "zh": [
            "APP一打开就闪退，根本没法下单。",
            "更新后APP闪退，付款页面一直报错。",
            "app有bug，购物车里的东西总是消失。",
        ],
        "en": [
            "The app keeps crashing since the last update.",
            "App bug: checkout page crashes every time.",
            "The app crashes on login, cannot place any order.",
        ],
    },
    "payment failure": {
        "zh": [
            "付款失败但钱已经扣了。",
            "支付一直失败，换了几张卡都不行。",
        ],
        "en": [
            "Payment failed but the money was taken from my card.",
            "Payment keeps failing at checkout.",
        ],
    },
    "website error": {
        "zh": [
            "官网页面打不开，一直报错。",
            "网站下单页面报错，提交不了订单。",
        ],
        "en": [
            "The website shows an error page when I try to check out.",
            "Website error, cannot log in to my account.",
        ],
    },
    "misleading sales": {
        "zh": [
            "销售承诺的赠品没有兑现，虚假宣传。",
            "售前咨询说包安装，结果要另外收费。",
        ],
        "en": [
            "The sales advisor promised free installation, misleading information.",
            "Misleading promotion, the discount was never applied.",
        ],
    },
    "long wait": {
        "zh": [
            "热线电话排队{d}0分钟都没人接。",
            "打客服电话一直占线，等待时间太长。",
        ],
        "en": [
            "Waited on the hotline for {d}0 minutes, nobody answered.",
            "Long wait on the phone, queue never moves.",
        ],
    },
    "slow complaint handling": {
        "zh": [
            "投诉了{d}次都没有人处理，处理太慢。",
            "上次的投诉至今没有回复，处理效率太低。",
        ],
        "en": [
            "My complaint has not been handled after {d} reminders.",
            "Nobody follows up on my complaint, very slow handling.",
        ],
    },
    "technical support unresolved": {
        "zh": [
            "技术支持远程调试了{d}次，问题还是没解决。",
            "售后技术人员解决不了故障，来回折腾。",
        ],
        "en": [
            "Technical support could not fix the problem after {d} sessions.",
            "Tech support keeps asking me to restart, issue unresolved.",
        ],
    },
}

SURVEY_COMMENTS = {
    "good": ["送货很快，服务很好", "Great service, thank you", "体验不错", "Easy and quick", "满意",
             "Friendly staff"],
    "bad": ["太慢了", "Very disappointed", "体验很差", "Nobody helped me", "不满意",
            "Too slow, poor service"],
}
