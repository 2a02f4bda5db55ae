"""The structure over time: roll-up rows, lookups by code and date, the root."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard import structure
from dashboard.models import OPEN_END
from dashboard.structure import compute_rollup

from .factory import build_tiny_town

D = date


def test_rollup_is_the_dated_closure_extended_through_successors():
    # 1 town; 2 commune (ends 2020-12-31, succeeded by 3); 4 village in 2 then in 3
    units = [(1, D(2000, 1, 1), None), (2, D(2000, 1, 1), D(2020, 12, 31)),
             (3, D(2021, 1, 1), None), (4, D(2000, 1, 1), None)]
    memberships = [(2, 1, D(2000, 1, 1), D(2020, 12, 31)), (3, 1, D(2021, 1, 1), None),
                   (4, 2, D(2000, 1, 1), D(2020, 12, 31)), (4, 3, D(2021, 1, 1), None)]
    rows = set(compute_rollup(units, memberships, [(2, 3, True)]))
    assert (4, 4, D(2000, 1, 1), OPEN_END) in rows
    assert (4, 2, D(2000, 1, 1), D(2020, 12, 31)) in rows
    assert (4, 3, D(2021, 1, 1), OPEN_END) in rows
    assert (4, 1, D(2000, 1, 1), OPEN_END) in rows  # two adjacent spans merged
    # the ended commune's records go to its successor afterwards
    assert (2, 3, D(2021, 1, 1), OPEN_END) in rows
    assert (2, 1, D(2000, 1, 1), OPEN_END) in rows


def test_a_unit_that_ended_without_successor_rolls_up_through_its_last_parent():
    units = [(1, D(2000, 1, 1), None), (2, D(2000, 1, 1), D(2010, 12, 31))]
    memberships = [(2, 1, D(2000, 1, 1), D(2010, 12, 31))]
    rows = set(compute_rollup(units, memberships, []))
    assert (2, 1, D(2000, 1, 1), OPEN_END) in rows


def test_a_cycle_is_refused():
    units = [(1, D(2000, 1, 1), None), (2, D(2000, 1, 1), None)]
    memberships = [(1, 2, D(2000, 1, 1), None), (2, 1, D(2000, 1, 1), None)]
    with pytest.raises(ValueError, match="cycle"):
        compute_rollup(units, memberships, [])


def test_lookups(engine):
    ids = build_tiny_town(engine)
    with engine.connect() as conn:
        assert structure.root_unit(conn, D(2019, 1, 1)).id == ids["T"]
        b = structure.resolve_unit(conn, "B", D(2022, 1, 1))
        assert b.id == ids["B"] and not b.valid_on(D(2022, 1, 1))
        assert [s.id for s, _day, primary in structure.successors(conn, ids["B"])] == [ids["C"]]
        assert [u.code for u in structure.ancestors(conn, ids["B2"], D(2019, 3, 1))] == ["T", "B", "B2"]
        assert [u.code for u in structure.ancestors(conn, ids["B2"], D(2019, 9, 1))] == ["T", "A", "B2"]
        kids = structure.children(conn, ids["T"], D(2019, 3, 1))
        assert kids["code"].tolist() == ["A", "B", "D"]
        assert structure.count_descendants(conn, ids["T"], D(2019, 3, 1), "village") == 5
        assert structure.resolve_unit(conn, "nope", D(2019, 1, 1)) is None
