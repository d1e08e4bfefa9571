"""The demo year as canonical DataFrames (one per export kind); times are local (Asia/Shanghai)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from pipelines.demo import incidents as inc
from pipelines.demo import vocab

DAYS = 365
N_CUSTOMERS = 20_000
SURVEYS_PER_DAY = 164
BENCHMARK_MONTHS = 36
# Quiet complaints stay near 1.3 % of orders (warehouse/docs/metrics.md limits: 5 % yellow, 10 % red).
ORDERS_PER_DAY = 3_000
# Golden-ratio sequence: any run of consecutive terms is spread almost evenly over [0, 1), so
# shares (detractors, categories, regions) stay close to their expectation in every cell and
# quiet periods do not throw up accidental spikes the way independent draws would.
_PHI = (5**0.5 - 1) / 2
_HOURS = np.arange(8, 23)
_HOUR_WEIGHTS = np.array([3, 5, 7, 7, 6, 5, 5, 5, 5, 6, 7, 8, 7, 5, 3], dtype=float)
_HOUR_WEIGHTS /= _HOUR_WEIGHTS.sum()
_REGION_OFFSET = {"North": 0.0, "South": -0.01, "East": 0.0, "West": 0.015, "Central": 0.005}
_SEGMENT_OFFSET = {"VIP": -0.02, "regular": 0.0, "new": 0.01}


def _even(n: int, rng: np.random.Generator) -> np.ndarray:
    return (rng.random() + _PHI * np.arange(n)) % 1.0


def _even_choice(n: int, weights, order_keys: list[np.ndarray], rng) -> np.ndarray:
    """Indices into `weights`, spread evenly within each group of consecutive `order_keys`."""
    order = np.lexsort([rng.random(n)] + order_keys[::-1])
    u = np.empty(n)
    u[order] = _even(n, rng)
    cum = np.cumsum(np.asarray(weights, dtype=float) / np.sum(weights))
    return np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)


def _stochastic_round(x: np.ndarray, rng) -> np.ndarray:
    return np.floor(x + rng.random(np.shape(x))).astype(int)


def _times(days: np.ndarray, rng) -> np.ndarray:
    """A local time of day (business hours, evening peak) on each day, to the minute."""
    hours = rng.choice(_HOURS, size=len(days), p=_HOUR_WEIGHTS)
    minutes = rng.integers(0, 60, size=len(days))
    return (
        days.astype("datetime64[m]")
        + (hours * 60 + minutes).astype("timedelta64[m]")
    )


class _Calendar:
    def __init__(self, end: date):
        self.end = end
        self.start = end - timedelta(days=DAYS - 1)
        self.days = np.arange(np.datetime64(self.start, "D"), np.datetime64(end, "D") + 1)
        self.delivery = inc.daily(inc.delivery_profile(end), self.days)
        self.app = inc.daily(inc.app_profile(end), self.days)
        self.refund = inc.daily(inc.refund_profile(end), self.days)
        weekday = (self.days.astype("datetime64[D]").view("int64") + 3) % 7  # 0 = Monday
        self.weekend = weekday >= 5


class _Customers:
    """CRM rows plus the arrays needed to pick plausible customers for events."""

    def __init__(self, rng: np.random.Generator, cal: _Calendar):
        n = N_CUSTOMERS
        end = np.datetime64(cal.end, "D")
        region = rng.choice(len(vocab.REGIONS), n, p=vocab.REGION_WEIGHTS)
        channel = rng.choice(len(vocab.CHANNELS), n, p=vocab.CHANNEL_WEIGHTS)
        segment = rng.choice(len(vocab.SEGMENTS), n, p=vocab.SEGMENT_WEIGHTS)
        is_new = segment == 2
        age = np.where(is_new, rng.integers(0, 90, n), rng.integers(90, 5 * 365, n))
        signup = end - age.astype("timedelta64[D]")
        churned = ~is_new & (rng.random(n) < 0.07)
        inactive = ~churned & ~is_new & (rng.random(n) < 0.15)
        last_gap = np.minimum(rng.exponential(6, n).astype(int), age)
        last_gap = np.where(inactive, np.minimum(rng.integers(30, 150, n), age), last_gap)
        last_gap = np.where(churned, np.minimum(rng.integers(60, 330, n), age), last_gap)
        self.region, self.channel, self.segment = region, channel, segment
        self.signup, self.churned = signup, churned
        self.last_active = end - last_gap.astype("timedelta64[D]")
        self.rng = rng
        self.inactive = inactive
        self.by_region = [np.flatnonzero(region == r) for r in range(len(vocab.REGIONS))]

    def pick(self, days: np.ndarray, region: np.ndarray | None = None) -> np.ndarray:
        """A customer for each event day: signed up by then, and not churned before it."""
        rng = self.rng
        m = len(days)
        chosen = np.full(m, -1)
        pending = np.arange(m)
        for _ in range(30):
            if region is None:
                cand = rng.integers(0, N_CUSTOMERS, len(pending))
            else:
                cand = np.empty(len(pending), dtype=int)
                for r, pool in enumerate(self.by_region):
                    mask = region[pending] == r
                    cand[mask] = pool[rng.integers(0, len(pool), mask.sum())]
            d = days[pending]
            ok = (self.signup[cand] <= d) & (~self.churned[cand] | (self.last_active[cand] >= d))
            chosen[pending[ok]] = cand[ok]
            pending = pending[~ok]
            if not len(pending):
                break
        if len(pending):  # practically never: fall back to the oldest customer of the region
            chosen[pending] = np.argmin(self.signup)
        return chosen

    def touch(self, who: np.ndarray, days: np.ndarray) -> None:
        """Customers who answered a survey or complained were active that day."""
        latest = pd.Series(days).groupby(who).max()
        idx = latest.index.to_numpy()
        keep = ~self.churned[idx]
        self.last_active[idx[keep]] = np.maximum(
            self.last_active[idx[keep]], latest.to_numpy()[keep].astype("datetime64[D]")
        )

    def frame(self, cal: _Calendar) -> pd.DataFrame:
        rng = self.rng
        n = N_CUSTOMERS
        end = np.datetime64(cal.end, "D")
        idle = (end - self.last_active).astype(int)
        orders_rate = rng.gamma(2.0, 3.4, n)
        orders = rng.poisson(np.where(idle >= 30, 0.6, orders_rate))
        orders = np.where(self.churned | (idle > 90), 0, orders)
        vip = self.segment == 0
        aov = np.exp(rng.normal(np.log(180), 0.55, n)) * np.where(vip, 2.0, 1.0)
        prev = aov * np.exp(rng.normal(0, 0.08, n))
        dropped = ~self.churned & (rng.random(n) < 0.045)
        prev = np.where(dropped, aov * rng.uniform(2.1, 3.5, n), prev)
        ltv = np.exp(rng.normal(np.log(700), 1.1, n)) * np.where(vip, 8.0, 1.0)
        ltv = ltv * np.where(self.segment == 2, 0.25, 1.0)
        tenure_days = (end - self.signup).astype(int)
        stage = np.where(
            self.segment == 2,
            "acquisition",
            np.where(self.churned | (tenure_days > 730), "renewal", "usage"),
        )
        return pd.DataFrame(
            {
                "customer_id": [f"C{100001 + i}" for i in range(n)],
                "region": np.asarray(vocab.REGIONS)[self.region],
                "channel": np.asarray(vocab.CHANNELS)[self.channel],
                "segment": np.asarray(vocab.SEGMENTS)[self.segment],
                "signup_date": self.signup.astype("datetime64[D]").astype(str),
                "last_active_date": self.last_active.astype("datetime64[D]").astype(str),
                "orders_90d": orders,
                "avg_order_value": np.round(aov, 2),
                "prev_avg_order_value": np.round(prev, 2),
                "lifetime_value": np.round(ltv, 2),
                "status": np.where(self.churned, "churned", "active"),
                "lifecycle_stage": stage,
            }
        )

    def ids(self, idx: np.ndarray) -> np.ndarray:
        return np.char.add("C", (idx + 100001).astype(str))


def _survey(rng, cal: _Calendar, cust: _Customers) -> pd.DataFrame:
    factor = np.where(cal.weekend, 1.12, 0.95) * rng.uniform(0.95, 1.05, len(cal.days))
    per_day = np.round(SURVEYS_PER_DAY * factor / factor.mean()).astype(int)
    day_idx = np.repeat(np.arange(len(cal.days)), per_day)
    days = cal.days[day_idx]
    n = len(days)
    # Three customers answer nothing but the lowest score (warehouse/docs/metrics.md "suspect" raters).
    who = cust.pick(days)
    cust.touch(who, days)
    region = cust.region[who]
    segment = cust.segment[who]
    tp_names = list(vocab.TOUCHPOINTS)
    tp_share = np.array([vocab.TOUCHPOINTS[t][0] for t in tp_names])
    tp = rng.choice(len(tp_names), n, p=tp_share / tp_share.sum())
    channel = np.where(
        rng.random(n) < 0.7,
        cust.channel[who],
        rng.choice(len(vocab.CHANNELS), n, p=vocab.CHANNEL_WEIGHTS),
    )
    for name, ch in vocab.TOUCHPOINT_CHANNEL.items():
        channel[tp == tp_names.index(name)] = vocab.CHANNELS.index(ch)

    # Detractor share of each response's context (this drives NPS, CSAT and the negative rate).
    bad = np.array([vocab.TOUCHPOINTS[t][1] for t in tp_names])[tp]
    bad += np.array([_REGION_OFFSET[r] for r in vocab.REGIONS])[region]
    bad += np.array([_SEGMENT_OFFSET[s] for s in vocab.SEGMENTS])[segment]
    k = cal.delivery[day_idx]
    east = region == vocab.REGIONS.index(inc.DELIVERY_REGION)
    service_tps = [
        tp_names.index(t) for t in ("phone hotline", "online service", "complaint handling")
    ]
    bad += k * east * np.select(
        [tp == tp_names.index("delivery"), np.isin(tp, service_tps)], [0.46, 0.20], 0.07
    )
    k = cal.app[day_idx]
    app = channel == vocab.CHANNELS.index(inc.APP_CHANNEL)
    app_tps = [tp_names.index(t) for t in ("app", "ordering", "payment")]
    bad += k * app * np.where(np.isin(tp, app_tps), 0.24, 0.15)
    bad += cal.refund[day_idx] * (tp == tp_names.index(inc.REFUND_TOUCHPOINT)) * 0.41
    bad = np.clip(bad, 0.02, 0.9)

    # Systematic sampling along (day, channel, touchpoint, region): the detractors in any run of
    # that order number the sum of their probabilities ± 1, so a channel's daily negative rate
    # is steady and quiet weeks stay quiet. `u` keeps each answer's place on the 0..1 scale.
    order = np.lexsort([rng.random(n), region, tp, channel, day_idx])
    running = np.cumsum(bad[order]) + rng.random()
    hit = np.floor(running) > np.floor(running - bad[order])
    v = _even(n, rng)
    u = np.empty(n)
    u[order] = np.where(hit, bad[order] * v, bad[order] + (1 - bad[order]) * v)
    # Quiet levels (glossary: CSI): NPS about +52, CSAT top-2 about 85 %, CES about 5.9 of 7;
    # the passive share and the CSAT/CES scales set them, `bad` (the detractors) the incidents.
    passive = 0.17 * (1 - bad)
    detractor = u < bad
    promoter = u >= bad + passive
    nps = np.where(
        detractor,
        rng.choice(7, n, p=np.array([1, 1, 2, 3, 4, 5, 6]) / 22),
        np.where(promoter, rng.choice([9, 10], n, p=[0.6, 0.4]), rng.choice([7, 8], n)),
    )
    # Top-2 share 1 - top: about 85 % when quiet, as deep as before in an incident (~40 %).
    top = np.maximum(1.125 * bad - 0.04, 0.7 * bad)
    csat = np.select(
        [u < 0.35 * bad, u < 0.7 * bad, u < top, u < top + (1 - top) * 0.45], [1, 2, 3, 4], 5
    )
    ces = np.clip(np.round(4.5 + 3.0 * u + rng.normal(0, 0.6, n)), 1, 7)
    ces = np.where(rng.random(n) < 0.04, np.nan, ces)
    comment = np.full(n, "", dtype=object)
    has_comment = rng.random(n) < 0.25
    good_c, bad_c = vocab.SURVEY_COMMENTS["good"], vocab.SURVEY_COMMENTS["bad"]
    pick = rng.integers(0, 6, n)
    comment[has_comment & detractor] = np.asarray(bad_c)[pick[has_comment & detractor]]
    comment[has_comment & ~detractor] = np.asarray(good_c)[pick[has_comment & ~detractor]]

    frame = pd.DataFrame(
        {
            "submitted_at": _times(days, rng),
            "customer_id": cust.ids(who),
            "channel": np.asarray(vocab.CHANNELS)[channel],
            "region": np.asarray(vocab.REGIONS)[region],
            "touchpoint": np.asarray(tp_names)[tp],
            "segment": np.asarray(vocab.SEGMENTS)[segment],
            "nps": nps,
            "csat": csat,
            "ces": ces,
            "comment": comment,
        }
    )
    frame = pd.concat([frame, _suspects(rng, cal, cust, set(who.tolist()))], ignore_index=True)
    frame = frame.sort_values("submitted_at", kind="stable", ignore_index=True)
    frame.insert(0, "response_id", [f"SR{2000001 + i}" for i in range(len(frame))])
    return frame


def _suspects(rng, cal: _Calendar, cust: _Customers, seen: set[int]) -> pd.DataFrame:
    """Twelve lowest-score answers in a row from each of three long-standing customers."""
    start = np.datetime64(cal.start, "D")
    pool = [
        i for i in range(N_CUSTOMERS)
        if i not in seen and not cust.churned[i] and cust.signup[i] < start
    ]
    rows = []
    for j, who in enumerate(rng.choice(pool, 3, replace=False)):
        days = start + np.arange(20 + j * 5, 20 + j * 5 + 12 * 25, 25).astype("timedelta64[D]")
        cust.touch(np.full(len(days), who), days)
        tp = "delivery" if j == 0 else "app" if j == 1 else "ordering"
        rows.append(
            pd.DataFrame(
                {
                    "submitted_at": _times(days, rng),
                    "customer_id": cust.ids(np.array([who]))[0],
                    "channel": vocab.CHANNELS[cust.channel[who]],
                    "region": vocab.REGIONS[cust.region[who]],
                    "touchpoint": tp,
                    "segment": vocab.SEGMENTS[cust.segment[who]],
                    "nps": 0,
                    "csat": 1,
                    "ces": 1.0,
                    "comment": "",
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _complaints(rng, cal: _Calendar, cust: _Customers) -> pd.DataFrame:
    n_days, n_products = len(cal.days), len(vocab.PRODUCTS)
    region_ix = {r: i for i, r in enumerate(vocab.REGIONS)}
    east = region_ix[inc.DELIVERY_REGION]
    hit = vocab.PRODUCTS.index(inc.DELIVERY_PRODUCT)
    parts = []

    # Product tickets: at most two per product and day in quiet times, so no product ever comes
    # near the "> 5 in 24 h" limit outside the delivery breakdown, however the window is cut.
    counts = rng.choice(3, size=(n_days, n_products), p=[0.1, 0.35, 0.55])
    d_idx, p_idx = np.nonzero(counts)
    reps = counts[d_idx, p_idx]
    d_idx, p_idx = np.repeat(d_idx, reps), np.repeat(p_idx, reps)
    m = len(d_idx)
    cats = list(vocab.PRODUCT_CATEGORIES)
    cat = _even_choice(m, [vocab.PRODUCT_CATEGORIES[c][1] for c in cats], [d_idx], rng)
    region = _even_choice(m, vocab.REGION_WEIGHTS, [d_idx], rng)
    parts.append(pd.DataFrame({"d": d_idx, "product": p_idx, "category": np.asarray(cats)[cat],
                               "region": region, "incident": 0.0}))

    # The delivery breakdown: a flood on one product in East and a trickle on the others there.
    k = cal.delivery
    extra = _stochastic_round(30 * k, rng)
    extra_other = _stochastic_round(np.outer(0.9 * k, np.ones(n_products)), rng)
    extra_other[:, hit] = extra
    d_idx, p_idx = np.nonzero(extra_other)
    reps = extra_other[d_idx, p_idx]
    parts.append(pd.DataFrame({"d": np.repeat(d_idx, reps), "product": np.repeat(p_idx, reps),
                               "category": "delivery delay", "region": east,
                               "incident": np.repeat(k[d_idx], reps)}))

    # Service tickets: steady daily counts per category; incidents scale some of them.
    boost = {
        "slow refund": 1 + 1.3 * cal.refund,
        "app bug": 1 + 4.8 * cal.app,
        "long wait": 1 + 1.5 * cal.delivery,
        "slow complaint handling": 1 + 1.0 * cal.delivery,
    }
    for name, (_, per_day) in vocab.SERVICE_CATEGORIES.items():
        lam = per_day * boost.get(name, np.ones(n_days)) * rng.uniform(0.8, 1.2, n_days)
        c = _stochastic_round(lam, rng)
        d_idx = np.repeat(np.arange(n_days), c)
        parts.append(pd.DataFrame({"d": d_idx, "product": -1, "category": name,
                                   "region": -1, "incident": 0.0}))
    t = pd.concat(parts, ignore_index=True)
    m = len(t)
    free = t["region"].to_numpy() < 0
    d_all = t["d"].to_numpy()
    region = t["region"].to_numpy().copy()
    region[free] = _even_choice(int(free.sum()), vocab.REGION_WEIGHTS, [d_all[free]], rng)
    category = t["category"].to_numpy()
    channel = _even_choice(m, vocab.COMPLAINT_CHANNEL_WEIGHTS, [d_all], rng)
    for name, ch in vocab.CATEGORY_CHANNEL.items():
        channel[category == name] = vocab.CHANNELS.index(ch)
    touchpoint = np.array(
        [vocab.PRODUCT_CATEGORIES.get(c, vocab.SERVICE_CATEGORIES.get(c))[0] for c in category],
        dtype=object,
    )
    rude = category == "rude staff"
    touchpoint[rude] = [vocab.RUDE_STAFF_TOUCHPOINT[vocab.CHANNELS[c]] for c in channel[rude]]

    days = cal.days[d_all]
    who = cust.pick(days, region)
    cust.touch(who, days)
    created = _times(days, rng)
    k_inc = t["incident"].to_numpy()
    k_day = cal.delivery[d_all] * (region == east)
    severity = rng.choice(4, m, p=vocab.SEVERITY_WEIGHTS)
    severity = np.where(
        k_inc > 0, rng.choice(4, m, p=[0.15, 0.40, 0.33, 0.12]), severity
    )
    urgent, high = severity == 3, severity == 2

    frt_min = np.exp(rng.normal(np.log(np.where(urgent, 12.0, 38.0)), np.where(urgent, 0.6, 0.75)))
    frt_min *= 1 + 2.0 * k_day
    res_med = np.select([urgent, high], [6.0, 18.0], 7.0)
    res_med = np.where(category == "slow refund", 20.0 * (1 + 2.5 * cal.refund[d_all]), res_med)
    res_med *= 1 + 1.5 * k_day
    escalated = rng.random(m) < np.select([urgent, high], [0.30, 0.12], 0.04) + 0.10 * k_day
    res_h = np.exp(rng.normal(np.log(res_med), 0.85)) * np.where(escalated, 1.8, 1.0)
    first = created + np.round(frt_min).astype("timedelta64[m]")
    resolved = first + np.round(res_h * 60).astype("timedelta64[m]")

    cutoff = np.datetime64(cal.end, "D").astype("datetime64[m]") + np.timedelta64(23 * 60 + 59, "m")
    stale = rng.random(m) < 0.004  # forgotten tickets: never answered, an SLA breach
    answered = (first <= cutoff) & ~stale
    done = (resolved <= cutoff) & answered
    status = np.where(done, np.where(rng.random(m) < 0.7, "resolved", "closed"),
                      np.where(answered, "in progress", "open"))
    comp = np.where(
        rng.random(m) < 0.15 + 0.25 * (k_inc > 0),
        np.round(np.exp(rng.normal(np.log(np.where(k_inc > 0, 100, 50)), 0.7))),
        0.0,
    )
    product = np.where(t["product"].to_numpy() >= 0, t["product"].to_numpy(), 0)
    product_name = np.where(
        t["product"].to_numpy() >= 0, np.asarray(vocab.PRODUCTS, dtype=object)[product], None
    )

    frame = pd.DataFrame(
        {
            "created_at": created,
            "customer_id": cust.ids(who),
            "channel": np.asarray(vocab.CHANNELS)[channel],
            "region": np.asarray(vocab.REGIONS)[region],
            "touchpoint": touchpoint,
            "product": product_name,
            "category": category,
            "severity": np.asarray(vocab.SEVERITIES)[severity],
            "status": status,
            "first_response_at": pd.Series(first).where(answered, pd.NaT),
            "resolved_at": pd.Series(resolved).where(done, pd.NaT),
            "escalated": escalated,
            "compensation_amount": comp,
            "description": _descriptions(rng, category, product_name),
        }
    )
    frame = frame.sort_values("created_at", kind="stable", ignore_index=True)
    frame.insert(0, "ticket_id", [f"TK{3000001 + i}" for i in range(len(frame))])
    return frame


def _descriptions(rng, category: np.ndarray, product: np.ndarray) -> list[str]:
    chinese = rng.random(len(category)) < 0.6
    pick = rng.integers(0, 1_000_000, len(category))
    days = rng.integers(2, 9, len(category))
    amount = rng.choice([39, 58, 99, 120, 199, 299], len(category))
    out = []
    for c, p, zh, i, d, a in zip(category, product, chinese, pick, days, amount, strict=True):
        lang = "zh" if zh else "en"
        templates = vocab.TEXTS[c][lang]
        name = (vocab.PRODUCTS_ZH[p] if zh else p) if p else ""
        out.append(templates[i % len(templates)].format(p=name, d=d, a=a))
    return out


def _ops(rng, cal: _Calendar) -> pd.DataFrame:
    n = len(cal.days)
    dates = cal.days.astype(str)
    parts = []
    weekend = np.where(cal.weekend, 1.1, 0.96)

    total = ORDERS_PER_DAY * weekend * rng.uniform(0.97, 1.03, n)
    order_channels = (0.38, 0.25, 0.05, 0.17, 0.15)
    for r, rw in zip(vocab.REGIONS, vocab.REGION_WEIGHTS, strict=True):
        for c, cw in zip(vocab.CHANNELS, order_channels, strict=True):
            value = np.round(total * rw * cw * rng.uniform(0.95, 1.05, n))
            parts.append(pd.DataFrame({"date": dates, "metric": "orders", "value": value,
                                       "channel": c, "region": r, "product": ""}))

    base = {"Phone": 150.0, "WeChat": 65.0, "Website": 80.0}
    surge = {"Phone": 4.2, "WeChat": 1.5, "Website": 0.8}
    monday = ((cal.days.view("int64") + 3) % 7 == 0) * 0.08
    for c in vocab.SERVICE_CHANNELS:
        value = base[c] * (1 + monday) * rng.uniform(0.9, 1.1, n) * (1 + surge[c] * cal.delivery)
        parts.append(pd.DataFrame({"date": dates, "metric": "avg_answer_seconds",
                                   "value": np.round(value, 1), "channel": c, "region": "",
                                   "product": ""}))

    for p in vocab.PRODUCTS:
        level = rng.uniform(0.8, 1.8)
        value = level * rng.uniform(0.85, 1.15, n)
        if p == inc.DELIVERY_PRODUCT:
            value = value + 3.2 * cal.delivery
        parts.append(pd.DataFrame({"date": dates, "metric": "return_rate",
                                   "value": np.round(value, 2), "channel": "", "region": "",
                                   "product": p}))

    # Public opinion flares up fast and fades; the 48 h jump is about x4 (yellow, not red).
    start = np.argmax(cal.delivery > 0)
    flare = np.zeros(n)
    shape = np.array([1.0, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1])
    flare[start:start + len(shape)] = shape[: n - start]
    mentions = 120 * rng.uniform(0.9, 1.1, n) + 350 * flare + 60 * cal.app
    parts.append(pd.DataFrame({"date": dates, "metric": "negative_mentions",
                               "value": np.round(mentions), "channel": "", "region": "",
                               "product": ""}))

    months = pd.period_range(cal.start, cal.end, freq="M")
    app_months = {pd.Period(d, "M") for d, k in zip(cal.days, cal.app, strict=True) if k > 0}
    first_app_month = min(app_months)
    stars = [4.6 + rng.uniform(-0.05, 0.05) - (0.4 if m == first_app_month else 0) for m in months]
    parts.append(pd.DataFrame({"date": [m.start_time.date().isoformat() for m in months],
                               "metric": "rating_stars", "value": np.round(stars, 2),
                               "channel": "App", "region": "", "product": ""}))
    return pd.concat(parts, ignore_index=True)


def _our_levels(survey: pd.DataFrame, complaints: pd.DataFrame, ops: pd.DataFrame) -> dict:
    """Our own typical values (quiet months), which the industry values sit around."""
    s = survey.assign(month=survey["submitted_at"].dt.to_period("M"))
    quiet = s[s["month"] <= s["month"].min() + 5]

    def csat(g):
        return 100 * (g["csat"] >= 4).mean()

    def nps(g):
        return 100 * ((g["nps"] >= 9).mean() - (g["nps"] <= 6).mean())

    levels = {("csat", ""): csat(quiet), ("nps", ""): nps(quiet), ("ces", ""): quiet["ces"].mean()}
    for tp in vocab.BENCHMARK_TOUCHPOINTS:
        g = quiet[quiet["touchpoint"] == tp]
        levels[("csat", tp)], levels[("nps", tp)] = csat(g), nps(g)
    # Per 1,000 orders, the basis our own rate takes when the orders cover the window.
    per_month = complaints.groupby(complaints["created_at"].dt.to_period("M")).size().median()
    orders = ops[ops["metric"] == "orders"]
    orders_per_month = orders.groupby(pd.to_datetime(orders["date"]).dt.to_period("M"))[
        "value"].sum().median()
    levels[("complaint_rate", "")] = 1000 * per_month / orders_per_month
    frt = (complaints["first_response_at"] - complaints["created_at"]).dt.total_seconds() / 60
    levels[("first_response_minutes", "")] = float(frt.median())
    return levels


# Industry offset to our level and month-to-month noise, per metric.
_INDUSTRY = {
    "csat": (-1.0, 1.2),
    "nps": (-2.0, 2.5),
    "ces": (-0.1, 0.08),
    "complaint_rate": (1.6, 0.8),  # per 1,000 orders
    "first_response_minutes": (22.0, 4.0),
}
_COMPETITOR_OFFSET = {"HomeNest": 1.5, "BrightHome": -0.5, "UrbanCasa": -2.0}  # in noise units
# Far enough above our quiet delivery levels (CSAT ≈85 %, NPS ≈+50) for a > 15 % gap.
_RIVAL_TARGET = {"csat": 99.0, "nps": 60.0}


def _benchmarks(rng, cal: _Calendar, levels: dict) -> pd.DataFrame:
    months = pd.period_range(end=pd.Period(cal.end, "M"), periods=BENCHMARK_MONTHS, freq="M")
    ago = np.arange(BENCHMARK_MONTHS)[::-1]  # months before the end date's month
    rows = []
    for (metric, tp), ours in levels.items():
        offset, noise = _INDUSTRY[metric]
        drift = rng.uniform(-0.3, 0.3) * noise * (ago / 12)  # slow industry trend into our level
        industry = ours + offset - drift + rng.normal(0, noise, BENCHMARK_MONTHS)
        series = {"industry": industry}
        for comp in vocab.COMPETITORS:
            value = ours + offset + _COMPETITOR_OFFSET[comp] * noise
            value = value + rng.normal(0, 1.5 * noise, BENCHMARK_MONTHS)
            if comp == inc.RIVAL and tp == inc.RIVAL_TOUCHPOINT and metric in _RIVAL_TARGET:
                lift = np.array([inc.rival_lift(int(a)) for a in ago])
                value = value + lift * (_RIVAL_TARGET[metric] - value)
                industry_share = lift * (_RIVAL_TARGET[metric] - industry) / 8
                series["industry"] = series["industry"] + industry_share
            series[comp] = value
        for comp, values in series.items():
            source = "ACSI" if comp == "industry" else vocab.BENCHMARK_SOURCES[comp]
            digits = 2 if metric == "ces" else 1
            for period, v in zip(months, values, strict=True):
                rows.append((str(period), comp, metric, round(float(v), digits), tp, source))
    return pd.DataFrame(rows, columns=["period", "competitor", "metric", "value", "touchpoint",
                                       "source"])


def build_tables(seed: int = 7, end: date | None = None) -> dict[str, pd.DataFrame]:
    """Canonical frames {crm, survey, complaints, benchmarks, ops}; same seed and end, same data."""
    if end is None:
        end = pd.Timestamp.now(tz="UTC").date() - timedelta(days=1)
    cal = _Calendar(end)
    streams = [np.random.default_rng([seed, i]) for i in range(6)]
    cust = _Customers(streams[0], cal)
    survey = _survey(streams[1], cal, cust)
    complaints = _complaints(streams[2], cal, cust)
    crm = cust.frame(cal)
    ops = _ops(streams[4], cal)
    levels = _our_levels(survey, complaints, ops)
    return {
        "crm": crm,
        "survey": survey,
        "complaints": complaints,
        "benchmarks": _benchmarks(streams[3], cal, levels),
        "ops": ops,
    }
