"""Text that did not come from our own code (scenario files, MSEL spreadsheets, the team's and
the evaluators' words), made safe to show: never read as Textual markup or Markdown, and with
control characters shown as their Unicode pictures instead of reaching the terminal.

`[@click=app.quit]` in a team's name would otherwise be a button that quits, `[link=...]` a
phishing link, `[/b]` an error that stops the screen from drawing, and `\\x1b[2J` a sequence
that clears the facilitator's terminal.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

KEPT_CONTROLS = frozenset("\n\t")
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
"""Every ASCII punctuation character: CommonMark lets each be escaped with a backslash."""


def visible(text: str) -> str:
    """`text` with each control character (but line breaks and tabs) replaced by a visible
    stand-in: C0 ones by their control picture (ESC is ␛), DEL by ␡, C1 ones by �."""
    return "".join(_visible(character) for character in text)


def _visible(character: str) -> str:
    code = ord(character)
    if character in KEPT_CONTROLS or 0x20 <= code < 0x7F or code >= 0xA0:
        return character
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def plain(text: str) -> Content:
    """Foreign text as Textual content: shown exactly as written."""
    return Content(visible(text))


def plain_cell(text: str) -> Text:
    """Foreign text for a DataTable cell, which would read a `str` as markup."""
    return Text(visible(text))


def plain_markdown(text: str) -> str:
    """Foreign text to put inside Markdown, where it reads as the same words and nothing
    else: no link, no heading, no emphasis."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))
