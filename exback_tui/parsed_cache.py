"""Parsed stylesheets and content kept from one start to the next, as Python keeps
compiled modules.

Textual parses every stylesheet from its text at every start: ours and the
DEFAULT_CSS of each kind of widget shown, about a fifth of the time from
`run()` to the dashboard's first frame. Unpickling the parsed rules takes a
tenth of that. The content's TOML files the dashboard shows cost another
3 ms to import tomllib and parse. So what was parsed is kept in one file in
the user's cache folder (`paths.cache_dir_text`), written when the app
closes if anything new was parsed, and read as the next start begins.

A stylesheet's rules are taken from the file only when everything its parse
depends on is the same: the CSS text itself, where it was read from, its
scope and priority, and every CSS variable (the theme). A content file's
data only while the file is the one that was parsed (same place, same time
written, same size). The file is for one installed Textual and one Python
(both named in it). Anything else, or a file that can't be read, is parsed
as before; the file is then written anew. Nothing of the user's is in it:
only exback's own stylesheets and content.

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

FILE_NAME = "parsed.pickle"
FORMAT = 2
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


class ParsedCache:
    """What is kept in `path` (rules by theme, content by file), and what was parsed
    since it was read."""

    def __init__(self, path: str) -> None:
        self.path = path
        # Per theme: its variables, and each stylesheet's pickled rules.
        self._themes: list[tuple[dict[str, str], dict[Key, bytes]]] = []
        self._parsed: list[tuple[dict[str, str], Key, list[RuleSet]]] = []
        self._theme_for: tuple[object, dict[Key, bytes] | None] = (None, None)
        # Per content file: (its time written, its size, its pickled data).
        self._tomls: dict[str, tuple[int, int, bytes]] = {}
        self._new_tomls: dict[str, tuple[int, int, bytes]] = {}

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
        if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == _stamp():
            themes, tomls = kept[1], kept[2]
            if isinstance(themes, list) and isinstance(tomls, dict):
                self._themes, self._tomls = themes, tomls

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

    def toml(self, path: str) -> dict[str, Any] | None:
        """The data kept for the content file `path` if it is still that file, or None."""
        kept = self._tomls.get(path)
        if kept is None:
            return None
        try:
            info = os.stat(path)
            if (info.st_mtime_ns, info.st_size) != kept[:2]:
                return None
            data = pickle.loads(kept[2])
        except Exception:  # noqa: BLE001 - gone, or a damaged entry: read the file
            return None
        return data if isinstance(data, dict) else None

    def parsed_toml(self, path: str, data: dict[str, Any]) -> None:
        """Note a content file parsed just now (as it is now), to keep when the app closes."""
        try:
            info = os.stat(path)
            blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - not kept: read again next time
            return
        self._new_tomls[path] = (info.st_mtime_ns, info.st_size, blob)

    def write(self) -> bool:
        """Keep what was parsed since the file was read (nothing new: nothing written).

        Returns whether the file was written. Never raises: the cache is only ever
        a saving of time.
        """
        if not (self._parsed or self._new_tomls):
            return False
        try:
            themes = list(self._themes)
            for variables, key, rules in self._parsed:
                found = next((kept for named, kept in themes if named == variables), None)
                if found is None:
                    found = {}
                    themes.insert(0, (dict(variables), found))
                # A sheet read from the same place with other text is an older version
                # of it: dropped, so the file doesn't grow with every change of a sheet.
                css, read_from = key[:2]
                for old in [kept for kept in found if kept[1] == read_from and kept[0] != css]:
                    del found[old]
                found[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
            tomls = {**self._tomls, **self._new_tomls}
            kept = (_stamp(), themes[:MOST_THEMES], tomls)
            _replace(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # noqa: BLE001 - a full disk or a read-only home: parse next time
            return False
        self._themes, self._tomls = themes[:MOST_THEMES], tomls
        self._parsed.clear()
        self._new_tomls.clear()
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


def install(cache: ParsedCache) -> Callable[[], None]:
    """Have every Stylesheet take its rules, and the content its TOML files' data, from
    `cache` when they can; returns the undo."""
    from exback_tui.material import reading

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
    reading.keep_toml_in(cache)

    def undo() -> None:
        Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
        reading.keep_toml_in(None)

    return undo
