"""The ``grassroots`` command line."""
from __future__ import annotations

import json
import sys
from datetime import date

import click

import os

from . import auth, db, preagg, structure
from .config import Config
from .demo import load_demo
from .definitions import MEASURES
from .i18n import unit_title
from .importer import sources_from_path
from .indicators import SUMMARY_COLUMNS, ratio
from .report import parse_period
from .scope import Scope
from .service import DataService, UnknownUnit
from .synthetic import load_synthetic
from .template import SHEET_BY_KEY, template_bytes


def _config() -> Config:
    return Config.from_env()


@click.group(help="Bảng điều khiển công tác cán bộ cơ sở (grassroots cadre dashboard). Every command acts on "
                  "the database of GRASSROOTS_DATABASE_URL (default: the SQLite file data/grassroots.db).")
@click.version_option(package_name="grassroots-dashboard", prog_name="grassroots",
                      message="%(prog)s %(version)s")
@click.pass_context
def main(ctx) -> None:
    # A command run on the server acts as its operator (every right; recorded in the
    # audit log as cli:<system user>). The web server sets the user per request instead.
    if ctx.invoked_subcommand != "serve":
        ctx.with_resource(auth.acting_as(auth.system_user(), "cli"))


@main.command(help="Run the dashboard (development server). Loads the demo data into an empty database.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Dash dev tools and reloader (never in production).")
def serve(host: str, port: int, debug: bool) -> None:
    # the web layer (Dash, Flask, every page) is heavy and only this command needs it
    from .web.app import create_app
    from .web.warmup import warm_in_background

    # the development server: SECRET_KEY may be left out (a random one per run)
    config = Config.from_env(environment=os.environ.get("GRASSROOTS_ENV", "development"))
    if debug and not config.is_development:
        raise click.ClickException("--debug is for development only (GRASSROOTS_ENV=development).")
    engine = db.get_engine(config.database_url)
    db.upgrade_schema(engine)
    if config.load_demo_if_empty and db.is_empty(engine):
        click.echo("Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu Quảng Yên ...")
        counts = load_demo(engine)
        click.echo(f"Đã nạp dữ liệu mẫu: {counts['unit']} đơn vị, {counts['post']} chức danh, "
                   f"{counts['board_activity']} hoạt động giám sát.")
    if db.get_meta(engine, "dataset") == "demo":
        with auth.acting_as(auth.system_user(), "cli"):
            _demo_accounts(config, engine)
    elif not auth.list_users(engine):
        click.echo("Chưa có tài khoản nào: tạo bằng `grassroots users add TÊN --role admin`.")
    app = create_app(config)
    click.echo(f"Bảng điều khiển: http://{host}:{port}{config.url_prefix}")
    if config.warm_pages:
        warm_in_background(app.service)
    app.run(host=host, port=port, debug=debug)


DEMO_USERS = ("demo-admin", "demo-town", "demo-unit")


def _demo_accounts(config: Config, engine) -> None:
    """One account per role on the demo data, with a new password printed at each start
    (only hashes are stored, so the old one cannot be shown). Never on real data."""
    with engine.connect() as conn:
        today = config.current_date()
        root = structure.root_unit(conn, today)
        kids = structure.children(conn, root.id, today) if root else None
    unit_code = str(kids.iloc[0]["code"]) if kids is not None and not kids.empty else None
    unit_name = unit_title(str(kids.iloc[0]["kind"]), str(kids.iloc[0]["name"])) if unit_code else ""
    click.echo("Tài khoản dùng thử (chỉ có trên dữ liệu mẫu; mật khẩu mới sau mỗi lần khởi động):")
    for name, role in zip(DEMO_USERS, ("admin", "town", "unit")):
        password = auth.new_password()
        code = unit_code if role == "unit" else None
        if auth.get_user(engine, name) is None:
            auth.add_user(engine, name, password, role, code, full_name=f"Dùng thử ({role})", must_change=False)
        else:
            auth.set_role(engine, name, role, code)
            auth.set_password(engine, name, password, must_change=False)
            auth.set_active(engine, name, True)
        scope = f" — {unit_name}" if role == "unit" else ""
        click.echo(f"  {name:<11} {role:<6} mật khẩu: {password}{scope}")


