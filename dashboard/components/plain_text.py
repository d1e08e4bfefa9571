"""Text from loaded files shown as text: markdown, colour directives and HTML in it do nothing."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's own syntax (:red[…], :material/…:, $…$ LaTeX) and HTML tags.
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def plain(value) -> str:
    """VALUE for a markdown-rendering element (st.markdown, subheader, caption, labels)."""
    if value is None:
        return ""
    text = " ".join(str(value).split())  # a line break in a value would start a new block
    return _PUNCTUATION.sub(r"\\\1", text)
