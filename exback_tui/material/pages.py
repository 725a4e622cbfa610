"""The program's pages (`questions/N.md`, `steps/N.md`) and the common questions (`faq.md`).

A page is a '# Title' line and Markdown under it. The FAQ is a '# Title'
line, then '## question' headings, each with its answer: as many as the file
holds.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from exback_tui.domain.material import FaqEntry, Page
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import read_text

# The four big questions and the four steps: each page has its own module of
# tools under screens/questions/ and screens/steps/, so the screens need
# exactly these pages (a fifth would have nothing to do on it).
PAGE_NUMBERS = range(1, 5)

_TITLE = re.compile(r"# +(\S.*)")
_FAQ_HEADING = re.compile(r"##(?!#) *(.*)")


def _page(folder: Path, name: str, page_id: str) -> Page:
    text = read_text(folder, name)
    first, _, rest = text.partition("\n")
    title = _TITLE.fullmatch(first.rstrip())
    if title is None:
        raise ContentError(f"{name}: the first line must be the title, like '# A title'")
    body = rest.strip()
    if not body:
        raise ContentError(f"{name}: the page has a title but no text")
    return Page(page_id, title.group(1).strip(), body)


def load_pages(folder: Path, kind: str) -> tuple[Page, ...]:
    """The pages of `kind` ("questions" or "steps"), in order."""
    expected = [f"{number}.md" for number in PAGE_NUMBERS]
    where = folder / kind
    found = sorted(p.name for p in where.glob("*.md")) if where.is_dir() else []
    if found != expected:
        raise ContentError(f"{kind}/: needs exactly the pages {expected}, found {found}")
    return tuple(
        _page(folder, f"{kind}/{number}.md", f"{kind}-{number}") for number in PAGE_NUMBERS
    )


def slug(question: str) -> str:
    """An id for a question: its words, lowercase ASCII, joined by '-'."""
    plain = unicodedata.normalize("NFKD", question.lower()).encode("ascii", "ignore").decode()
    words = re.sub(r"['’]", "", plain)
    found = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return found if found[:1].isalpha() else f"q-{found}".rstrip("-")


def load_faq(folder: Path) -> tuple[FaqEntry, ...]:
    """The common questions: a '# Title' line, then '## question' and its answer, each."""
    name = "faq.md"
    lines = read_text(folder, name).splitlines()
    if not lines or _TITLE.fullmatch(lines[0].rstrip()) is None:
        raise ContentError(f"{name}: the first line must be the title, like '# Common questions'")
    sections: list[tuple[str, list[str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        heading = _FAQ_HEADING.fullmatch(line.rstrip())
        if heading is not None:
            if not heading.group(1).strip():
                raise ContentError(f"{name}: line {number}: a '##' heading without a question")
            sections.append((heading.group(1).strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            raise ContentError(
                f"{name}: line {number}: text before the first '## question' would not be shown"
            )
    if not sections:
        raise ContentError(f"{name}: needs at least one '## question' and its answer")
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for question, body in sections:
        answer = "\n".join(body).strip()
        if not answer:
            raise ContentError(f"{name}: question {question!r} has no answer")
        entry_id = slug(question)
        if entry_id in seen or entry_id == "q":
            raise ContentError(f"{name}: question {question!r} is a duplicate or has no words")
        seen.add(entry_id)
        entries.append(FaqEntry(entry_id, question, answer))
    return tuple(entries)
