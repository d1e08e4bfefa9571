"""Known data values in both languages (warehouse/config/known_values.py) as interface strings."""

from warehouse.config.known_values import VALUES

STRINGS = {
    f"value.{field}.{value}": {"en": value, "zh-CN": zh}
    for field, values in VALUES.items() for value, zh in values.items()
}