@main.group(name="db", help="Database: create the schema, load the demo data.")
def db_group() -> None:
    pass


@db_group.command(name="init", help="Create the schema (through the migrations); with --demo, load the demo dataset.")
@click.option("--demo", is_flag=True, help="Fill the (empty) database with the Quảng Yên demo data.")
def db_init(demo: bool) -> None:
    config = _config()
    engine = db.get_engine(config.database_url)
    _, after = db.upgrade_schema(engine)
    click.echo(f"Schema ready at revision {after}: {engine.url.render_as_string(hide_password=True)}")
    if demo:
        if not db.is_empty(engine):
            raise click.ClickException("The database already holds data; --demo needs an empty database.")
        counts = load_demo(engine)
        click.echo("Demo data loaded: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


@main.command(name="demo", help="Fill the (empty) database with a synthetic dataset of the given size.")
@click.option("--scale", type=click.Choice(["town", "province", "national"]), required=True)
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--years", default=8, show_default=True, type=click.IntRange(1, 30))
@click.option("--replace", is_flag=True, help="Drop every table first (destroys the data!).")
def demo(scale: str, seed: int, years: int, replace: bool) -> None:
    import time

    config = _config()
    engine = db.get_engine(config.database_url)
    if replace:
        db.drop_schema(engine)
    elif not db.is_empty(engine):
        raise click.ClickException("The database already holds data; use an empty one or --replace.")
    started = time.perf_counter()

    def progress(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:7.1f} s] {message}")

    counts = load_synthetic(engine, scale, seed, years, config.current_date(), progress)
    click.echo(f"Done in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{k}={v:,}" for k, v in counts.items()))
@db_group.command(name="upgrade", help="Create or upgrade the schema to the latest migration (run after every "
                                         "upgrade), in the database of GRASSROOTS_OWNER_DATABASE_URL when set (the "
                                         "tables' owner), else GRASSROOTS_DATABASE_URL. With --app-role (PostgreSQL), "
                                         "grant that role what the application needs: data read and write, the "
                                         "audit log SELECT and INSERT only.")
@click.option("--app-role", default=None, help="PostgreSQL role the application connects as (not the owner).")
def db_upgrade(app_role: str | None) -> None:
    config = _config()
    owner_url = os.environ.get("GRASSROOTS_OWNER_DATABASE_URL") or config.database_url
    engine = db.get_engine(owner_url)
    before, after = db.upgrade_schema(engine)
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        click.echo(f"Schema already at revision {after}: {where}")
    else:
        click.echo(f"Schema upgraded from {before or '(empty)'} to {after}: {where}")
    if app_role:
        try:
            db.grant_app_role(engine, app_role)
        except ValueError as error:
            raise click.ClickException(str(error))
        click.echo(f"Role {app_role} may read and write the data; the audit log: SELECT and INSERT only.")
    # the pre-aggregated tables of a database that holds data but not them (an upgrade
    # from before they existed): built now, not at the next import
    if not db.is_empty(engine):
        with engine.begin() as conn:
            if not preagg.usable(conn):
                built = preagg.rebuild(conn)
                click.echo("Pre-aggregated tables built: " + ", ".join(f"{k} {v}" for k, v in built.items()))


@db_group.command(name="revision", help="Print the schema revision of the database and of this code.")
def db_revision() -> None:
    engine = db.get_engine(_config().database_url)
    click.echo(f"database: {db.schema_revision(engine) or '(none)'}; code: {db.head_revision()}")


# --- users ------------------------------------------------------------------------------


@main.group(name="users", help="Users and roles: admin (everything), town (every unit), unit (one commune or ward).")
def users_group() -> None:
    pass


def _engine():
    engine = db.get_engine(_config().database_url)
    if db.schema_revision(engine) is None and db.is_empty(engine):
        raise click.ClickException("No schema yet: run `grassroots db upgrade` first.")
    return engine


def _ask_password(given: str | None) -> tuple[str, bool]:
    """The password given, typed twice, or a random one (then shown once)."""
    if given:
        return given, False
    if os.isatty(0):
        return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True), False
    return auth.new_password(), True


