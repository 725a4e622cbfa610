"""`Record`: named fields over a tuple, checked against `collections.namedtuple`,
which it replaces on the `exback today` path, and the date types that path uses."""

from __future__ import annotations

import copy
import datetime
import pickle
from collections import namedtuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain import datetypes
from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import Attempt, NoContactPlan
from exback_tui.domain.record import Record


class Point(Record, fields="x y label", defaults=("",)):
    __slots__ = ()


Reference = namedtuple("Reference", "x y label", defaults=("",))

values = st.one_of(st.integers(), st.text(), st.none(), st.dates())


@given(values, values, values)
def test_a_record_behaves_as_a_namedtuple(x: object, y: object, label: object) -> None:
    ours, theirs = Point(x, y, label), Reference(x, y, label)
    assert tuple(ours) == tuple(theirs)
    assert (ours.x, ours.y, ours.label) == (theirs.x, theirs.y, theirs.label)
    assert ours == theirs and hash(ours) == hash(theirs)
    assert Point(x, y=y, label=label) == ours == Point(label=label, y=y, x=x)
    assert ours._replace(y=label) == theirs._replace(y=label)
    assert ours._asdict() == theirs._asdict()
    assert repr(ours) == repr(theirs).replace("Reference", "Point")
    assert copy.copy(ours) == ours and type(copy.deepcopy(ours)) is Point
    assert pickle.loads(pickle.dumps(ours)) == ours


def test_defaults_fill_the_last_fields() -> None:
    assert Point(1, 2) == (1, 2, "")
    assert Point(1, 2).label == ""
    assert Point._fields == ("x", "y", "label")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: Point(1), "missing the field 'y'"),
        (lambda: Point(1, 2, "a", "b"), "takes 3 fields, not 4"),
        (lambda: Point(1, 2, z=3), "no field(s) 'z'"),
        (lambda: Point(1, 2)._replace(z=3), "no field(s) z"),
    ],
)
def test_wrong_fields_are_refused_as_namedtuple_refuses_them(make: object, says: str) -> None:
    with pytest.raises(TypeError, match=says.replace("(", r"\(").replace(")", r"\)")):
        make()  # type: ignore[operator]


def test_a_record_holds_nothing_but_its_tuple() -> None:
    with pytest.raises(AttributeError):
        Point(1, 2).z = 3  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        Point(1, 2).x = 3  # type: ignore[misc]


def test_the_domain_records_keep_their_fields_and_defaults() -> None:
    day = datetime.date(2026, 12, 7)
    assert CheckIn(day, 3, 4, False) == (day, 3, 4, False, False)
    assert Attempt(day).end is None and Attempt(day).trigger == ""
    plan = NoContactPlan(30, (Attempt(day),))
    assert plan.breakup_date is None and plan._replace(target_days=45).target_days == 45


def test_the_date_types_are_the_datetime_modules_own() -> None:
    assert datetypes.date is datetime.date
    assert datetypes.datetime is datetime.datetime
    assert datetypes.timedelta is datetime.timedelta
