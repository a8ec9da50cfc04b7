"""A small Markdown reader that turns a manual page into export Sections.

Covers what the manual pages use: ATX headings, paragraphs, bullet and numbered lists
(nested by indentation), pipe tables, fenced code, block quotes, and inline emphasis, code
and links (reduced to plain text, since Section paragraphs are plain text).

A Section prints its paragraphs, then its tables, then its subsections. Text that follows a
table under the same heading is therefore attached to that table as its note (printed right
under it), which keeps the reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Column, Section, Table

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_ASCII_END = re.compile(r"[\x21-\x7e]$")
_ASCII_START = re.compile(r"^[\x21-\x7e]")


def inline(text: str) -> str:
    """Inline Markdown as plain text: **bold** → bold, `code` → code, [a](url) → a (url)."""
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return text.replace("\\|", "|").strip()


def _join(lines: list[str]) -> str:
    """Soft line breaks: a space between Latin words, nothing between Japanese ones."""
    out = ""
    for line in lines:
        if out and _ASCII_END.search(out) and _ASCII_START.match(line):
            out += " "
        out += line
    return out


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [inline(c) for c in re.split(r"(?<!\\)\|", line)]


@dataclass
class _Block:
    kind: str  # para | table
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class _Node:
    level: int
    title: str
    blocks: list[_Block] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def _parse(text: str) -> _Node:
    root = _Node(0, "")
    stack = [root]
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            stack[-1].blocks.append(_Block("para", _join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if stripped.startswith("```") or stripped.startswith("~~~"):
            flush()
            fence, code = stripped[:3], []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                code.append(lines[i].rstrip())
                i += 1
            stack[-1].blocks.append(_Block("para", "\n".join(code)))
            i += 1
            continue
        if m := _HEADING.match(stripped):
            flush()
            level = len(m.group(1))
            while stack[-1].level >= level:
                stack.pop()
            node = _Node(level, inline(m.group(2)))
            stack[-1].children.append(node)
            stack.append(node)
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            block = _Block("table", header=_cells(stripped))
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = _cells(lines[i])
                block.rows.append((row + [""] * len(block.header))[:len(block.header)])
                i += 1
            stack[-1].blocks.append(block)
            continue
        if _BULLET.match(line) or _NUMBERED.match(line):
            flush()
            items = []
            while i < len(lines) and lines[i].strip():
                current = lines[i]
                if b := _BULLET.match(current):
                    depth = len(b.group(1).expandtabs(4)) // 2
                    items.append("　" * depth + "・" + inline(b.group(2)))
                elif n := _NUMBERED.match(current):
                    depth = len(n.group(1).expandtabs(4)) // 2
                    items.append("　" * depth + f"{n.group(2)}. " + inline(n.group(3)))
                elif items:  # a continuation line of the previous item
                    items[-1] = _join([items[-1], inline(current.strip())])
                i += 1
            stack[-1].blocks.append(_Block("para", "\n".join(items)))
            continue
        if stripped.startswith(">"):
            flush()
            quote = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(inline(lines[i].strip().lstrip(">").strip()))
                i += 1
            stack[-1].blocks.append(_Block("para", "｜" + _join(quote)))
            continue
        para.append(inline(stripped))
        i += 1
    flush()
    return root


def _table(block: _Block) -> Table:
    title = "表: " + "／".join(h for h in block.header if h)
    return Table(title[:60], [Column(h or " ") for h in block.header], block.rows, empty_text="")


def _fill(section: Section, blocks: list[_Block]) -> None:
    last_table: Table | None = None
    trailing: list[str] = []
    for block in blocks:
        if block.kind == "table":
            if last_table is not None and trailing:
                last_table.note = "\n".join(trailing)
            trailing = []
            last_table = _table(block)
            section.tables.append(last_table)
        elif last_table is None:
            section.paragraphs.append(block.text)
        else:
            trailing.append(block.text)
    if last_table is not None and trailing:
        last_table.note = "\n".join(trailing)


def _section(node: _Node) -> Section:
    section = Section(node.title)
    _fill(section, node.blocks)
    section.children = [_section(child) for child in node.children]
    return section


def markdown_section(text: str, title: str, lead: list[str] | None = None) -> Section:
    """One Section titled `title` holding the page; a leading `# title` heading is folded into it.

    `lead` paragraphs (version, publication date …) come first, before the page's own text.
    """
    root = _parse(text)
    section = Section(title, paragraphs=list(lead or []))
    blocks, children = root.blocks, root.children
    if not blocks and len(children) == 1 and children[0].level == 1:
        top = children[0]  # the page's own "# Title": its content is the page
        if top.title and top.title != title:
            section.paragraphs.append(top.title)
        blocks, children = top.blocks, top.children
    _fill(section, blocks)
    section.children = [_section(child) for child in children]
    return section
