"""Plain text into the small subset of HTML the register allows, and back out for checking.

Text written in Waarborg is plain: paragraphs separated by blank lines, lists as lines that start
with "- ". It is escaped before it is wrapped, so nothing a person typed can become markup. A
composed text that would exceed a field's limit is shortened at a word boundary and ends in "…":
the register entry is a summary, and the full record stays in Waarborg.

Fields without markup get ``plain``: angle brackets become the look-alike guillemets ‹ and ›, so
a typed "<" can never be read as the start of an element by whoever displays the entry.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

ELLIPSIS = "…"
BULLET = re.compile(r"^\s*[-*•]\s+")
BLANK_LINES = re.compile(r"\n\s*\n")


ANGLES = str.maketrans({"<": "‹", ">": "›"})


def plain(text: str) -> str:
    """Text for a field that allows no markup."""
    return text.translate(ANGLES)


def blocks(text: str) -> list[str]:
    """The paragraphs (or lists) of a text, without surrounding whitespace."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return [block.strip() for block in BLANK_LINES.split(normalised) if block.strip()]


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.split("\n") if line.strip()]


def _render_block(block: str) -> str:
    lines = _lines(block)
    if lines and all(BULLET.match(line) for line in lines):
        items = "".join(
            f"<li>{html.escape(BULLET.sub('', line), quote=False)}</li>" for line in lines
        )
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(html.escape(line, quote=False) for line in lines) + "</p>"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(limit - len(ELLIPSIS), 0)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + ELLIPSIS


def _shortened_paragraph(block: str, budget: int) -> str | None:
    """The longest ``<p>…</p>`` from the start of ``block`` that fits in ``budget``."""
    flat = " ".join(block.split())
    low, high, best = 1, len(flat), None
    while low <= high:
        middle = (low + high) // 2
        candidate = "<p>" + html.escape(shorten(flat, middle), quote=False) + "</p>"
        if len(candidate) <= budget:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def to_html(texts: Iterable[str], max_length: int) -> str:
    """Each text's blocks as paragraphs or lists, together at most ``max_length`` characters."""
    out = ""
    for block in (b for text in texts for b in blocks(text)):
        rendered = _render_block(block)
        if len(out) + len(rendered) <= max_length:
            out += rendered
            continue
        shortened = _shortened_paragraph(block, max_length - len(out))
        if shortened:
            out += shortened
        break
    return out


def bullet_list(items: Iterable[str]) -> str:
    """Plain text that ``to_html`` turns into a list."""
    return "\n".join(f"- {' '.join(item.split())}" for item in items)


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(f"{tag}[{name}]" for name, _ in attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(tag)

    def handle_comment(self, data: str) -> None:
        self.other.append("<!-- -->")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"<?{data}>")


def markup_in(value: str) -> tuple[set[str], list[str]]:
    """The element names used in ``value``, and any attributes, comments or declarations."""
    collector = _TagCollector()
    collector.feed(value)
    collector.close()
    return set(collector.tags), collector.attributes + collector.other
