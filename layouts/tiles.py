"""A commune's villages as a grid of tiles: at village level a village is unified or not,
its cadres trained or not, so a bar per village ("1/1 · 100,0 %" 34 times) tells less
than a tile with the name and the state in words and colour. Pure layout."""
from __future__ import annotations

from dash import dcc, html

from dashboard import fmt
from dashboard.definitions import INDICATORS, grade
from dashboard.i18n import t

from . import ids

# by child, charts compare children; with fewer than this many there is nothing to compare
MIN_CHILDREN_FOR_CHARTS = 3
GRADE_ORDER = ("poor", "fair", "good", "none")  # worst first


def wants_tiles(children_levels: list[str]) -> bool:
    """Tiles instead of charts by child: the children are villages, or too few to rank."""
    return bool(children_levels) and (all(level == "village" for level in children_levels)
                                      or len(children_levels) < MIN_CHILDREN_FOR_CHARTS)


def _figure(num: int, den: int, lang: str) -> str:
    return f"{fmt.number(num, 0, lang)}/{fmt.number(den, 0, lang)}"


def tile(row: dict, title: str, link: str, lang: str) -> dcc.Link:
    """One village: its name, unified or not (in words), its cadres trained x/y and the
    grade; the tile's colour is the worse of the two grades. ``row`` has the registry's
    numerator and denominator columns of ``unified`` and ``training``."""
    unified, training = INDICATORS["unified"], INDICATORS["training"]
    u_num, u_den = int(row[unified.numerator]), int(row[unified.denominator])
    tr_num, tr_den = int(row[training.numerator]), int(row[training.denominator])
    u_grade, tr_grade = grade(unified, u_num, u_den), grade(training, tr_num, tr_den)
    u_word = "tiles.unified.none" if not u_den else ("tiles.unified.good" if u_num == u_den else "tiles.unified.poor")
    worst = min((u_grade, tr_grade), key=GRADE_ORDER.index)
    return dcc.Link([
        html.Span(title, className="village-tile-name"),
        html.Span(t(u_word, lang), className=f"village-tile-state grade-text-{u_grade}"),
        html.Span(t("tiles.training", lang, figure=_figure(tr_num, tr_den, lang),
                    grade=t(f"grade.{tr_grade}", lang)), className="village-tile-detail"),
    ], href=link, className=f"village-tile tile-{worst}")


def village_tiles(records: list[dict], titles: list[str], hrefs: list[str], lang: str) -> html.Section:
    """The tiles of a unit's children, in the order given."""
    return tiles_section([tile(row, title, link, lang) for row, title, link in zip(records, titles, hrefs)],
                         lang, ids.OV_TILES + "-section")


def state_tile(title: str, link: str | None, state: str, tone: str, details: list[str]):
    """A tile of a topic page: the village's name, its state in words in the colour of
    ``tone`` (a grade), then one line per detail. Without ``link`` (what is tied to no
    village) the same tile that opens nothing."""
    lines = [
        html.Span(title, className="village-tile-name"),
        html.Span(state, className=f"village-tile-state grade-text-{tone}"),
        *[html.Span(detail, className="village-tile-detail") for detail in details],
    ]
    if link is None:
        return html.Div(lines, className=f"village-tile village-tile-static tile-{tone}")
    return dcc.Link(lines, href=link, className=f"village-tile tile-{tone}")


def tiles_section(tiles: list, lang: str, section_id: str, wide: bool = False,
                  legend: str | None = None) -> html.Section:
    """The tiles under their title and the hint that a tile opens its village; ``wide``
    tiles for the pages whose tiles carry several lines of figures (two a row on a phone
    all the same), ``legend`` what those lines are (so that each line can stay short)."""
    return html.Section([
        html.Div([html.H2(t("tiles.title", lang), className="h5 mb-0"),
                  html.Small(t("tiles.hint", lang), className="text-muted d-print-none"),
                  # on a line of its own, above the tiles
                  html.Small(legend, className="w-100 text-muted village-tiles-legend") if legend else None],
                 className="d-flex justify-content-between align-items-center gap-2 mb-2 flex-wrap"),
        html.Div(tiles, className="village-tiles village-tiles-wide" if wide else "village-tiles"),
    ], className="mb-4", id=section_id)
