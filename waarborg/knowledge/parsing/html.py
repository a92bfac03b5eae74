"""HTML: the page's main content through trafilatura, which drops navigation, header, footer
and other boilerplate, then its XML output read into blocks (headings, paragraphs, list items,
table rows). Nothing in the page is executed or interpreted."""

from __future__ import annotations

import trafilatura
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from waarborg.knowledge.parsing.model import Block, BlockKind, ParsedDocument, ParseError


def parse_html(content: bytes, fallback_title: str) -> ParsedDocument:
    try:
        extracted = trafilatura.extract(
            content,
            output_format="xml",
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
        )
        metadata = trafilatura.extract_metadata(content)
    except (ValueError, etree.LxmlError) as error:
        raise ParseError(f"De HTML-pagina is niet te lezen ({error}).") from None
    title = (metadata.title if metadata and metadata.title else "") or fallback_title
    if not extracted:
        # trafilatura gives up on very short pages; read those plainly, minus the chrome.
        return ParsedDocument(title=title, blocks=_plain_blocks(content))
    root = etree.fromstring(extracted.encode(), etree.XMLParser(resolve_entities=False))
    main = root.find("main")
    blocks = list(_blocks(main if main is not None else root))
    return ParsedDocument(title=title, blocks=blocks)


def _blocks(element: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for child in element:
        tag = child.tag
        if tag == "head":
            rend = str(child.get("rend", "h2"))
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            _add(blocks, BlockKind.HEADING, child, level=level)
        elif tag in {"p", "quote", "code"}:
            _add(blocks, BlockKind.PARAGRAPH, child)
        elif tag == "list":
            for item in child.iter("item"):
                _add(blocks, BlockKind.LIST_ITEM, item)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_text(cell) for cell in row.iter("cell")]
                header = any(cell.get("role") == "head" for cell in row.iter("cell"))
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    blocks.append(Block(BlockKind.TABLE_ROW, text, header=header))
        elif tag == "div":
            blocks.extend(_blocks(child))
        else:
            _add(blocks, BlockKind.PARAGRAPH, child)
    return blocks


CHROME = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form")
STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote"}


def _plain_blocks(content: bytes) -> list[Block]:
    try:
        tree = lxml_html.fromstring(content)
    except (etree.ParserError, ValueError):
        return []
    for element in tree.xpath("|".join(f"//{tag}" for tag in CHROME)):
        element.drop_tree()
    blocks: list[Block] = []
    for element in tree.iter(*STRUCTURE):
        tag = str(element.tag)
        if tag == "tr":
            cells = [_text(cell) for cell in element.iter("td", "th")]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                header = any(cell.tag == "th" for cell in element.iter("td", "th"))
                blocks.append(Block(BlockKind.TABLE_ROW, text, header=header))
        elif tag.startswith("h"):
            _add(blocks, BlockKind.HEADING, element, level=int(tag[1]))
        elif tag == "li":
            _add(blocks, BlockKind.LIST_ITEM, element)
        elif element.getparent() is None or element.getparent().tag not in {"li", "td", "th"}:
            _add(blocks, BlockKind.PARAGRAPH, element)
    return blocks


def _add(blocks: list[Block], kind: BlockKind, element: etree._Element, level: int = 0) -> None:
    text = _text(element)
    if text:
        blocks.append(Block(kind, text, level=level))


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())
