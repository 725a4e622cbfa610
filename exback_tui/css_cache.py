"""Parsed stylesheets kept from one start to the next, as Python keeps compiled modules.

Textual parses every stylesheet from its text at every start: ours and the
DEFAULT_CSS of each kind of widget shown, about a fifth of the time from
`run()` to the dashboard's first frame. Unpickling the parsed rules takes a
tenth of that. So the rules Textual parsed are kept in one file in the
user's cache folder (`paths.cache_dir_text`), written when the app closes
if anything new was parsed, and read as the next start begins.

A stylesheet's rules are taken from the file only when everything its parse
depends on is the same: the CSS text itself, where it was read from, its
scope and priority, and every CSS variable (the theme). The file is for one
installed Textual and one Python (both named in it). Anything else, or a file that
can't be read, is parsed as before; the file is then written anew. Nothing
of the user's is in it: only stylesheets.

The file is read only if it is the user's own and no one else may write to
it, as Python treats the compiled modules it runs: unpickling runs code.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import TYPE_CHECKING, Any

from textual.css import model, styles
from textual.css.stylesheet import Stylesheet

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.css.model import RuleSet

FILE_NAME = "styles.pickle"
FORMAT = 1
# Themes kept (each has its own variables): dark and light, and a couple more.
MOST_THEMES = 4

# (css, read_from, is_default_rules, tie_breaker, scope): Textual's own key for a parse.
Key = tuple[str, Any, bool, int, str]


def _stamp() -> tuple[object, ...]:
    """What the pickled rules are for: this format, this Python, this installed Textual.

    Textual is known by the files that define the pickled classes (where they are, when
    they were written, their size): reading `textual.__version__` imports
    importlib.metadata, about 8 ms, most of what the file saves.
    """
    stamp: list[object] = [FORMAT, sys.version]
    for module in (model, styles):
        info = os.stat(module.__file__ or "")
        stamp += [module.__file__, info.st_mtime_ns, info.st_size]
    return tuple(stamp)


class ParsedStyles:
    """The rules kept in `path`, by theme, and those parsed since it was read."""

    def __init__(self, path: str) -> None:
        self.path = path
        # Per theme: its variables, and each stylesheet's pickled rules.
        self._themes: list[tuple[dict[str, str], dict[Key, bytes]]] = []
        self._parsed: list[tuple[dict[str, str], Key, list[RuleSet]]] = []
        self._theme_for: tuple[object, dict[Key, bytes] | None] = (None, None)

    def read(self) -> None:
        """Take the kept rules from the file, if it is there, the user's own, and ours."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            return
        try:
            info = os.fstat(fd)
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return  # someone else could have written it: unpickling it would run their code
            with os.fdopen(fd, "rb", closefd=False) as file:
                kept = pickle.load(file)
        except Exception:  # noqa: BLE001 - any damage at all: parse as before, write it anew
            return
        finally:
            os.close(fd)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _stamp():
            themes = kept[1]
            if isinstance(themes, list):
                self._themes = themes

    def _theme(self, variables: dict[str, str]) -> dict[Key, bytes] | None:
        """The kept rules for `variables` (looked up once per variables dict)."""
        seen, rules = self._theme_for
        if seen is not variables:
            rules = next((kept for named, kept in self._themes if named == variables), None)
            self._theme_for = (variables, rules)
        return rules

    def rules(self, variables: dict[str, str], key: Key) -> list[RuleSet] | None:
        """The rules kept for a stylesheet (`key`) under `variables`, or None."""
        theme = self._theme(variables)
        blob = None if theme is None else theme.get(key)
        if blob is None:
            return None
        try:
            rules = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged entry: parse it
            return None
        return rules if isinstance(rules, list) else None

    def parsed(self, variables: dict[str, str], key: Key, rules: list[RuleSet]) -> None:
        """Note rules Textual parsed just now, to keep when the app closes."""
        self._parsed.append((variables, key, rules))

    def write(self) -> bool:
        """Keep what was parsed since the file was read (nothing new: nothing written).

        Returns whether the file was written. Never raises: the cache is only ever
        a saving of time.
        """
        if not self._parsed:
            return False
        try:
            themes = list(self._themes)
            for variables, key, rules in self._parsed:
                found = next((kept for named, kept in themes if named == variables), None)
                if found is None:
                    found = {}
                    themes.insert(0, (dict(variables), found))
                found[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
            data = pickle.dumps((_stamp(), themes[:MOST_THEMES]), protocol=pickle.HIGHEST_PROTOCOL)
            _replace(self.path, data)
        except Exception:  # noqa: BLE001 - a full disk or a read-only home: parse next time
            return False
        self._themes = themes[:MOST_THEMES]
        self._parsed.clear()
        self._theme_for = (None, None)
        return True


def _replace(path: str, data: bytes) -> None:
    """Write `path` completely or not at all (temp file, fsync, rename), 0600 in a 0700 folder."""
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    temp = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    folder_fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(folder_fd)
    finally:
        os.close(folder_fd)


def install(cache: ParsedStyles) -> Callable[[], None]:
    """Have every Stylesheet take its rules from `cache` when it can; returns the undo."""
    parse_rules = Stylesheet._parse_rules

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key: Key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key not in self._parse_cache:
            kept = cache.rules(self._variables, key)
            if kept is not None:
                self._parse_cache[key] = kept
                return kept
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                cache.parsed(self._variables, key, rules)
            return rules
        return parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]

    def undo() -> None:
        Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]

    return undo
