"""Plausible, deterministic dated attributes of a cadre (``models.PersonAttribute``) for
the demo and synthetic datasets: ethnicity, general education, professional
qualification, political theory level and party membership, with levels that rise over
the years (more of the newer cadres arrive with trung cấp; some obtain it in post).

Each dataset draws them from a random generator of its own, so that adding them leaves
every other record of the dataset as it was."""
from __future__ import annotations

import random
from datetime import date, timedelta

from .vocabulary import PERSON_ATTRIBUTES

ETHNICITY_WEIGHTS = (("kinh", 90), ("san_diu", 4), ("tay", 3), ("dao", 2), ("hoa", 1))


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _day_in(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def attributes_for(rng: random.Random, birth_year: int | None, first_post: date,
                   last_day: date) -> list[tuple[str, str, date]]:
    """(attribute, value, valid_from) rows of a cadre born in ``birth_year`` (None: born
    around 1970) whose first post began on ``first_post``; changes no later than
    ``last_day``. Levels never go down."""
    born = birth_year or 1970
    out: list[tuple[str, str, date]] = [("ethnicity", _weighted(rng, ETHNICITY_WEIGHTS), date(born, 1, 1))]
    school = date(born + 18, 6, 30)
    out.append(("education", "12/12" if rng.random() < 0.85 else "9/12", school))
    newer = first_post.year >= 2022
    # professional qualification when they took up the post, and a rise for some later
    qualifications = PERSON_ATTRIBUTES["qualification"]
    start_q = _weighted(rng, (("khong", 20), ("so_cap", 15), ("trung_cap", 35), ("cao_dang", 8),
                              ("dai_hoc", 22 if newer else 15)))
    out.append(("qualification", start_q, min(first_post, date(born + 25, 6, 30))))
    if start_q in ("khong", "so_cap", "trung_cap") and rng.random() < 0.2:
        when = _day_in(rng, first_post + timedelta(days=365), max(first_post + timedelta(days=365), last_day))
        if when <= last_day:
            higher = qualifications[qualifications.index(start_q) + (2 if start_q == "khong" else 1) :]
            out.append(("qualification", rng.choice(higher[:2]), when))
    # political theory: sơ cấp for most when they arrive, trung cấp for more of the newer
    theory = _weighted(rng, (("khong", 8), ("so_cap", 50 if not newer else 35), ("trung_cap", 38 if not newer else 52),
                             ("cao_cap", 4)))
    out.append(("theory", theory, first_post - timedelta(days=rng.randint(30, 900))))
    if theory in ("khong", "so_cap") and rng.random() < 0.35:
        when = _day_in(rng, max(first_post + timedelta(days=200), date(2019, 1, 1)), date(2025, 6, 30))
        if when <= last_day:
            out.append(("theory", "trung_cap", when))
    joined = date(born + rng.randint(20, 32), rng.randint(1, 12), rng.randint(1, 28))
    joined = min(joined, first_post - timedelta(days=365))
    if joined >= date(born + 18, 12, 31):
        out.append(("party_since", joined.isoformat(), joined))
    return out