@users_group.command(name="add", help="Add a user. Without --password, asks for one (or makes one and shows it).")
@click.argument("username")
@click.option("--role", type=click.Choice(auth.ROLES), required=True)
@click.option("--unit", "unit_code", default=None, help="Code of the commune or ward (role unit).")
@click.option("--name", "full_name", default="", help="Full name shown in the dashboard.")
@click.option("--password", default=None, help="Avoid on shared machines (it stays in the shell history).")
def users_add(username, role, unit_code, full_name, password) -> None:
    engine = _engine()
    password, generated = _ask_password(password)
    try:
        user = auth.add_user(engine, username, password, role, unit_code, full_name)
    except auth.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"User {user.username} added ({role}{' ' + unit_code if unit_code else ''}); "
               "they must choose their own password at their first login.")
    if generated:
        click.echo(f"Password: {password}")


@users_group.command(name="list", help="List users, their roles and open sessions.")
@click.option("--json", "as_json", is_flag=True)
def users_list(as_json) -> None:
    rows = auth.list_users(_engine())
    if as_json:
        click.echo(json.dumps([dict(r, created_at=r["created_at"].isoformat(timespec="seconds")) for r in rows],
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{'user':<20}{'role':<7}{'unit':<10}{'active':<8}{'sessions':>8}  name")
    for r in rows:
        click.echo(f"{r['username']:<20}{r['role']:<7}{r['unit_code'] or '':<10}{'yes' if r['active'] else 'no':<8}"
                   f"{r['sessions']:>8}  {r['full_name']}")


@users_group.command(name="disable", help="Disable a user and end their sessions at once.")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the user again instead.")
def users_disable(username, enable) -> None:
    try:
        ended = auth.set_active(_engine(), username, enable)
    except auth.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"User {auth.normalise_username(username)} {'enabled' if enable else 'disabled'}; "
               f"{ended} session(s) ended.")


@users_group.command(name="passwd", help="Set a user's password (they must change it at their next login); "
                                         "ends their sessions.")
@click.argument("username")
@click.option("--password", default=None, help="Avoid on shared machines (it stays in the shell history).")
def users_passwd(username, password) -> None:
    engine = _engine()
    if auth.get_user(engine, username) is None:
        raise click.ClickException(f"There is no user {auth.normalise_username(username)!r}.")
    password, generated = _ask_password(password)
    try:
        ended = auth.set_password(engine, username, password)
    except auth.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Password of {auth.normalise_username(username)} changed; {ended} session(s) ended; "
               "they must choose their own at their next login.")
    if generated:
        click.echo(f"Password: {password}")


@users_group.command(name="set-role", help="Change a user's role (and unit).")
@click.argument("username")
@click.option("--role", type=click.Choice(auth.ROLES), required=True)
@click.option("--unit", "unit_code", default=None, help="Code of the commune or ward (role unit).")
def users_set_role(username, role, unit_code) -> None:
    try:
        auth.set_role(_engine(), username, role, unit_code)
    except auth.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"User {auth.normalise_username(username)} is now {role}{' ' + unit_code if unit_code else ''}.")


@main.command(name="audit", help="Print the audit log, newest first.")
@click.option("--limit", default=50, show_default=True, type=int)
@click.option("--event", default=None, type=click.Choice(auth.AUDIT_EVENTS))
def audit_list(limit, event) -> None:
    for e in auth.audit_events(_engine(), limit, event):
        click.echo(f"{e['at']:%Y-%m-%d %H:%M:%S}  {e['event']:<14} {e['username'] or '-':<16} "
                   f"{e['address'] or '-':<16} {e['detail']}")


def _parse_date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD")


# Names the JSON kept from before every measure was listed under its registry key.
LEGACY_KEYS = {"activities_12m": "activities", "briefing_months_held": "months_held",
               "briefing_months_due": "months_due"}


@main.command(help="Print the indicators for each child of the root (or of --unit) and their total.")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default: today).")
@click.option("--structure", "structure_kind", type=click.Choice(["as-of", "current"]), default="as-of",
              show_default=True, help="Units as they were on the date, or today's units with history rolled up.")
