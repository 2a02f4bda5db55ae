"""Synthetic datasets: consistent, deterministic, and shaped like a real hierarchy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text

from dashboard import quality, structure
from dashboard.indicators import View, summary
from dashboard.models import Unit, UnitSuccession
from dashboard.periods import day_period
from dashboard.synthetic import generate, load_synthetic

TODAY = date(2026, 11, 27)


def test_town_scale_is_consistent(engine):
    counts = load_synthetic(engine, "town", seed=3, years=4, today=TODAY)
    with engine.connect() as conn:
        root = structure.root_unit(conn, TODAY)
        assert (root.code, root.level) == ("T01", "district")
        villages_today = conn.execute(select(func.count()).select_from(Unit).where(
            Unit.level == "village")).scalar_one()
        merged = conn.execute(select(func.count()).select_from(UnitSuccession)).scalar_one()
        table = summary(conn, View(root.id, day_period(TODAY, TODAY)))
        before = summary(conn, View(root.id, day_period(date(2025, 12, 31), TODAY)))
    children = table[~table["is_total"]]
    assert counts["unit"] == 1 + 19 + villages_today  # the root, 19 communes, the villages
    assert merged == 2
    assert len(children) == 19 - merged            # two communes merged on 01/01/2026
    assert len(before[~before["is_total"]]) == 19
    # every village is counted once, under exactly one child, on both dates
    assert children["villages"].sum() == table.iloc[-1]["villages"] == villages_today
    assert before.iloc[-1]["villages"] == villages_today
    assert 0 < table.iloc[-1]["unified"] <= villages_today
    assert table.iloc[-1]["resolved"] <= table.iloc[-1]["recommendations"]


def test_one_secretary_and_one_head_per_village_and_day_across_terms(engine):
    """Nine years cover a change of term: the new term's holders start after the last
    ones left, as the importer demands (the generator once let them overlap by weeks)."""
    load_synthetic(engine, "town", seed=3, years=9, today=TODAY)
    with engine.connect() as conn:
        assert quality.single_posts(conn)
        overlaps = conn.execute(text(
            "SELECT COUNT(*) FROM post a JOIN post b ON b.village_id = a.village_id AND b.role = a.role "
            "AND b.id <> a.id AND b.start_date >= a.start_date "
            "AND (a.end_date IS NULL OR b.start_date <= a.end_date)")).scalar_one()
        terms = conn.execute(text("SELECT COUNT(DISTINCT term_id) FROM post")).scalar_one()
    assert (overlaps, terms) == (0, 2)


def test_generation_is_deterministic_and_scales():
    first = generate("town", seed=7, years=3, today=TODAY)
    second = generate("town", seed=7, years=3, today=TODAY)
    assert {m: v[1] for m, v in first.tables.items()} == {m: v[1] for m, v in second.tables.items()}
    province = generate("province", seed=7, years=1, today=TODAY)
    villages = sum(1 for row in province.tables[Unit][1] if row[4] == "village")
    assert 1_300 <= villages <= 1_700
