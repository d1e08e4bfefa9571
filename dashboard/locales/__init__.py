"""UI strings per page: each module holds STRINGS = {key: {"en": ..., "zh-CN": ...}}."""