@click.option("--unit", "unit_code", default=None, help="Code of the unit whose children to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def summary(as_of, structure_kind, unit_code, as_json) -> None:
    config = _config()
    service = DataService(config)
    if db.is_empty(service.engine):
        raise click.ClickException("The database is empty: run `grassroots db init --demo` first.")
    day = as_of or config.current_date()
    period = service.period("day", day)
    try:
        resolved = service.resolve(unit_code, period, structure_kind, Scope.everything())
    except UnknownUnit:
        raise click.ClickException(f"No unit has the code {unit_code!r}.")
    table = service.overview.summary(resolved.view)

    def record(row) -> dict:
        """Every measure of the summary under its registry key (``definitions.MEASURES``),
        whole numbers as ints."""
        out = {"code": row["code"], "name": row["name"], "kind": row["kind"]}
        for name in SUMMARY_COLUMNS:
            value = float(row[name])
            out[name] = int(value) if MEASURES[name].dtype == "int" else value
        for legacy, name in LEGACY_KEYS.items():
            out[legacy] = out[name]
        return out

    units = [record(r) for _, r in table[~table["is_total"]].iterrows()]
    total = record(table[table["is_total"]].iloc[0])
    payload = {
        "as_of": day.isoformat(),
        "structure": structure_kind,
        "structure_date": resolved.view.structure_date.isoformat(),
        "unit": {"code": resolved.unit.code, "name": resolved.unit.name, "kind": resolved.unit.kind},
        "flows_from": period.start.isoformat(),
        "units": units,
        "total": total,
    }
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _print_table(payload)


def _pct(numerator: int, denominator: int) -> str:
    value = ratio(numerator, denominator)
    return "—" if value is None else f"{100 * value:.1f}%".replace(".", ",")


def _print_table(payload: dict) -> None:
    unit = payload["unit"]
    click.echo(f"{unit_title(unit['kind'], unit['name'])} — ngày {payload['as_of']} "
               f"(cơ cấu {'hiện nay' if payload['structure'] == 'current' else 'tại ngày'})")
    header = f"{'Mã':<9}{'Đơn vị':<26}{'Thôn/khu':>9}{'NTH':>6}{'%':>8}{'Lần đầu':>9}" \
             f"{'Cán bộ':>8}{'Đã BD':>7}{'Ban':>5}{'HĐ 12th':>9}{'KN':>5}{'Đã GQ':>7}"
    click.echo(header)
    click.echo("-" * len(header))
    for row in payload["units"] + [dict(payload["total"], code="", name="Tổng")]:
        name = unit_title(row["kind"], row["name"]) if row["code"] else row["name"]
        click.echo(
            f"{row['code']:<9}{name[:25]:<26}{row['villages']:>9}{row['unified']:>6}"
            f"{_pct(row['unified'], row['villages']):>8}{row['first_time']:>9}{row['cadres']:>8}"
            f"{row['trained']:>7}{row['boards']:>5}{row['activities_12m']:>9}"
            f"{row['recommendations']:>5}{row['resolved']:>7}"
        )


# --- import, export, template, review report ----------------------------------------------


def _cli_service() -> DataService:
    return DataService(_config(), interface="cli")


def _counts_line(counts: dict) -> str:
    parts = []
    for table, c in counts.items():
        if isinstance(c, dict) and any(c.values()):
            parts.append(f"{SHEET_BY_KEY[table].title}: +{c['inserted']} ~{c['updated']} ={c['unchanged']}")
    return "; ".join(parts) or "không có dòng nào"


@main.command(help="Write the import template (an .xlsx with a sheet per kind of record) to OUT. Uses no database.")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
def template(out: str) -> None:
    with open(out, "wb") as handle:
        handle.write(template_bytes())
    click.echo(f"Đã ghi mẫu nhập liệu: {out}")


@main.command(name="import", help="Import FILE.xlsx, FILE.csv or every .xlsx/.csv in FOLDER, as one change. "
                                  "Nothing is written if any row is wrong; every problem is listed.")
@click.argument("path", type=click.Path(exists=True))
@click.option("--dry-run", is_flag=True, help="Check and count, then roll back: nothing is written.")
def import_command(path: str, dry_run: bool) -> None:
    service = _cli_service()
    result = service.imports.run(sources_from_path(path), dry_run=dry_run)
    if not result.ok:
        for problem in result.problems:
            click.echo(problem.text(), err=True)
        raise click.ClickException(f"{len(result.problems)} lỗi; không có thay đổi nào được ghi.")
    if result.replaced_demo:
        click.echo("Dữ liệu mẫu được thay thế bằng dữ liệu nhập.")
    verb = "Kiểm tra xong (chạy thử, không ghi)" if dry_run else "Đã nhập"
    click.echo(f"{verb}: {result.rows_read} dòng từ {result.file_name}. "
               f"(+ thêm, ~ cập nhật, = giữ nguyên) {_counts_line(result.counts)}")


@main.command(help="Export every record to an .xlsx in the import template's format.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True))
def export(out: str) -> None:
    service = _cli_service()
    if db.is_empty(service.engine):
        raise click.ClickException("The database is empty: nothing to export.")
    with open(out, "wb") as handle:
        handle.write(service.imports.export_all())
    click.echo(f"Đã xuất toàn bộ dữ liệu: {out}")


@main.command(help="Write the results report (Báo cáo kết quả) for a period and a unit: an .xlsx workbook, or "
                    "with --format docx a Word document in the Party's form (Hướng dẫn 36-HD/VPTW); with --review "
                    "CODE the sơ kết or tổng kết of a directive recorded under that code (sheet Sơ kết, tổng kết).")
@click.option("--period", "period_spec", default=None,
              help="2026-11-27 (a date: 12 months to it), 2026-09 (month), 2026-Q3 (quarter), 2026 (year) or a term code.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--unit", "unit_code", default=None, help="Code of the unit (default: the root).")
@click.option("--structure", "structure_kind", type=click.Choice(["as-of", "current"]), default="as-of",
              show_default=True)
@click.option("--format", "file_format", type=click.Choice(["xlsx", "docx"]), default="xlsx", show_default=True)
@click.option("--review", "review_code", default=None, help="Code of a review event (docx only): a sơ kết or tổng kết.")
@click.option("--number", default=None, help="The document's number (docx; default: left blank to fill in).")
@click.option("--signer", default=None, help="The signer's name (docx).")
def report(period_spec: str | None, out: str, unit_code: str | None, structure_kind: str, file_format: str,
           review_code: str | None, number: str | None, signer: str | None) -> None:
    service = _cli_service()
    if db.is_empty(service.engine):
        raise click.ClickException("The database is empty: run `grassroots db init --demo` or import data first.")
    if review_code is not None and file_format != "docx":
        raise click.BadParameter("a review is written as a Word document: add --format docx", param_hint="--review")
    if period_spec is None and review_code is None:
        raise click.BadParameter("give the period (or --review CODE)", param_hint="--period")
    kind, day = "day", service.today()
    if period_spec is not None:
        try:
            kind, day = parse_period(period_spec, service.terms())
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--period")
    try:
        if file_format == "docx":
            content, _name = service.reports.document(unit_code, kind, day, structure_kind, review_code=review_code,
                                                      number=number, signer=signer)
        else:
            content, _name = service.reports.review(unit_code, kind, day, structure_kind)
    except UnknownUnit:
        raise click.ClickException(f"No unit has the code {unit_code!r}.")
    except LookupError:
        raise click.ClickException(f"No review has the code {review_code!r} (sheet Sơ kết, tổng kết).")
    with open(out, "wb") as handle:
        handle.write(content)
    click.echo(f"Đã ghi báo cáo: {out}")


# Commands that read or write no database (the others say which one they act on).
NO_DATABASE = ("template",)
DATABASE_NOTE = ("\n\nActs on the database of GRASSROOTS_DATABASE_URL (default: the SQLite file "
                 "data/grassroots.db).")


def _name_the_database(group: click.Group) -> None:
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _name_the_database(command)
        elif command.name not in NO_DATABASE and "GRASSROOTS_" not in (command.help or ""):
            command.help = (command.help or "") + DATABASE_NOTE


_name_the_database(main)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
