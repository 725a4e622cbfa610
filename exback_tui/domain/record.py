"""`Record`: an immutable value with named fields, stored as a tuple.

It does what `collections.namedtuple` did for the values `exback today`
reads (the plan, its attempts and milestones, a check-in, the day's status):
fields by name and by position, defaults, `_replace`, equality and hashing
as tuples, a readable repr. It exists because importing `collections` costs
about 2 ms, a tenth of that command's whole budget (DESIGN.md); this needs
only `operator`, a small module.

    class Milestone(Record, fields="days key"):
        __slots__ = ()
"""

from __future__ import annotations

from operator import itemgetter

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, Self


class Record(tuple):  # the fields' types are declared per subclass
    """A tuple whose items are also named fields (declared by `fields=` on the subclass)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, object] = {}

    def __init_subclass__(cls, fields: str = "", defaults: tuple[object, ...] = ()) -> None:
        super().__init_subclass__()
        if not fields:  # a subclass of a record keeps its parent's fields
            return
        names = tuple(fields.split())
        if len(defaults) > len(names):
            raise TypeError(f"{cls.__name__}: more defaults than fields")
        cls._fields = names
        cls._field_defaults = dict(zip(names[len(names) - len(defaults) :], defaults, strict=True))
        for index, name in enumerate(names):
            setattr(cls, name, property(itemgetter(index), doc=f"Field {index}: {name}."))

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        if kwargs or len(args) != len(cls._fields):
            args = cls._complete(args, kwargs)
        return tuple.__new__(cls, args)

    @classmethod
    def _complete(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """All the fields' values from positional and keyword arguments and the defaults."""
        names = cls._fields
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes {len(names)} fields, not {len(args)}")
        values = list(args)
        for name in names[len(args) :]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in cls._field_defaults:
                values.append(cls._field_defaults[name])
            else:
                raise TypeError(f"{cls.__name__} is missing the field {name!r}")
        if kwargs:
            raise TypeError(f"{cls.__name__} has no field(s) {', '.join(map(repr, kwargs))}")
        return tuple(values)

    def _replace(self, **changes: Any) -> Self:
        """A copy with the named fields changed."""
        values = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
        if changes:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(changes)}")
        return tuple.__new__(type(self), values)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __getnewargs__(self) -> tuple[Any, ...]:
        # copy and pickle pass the fields back one by one, not as a single tuple.
        return tuple(self)

    def __repr__(self) -> str:
        pairs = zip(self._fields, self, strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in pairs)
        return f"{type(self).__name__}({shown})"
