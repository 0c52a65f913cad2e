"""Markdown, for job descriptions, training plans and documentation."""

from __future__ import annotations

from ldcf.render.layout import Block, Bullets, Fields, Heading, Paragraph, layout


def _text(text: str) -> str:
    # Data is text, never HTML: angle brackets would otherwise become tags in rendered Markdown.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _text(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _text(block.text)]
    if isinstance(block, Paragraph):
        return [_text(block.text)]
    if isinstance(block, Fields):
        return [f"- **{label}:** {_text(value)}" for label, value in block.pairs]
    if isinstance(block, Bullets):
        return [f"**{block.title}**", ""] + [f"- {_text(item)}" for item in block.items]
    lines = [f"**{block.title}**", ""]
    if not block.rows:
        return [*lines, "(none)"]
    lines.append("| " + " | ".join(_cell(header) for header in block.headers) + " |")
    lines.append("|" + "|".join(" --- " for _ in block.headers) + "|")
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in block.rows]
    return lines


def render(result: object) -> str:
    blocks = [lines for lines in (_lines(block) for block in layout(result)) if lines]
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
