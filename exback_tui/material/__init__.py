"""The program's content: the one loader of `content/` (pages, checklists and quizzes,
checker rules, the simple lists, the daily words and each screen's words).

`Material` reads each kind the first time it is asked for and checks its
shape: non-empty text, unique ids, bands with no gaps, patterns that compile,
every word a screen uses. Counts come from the files: a seventh quiz question
or a ninth sign is a content edit. Any mistake raises `ContentError` naming
the file and the entry. Textual-free, like the domain whose types it builds.
"""

from __future__ import annotations

from exback_tui.material.catalog import Material, load_material, shipped_material
from exback_tui.material.errors import ContentError

__all__ = ["ContentError", "Material", "load_material", "shipped_material"]
