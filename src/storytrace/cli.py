"""Command-line interface: thin commands over library functions.

Heavy libraries (trafilatura, lxml, rich, fastwarc …) are imported inside commands so that
``storytrace --help`` stays fast. Domain errors become CLI errors here and only here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .errors import NoArticleError, OutputError, StorytraceError, UsageError

DEFAULT_DB = "storytrace.db"


def _fail(error: StorytraceError, *, as_json: bool = False) -> NoReturn:
    if as_json:
        click.echo(json.dumps({"error": error.as_dict()}))
    else:
        click.echo(f"error: {error}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def _interruptible(db: str, kept: str) -> Iterator[None]:
    """Ctrl-C: say what the store keeps and that running the command again finishes the work (click would
    print "Aborted!", which leaves a user wondering whether the store is half written); exit 130, as a shell does."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: {kept} are kept in {db}; run the same command again to finish "
                   "(what is stored is not read again)", err=True)
        sys.exit(130)


def _parse_size(value: str, option: str = "--max-size") -> int:
    """Bytes of a size option ("20MB", "500k"); a bad value names its option, as click does for its own."""
    hint = f"'{option}'"
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", value.lower())
    if not match:
        raise click.BadParameter(f"{value!r} is not a size (try 20MB, 500k or 1048576)", param_hint=hint)
    number, unit = float(match.group(1)), match.group(2)
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]
    size = int(number * factor)
    if size <= 0:
        raise click.BadParameter("the size cap must be positive", param_hint=hint)
    return size


def _check_db(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """An empty path (or ':memory:') would make SQLite use a throwaway database: what is ingested is lost."""
    if not value.strip():
        raise click.BadParameter("the store path is empty; give a file, e.g. --db pile.db")
    if value.strip() == ":memory:":
        raise click.BadParameter("':memory:' is not kept after the command; give a file, e.g. --db pile.db")
    return value


db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="STORYTRACE_DB",
    callback=_check_db,
    help="SQLite store (env STORYTRACE_DB).",
)


def _output_target(out: str) -> Path:
    """The ``--out`` file, checked before any work is done: a folder that is a file, or one (or a file)
    that may not be written, is refused now rather than after a long analysis."""
    target = Path(out)
    if target.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder", hint="give a file name for --out")
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {out}: {existing} is a file, not a folder", hint="give another --out")
    if not os.access(target if target.exists() else existing, os.W_OK):
        raise OutputError(f"cannot write {out}: permission denied", hint="give an --out you may write to")
    return target


def _write_output(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _print_rejections(summary: Any, *, duplicates: bool = True) -> None:
    """One stderr line per input refused, then (not failures, but the user should see them) per input whose
    content was already read from another input of the run (E110), per file storytrace wrote (E115), and
    how many feed items were only links (E112)."""
    for rejection in summary.failures:
        where = f" [{rejection.locator}]" if rejection.locator else ""
        click.echo(f"rejected: {rejection.source}{where}: {rejection.message}", err=True)
    if duplicates:
        for rejection in _duplicates(summary):
            where = f" [{rejection.locator}]" if rejection.locator else ""
            click.echo(f"duplicate: {rejection.source}{where}: {rejection.message}", err=True)
        for rejection in _own_files(summary):
            click.echo(f"skipped: {rejection.source}: {rejection.message}", err=True)
        if summary.links_not_followed:  # by `analyze` too: its "no article could be read" points here
            from .ingest.feeds import FULL_CONTENT_WORDS

            links = len(summary.links_not_followed)
            click.echo(f"{links} feed item{' carries' if links == 1 else 's carry'} only a link (or a teaser under "
                       f"{FULL_CONTENT_WORDS} words, not the article); rerun with --follow-links to fetch their pages.",
                       err=True)


def _duplicates(summary: Any) -> list[Any]:
    from .errors import DuplicateInputError

    return [r for r in summary.rejections if r.reason == DuplicateInputError.reason]


def _own_files(summary: Any) -> list[Any]:
    """Inputs that are files storytrace wrote (E115): listed, never read, not failures."""
    from .errors import StorytraceOutputError

    return [r for r in summary.rejections if r.reason == StorytraceOutputError.reason]


def _rejection_dict(rejection: Any) -> dict[str, Any]:
    return {"source": rejection.source, "locator": rejection.locator, "code": rejection.code,
            "reason": rejection.reason, "message": rejection.message}


_FIELD_OPTIONS = (
    click.option("--text-field", help="CSV/JSONL column with the article text [text, body, content, …]."),
    click.option("--title-field", help="CSV/JSONL column with the title [title, headline]."),
    click.option("--outlet-field", help="CSV/JSONL column with the outlet [outlet, publisher, source, …]."),
    click.option("--date-field", help="CSV/JSONL column with the publication date [date, published, …]."),
    click.option("--fetched-field", help="CSV/JSONL column with when the row was fetched or scraped, never a "
                                         "publication date [fetched_at, scraped_at, …]."),
    click.option("--url-field", help="CSV/JSONL column with the URL [url, link]."),
    click.option("--id-field", help="CSV/JSONL column with an id [id, uuid, …]."),
)
"""Which columns of a CSV/JSONL input hold what (ingest, analyze and batch run)."""

_INGEST_OPTIONS = (
    click.option("--follow-links", is_flag=True, help="Fetch feed items that carry only a link."),
    click.option("--allow-private", is_flag=True, help="Allow fetching loopback and private addresses."),
    click.option("--force", is_flag=True, help="Re-normalize content already in the store (rows an older normalizer wrote are re-normalized anyway)."),
    click.option("--strict", is_flag=True, help="Exit non-zero when anything was rejected."),
    click.option("--max-size", default="20MB", show_default=True, help="Size cap per file, record or download."),
    click.option("--timeout", default=20.0, show_default=True, type=float, help="Seconds per URL fetch."),
    click.option(
        "--time-limit", default=30.0, show_default=True, type=click.FloatRange(min=0),
        help="Seconds one document may take to be read, extracted and cleaned (0 = no cap).",
    ),
    click.option(
        "--workers", default=0, show_default=True, type=click.IntRange(min=0),
        help="Worker processes for HTML extraction and claims (0 = one per core; started only for larger runs).",
    ),
    *_FIELD_OPTIONS,
)


def table_field_options(command: Any) -> Any:
    """The CSV/JSONL column options (``batch run``; ``ingest`` and ``analyze`` have them with the rest)."""
    for option in reversed(_FIELD_OPTIONS):
        command = option(command)
    return command


def ingest_options(command: Any) -> Any:
    """The input options shared by ``ingest`` and ``analyze``."""
    for option in reversed(_INGEST_OPTIONS):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storytrace")
def main() -> None:
    """Trace a news story across outlets: who copied whom, who said what, which numbers disagree.

    \b
    Start with:
      storytrace analyze PATH_OR_URL... --db pile.db --out dossier.json
      storytrace report --db pile.db --format html --out dossier.html
      storytrace serve --db pile.db
    Then stories, claims, quotes, entities, reuse and diff answer questions about the same --db.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@db_option
@ingest_options
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary object.")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    follow_links: bool,
    allow_private: bool,
    force: bool,
    strict: bool,
    max_size: str,
    timeout: float,
    time_limit: float,
    workers: int,
    text_field: str | None,
    title_field: str | None,
    outlet_field: str | None,
    date_field: str | None,
    fetched_field: str | None,
    url_field: str | None,
    id_field: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Ingest files, folders (recursive), '-' for stdin, and http(s) URLs into the store.

    \b
    Formats: HTML (.html/.htm, also .gz), text and markdown (.txt/.md), WARC (.warc/.warc.gz),
    RSS/Atom, JSONL/JSON/CSV/TSV exports, files listing URLs, and http(s) URLs.
    Every input that cannot become an article is listed with a stable error code and kept in
    the store's rejections; the run goes on. Re-ingesting the same content is a no-op.
    """
    from .ingest import ingest as run_ingest
    from .store import Store

    try:
        options = _ingest_settings(
            max_size=max_size, follow_links=follow_links, force=force, workers=workers, text_field=text_field,
            title_field=title_field, outlet_field=outlet_field, date_field=date_field, fetched_field=fetched_field,
            url_field=url_field, id_field=id_field, timeout=timeout, allow_private=allow_private, time_limit=time_limit,
        )
        with Store.open(db) as store, _interruptible(db, "the articles stored so far"):
            summary = _with_progress(
                lambda progress: run_ingest(inputs, store, options, progress=progress),
                enabled=not quiet and not as_json,
            )
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "db": db,
                    "sources": summary.sources,
                    "new": len(summary.new),
                    "updated": len(summary.updated),
                    "unchanged": len(summary.unchanged),
                    "article_ids": sorted({*summary.new, *summary.updated, *summary.unchanged}),
                    "rejected": [_rejection_dict(r) for r in summary.failures],
                    "duplicates": [_rejection_dict(r) for r in _duplicates(summary)],
                    "storytrace_files": [_rejection_dict(r) for r in _own_files(summary)],
                    "links_not_followed": list(summary.links_not_followed),
                    "skipped_records": summary.skipped_records,
                    "seconds": round(summary.seconds, 3),
                }
            )
        )
    else:
        _print_rejections(summary, duplicates=not quiet)
        if not quiet:
            duplicates = len(_duplicates(summary))
            copies = f", {duplicates} duplicate{'' if duplicates == 1 else 's'}" if duplicates else ""
            own = len(_own_files(summary))
            copies += f", {own} of storytrace's own file{'' if own == 1 else 's'} skipped" if own else ""
            click.echo(
                f"{len(summary.new)} new, {len(summary.updated)} updated, {len(summary.unchanged)} unchanged "
                f"articles from {summary.sources} source{'' if summary.sources == 1 else 's'}; "
                f"{len(summary.failures)} rejected{copies} "
                f"({summary.seconds:.1f} s) → {db}"
            )
    if summary.stored == 0 or (strict and summary.failures):
        sys.exit(1)


def _ingest_settings(
    *,
    max_size: str,
    follow_links: bool,
    force: bool,
    workers: int,
    text_field: str | None,
    title_field: str | None,
    outlet_field: str | None,
    date_field: str | None,
    url_field: str | None,
    id_field: str | None,
    timeout: float,
    fetched_field: str | None = None,
    allow_private: bool,
    time_limit: float = 30.0,
    **_ignored: Any,
) -> Any:
    """IngestOptions from the shared input options."""
    from .settings import FetchOptions, IngestOptions, TableFields

    max_bytes = _parse_size(max_size)
    return IngestOptions(
        max_bytes=max_bytes,
        follow_links=follow_links,
        force=force,
        workers=workers,
        time_limit=time_limit,
        fields=TableFields(
            text=text_field, title=title_field, outlet=outlet_field, date=date_field, url=url_field, id=id_field,
            fetched=fetched_field,
        ),
        fetch=FetchOptions(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private),
    )


def _with_progress(work: Any, *, enabled: bool, stage: str = "ingest") -> Any:
    """``work(update)`` with a progress bar on standard error (a terminal only) named after the ``stage``."""
    if not enabled or not sys.stderr.isatty():
        return work(None)
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(f"[bold]{escape(stage)}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}", style="dim"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def update(done: int, total: int, label: str) -> None:
            progress.update(task, completed=done, total=total, description=label[-50:])

        return work(update)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of articles.")
@click.option("--text", "with_text", is_flag=True, help="With --json: include the clean text.")
def articles(db: str, as_json: bool, with_text: bool) -> None:
    """List the articles in the store, one row per article."""
    from .store import Store

    try:
        with Store.open(db, create=False, read_only=True) as store:
            rows = list(store.articles())
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if as_json:
        payload = []
        for a in rows:
            item: dict[str, Any] = {
                "id": a.id, "source": a.source, "locator": a.locator, "url": a.url, "title": a.title,
                "byline": a.byline, "published": a.published, "published_time": a.published_time,
                "dateline": a.dateline, "outlet": a.outlet,
                "credits": [{"kind": c.kind, "name": c.name, "role": c.role, "line": c.line} for c in a.credits],
                "words": a.words,
            }
            if with_text:
                item["text"] = a.text
            payload.append(item)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    from .report.view import counted

    width = _terminal_width()
    if width < _TABLE_MIN_WIDTH:  # too narrow for seven columns: one block per article
        click.echo(f"{counted(len(rows), 'article')} in {db}")
        for a in rows:
            click.echo()
            click.echo(_wrap(f"a{a.id}  {a.published or 'undated'}  {a.outlet or '—'}  ({counted(a.words, 'word')})",
                             width, indent="    "))
            click.echo(_wrap(a.title or _article_label(a), width, first="    ", indent="    "))
            if a.byline:
                click.echo(_wrap(f"by {a.byline}", width, first="    ", indent="      "))
            for c in a.credits:
                kind = "translated by" if c.role == "translator" else c.kind.replace("_", " ")
                click.echo(_wrap(f"{kind}: {c.name}", width, first="    ", indent="      "))
        return
    table = Table(title=f"{len(rows)} articles in {db}", show_lines=True)
    # ids, dates and counts keep their width; the text columns share the rest and wrap between words
    for column, ratio in (("id", None), ("title", 3), ("byline", 1), ("date", None), ("outlet", 1), ("credits", 2),
                          ("words", None)):
        table.add_column(column, justify="right" if column in {"id", "words"} else "left", ratio=ratio,
                         no_wrap=ratio is None, overflow="fold")
    for a in rows:
        credits = "; ".join(
            f"{'translated by' if c.role == 'translator' else c.kind.replace('_', ' ')}: {c.name}" for c in a.credits
        )
        table.add_row(
            str(a.id), a.title or "—", a.byline or "—", a.published or "—", a.outlet or "—", credits or "—",
            str(a.words),
        )
    Console(width=width).print(table)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def rejections(db: str, as_json: bool) -> None:
    """List the inputs the store refused, with their stable reason codes."""
    from .store import Store

    try:
        with Store.open(db, create=False, read_only=True) as store:
            rows = store.rejections()
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if as_json:
        click.echo(json.dumps([
            {"source": r.source, "locator": r.locator, "code": r.code, "reason": r.reason, "message": r.message,
             "at": r.at}
            for r in rows
        ], ensure_ascii=False, indent=1))
        return
    for r in rows:
        where = f" [{r.locator}]" if r.locator else ""
        click.echo(f"{r.at}  {r.code} {r.reason:<18} {r.source}{where}: {r.message}")
    if not rows:
        click.echo("no rejections")


def _reuse_to_dict(reuse: Any) -> dict[str, Any]:
    from .compare.dossier import reuse_to_dict

    return reuse_to_dict(reuse)


paraphrase_encoder_option = click.option(
    "--paraphrase-encoder", type=click.Choice(["minilm", "static"]), default="minilm", show_default=True,
    help="Sentence encoder of the paraphrase layer: minilm (int8 transformer) or static (~30x cheaper, "
    "weaker on rewritten copies; see docs/reuse.md).",
)


@main.command()
@db_option
@paraphrase_encoder_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of reuse pairs (dossier shape).")
def reuse(db: str, paraphrase_encoder: str, as_json: bool) -> None:
    """Find copied, syndicated and rewritten passages between the articles in the store.

    \b
    One row per related pair: source → target, relation (wholly_derived, partially_derived,
    shared_passages), mode, how much of the target is shared, direction confidence and evidence,
    and how many independent origins the pile has once copies are collapsed.
    """
    from .provenance import independent_origins
    from .report.view import counted
    from .reuse.pairs import ReuseOptions, find_reuse
    from .store import Store

    try:
        with Store.open(db, create=False, read_only=True) as store:
            rows = list(store.articles())
        options = ReuseOptions(paraphrase_encoder=paraphrase_encoder)
        pairs = _with_progress(lambda progress: find_reuse(rows, options, progress=_pair_progress(progress)),
                               enabled=not as_json, stage="align")
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    origins = independent_origins([a.id for a in rows if a.id is not None], pairs)
    if as_json:
        click.echo(json.dumps([_reuse_to_dict(r) for r in pairs], ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    by_id = {a.id: a for a in rows}

    def label(article_id: int) -> str:
        article = by_id[article_id]
        return f"a{article_id} {article.outlet or _shorten(_article_label(article), 30)}"

    if not pairs:  # an empty table says nothing plainly
        click.echo(f"no related pairs among {counted(len(rows), 'article')}: no passage is shared, "
                   f"so each article is its own origin ({counted(origins, 'independent origin')})")
        return
    heading = (f"{counted(len(pairs), 'related pair')} among {counted(len(rows), 'article')}: "
               f"{counted(origins, 'independent origin')}")
    width = _terminal_width()
    if width < _TABLE_MIN_WIDTH:  # too narrow for seven columns: one block per pair
        click.echo(heading)
        for r in pairs:
            click.echo()
            click.echo(_wrap(f"{label(r.source)} → {label(r.target)}: {r.relation.replace('_', ' ')}, {r.mode}, "
                             f"{r.target_coverage:.0%} of the target shared, direction {r.direction_confidence:.2f}",
                             width, indent="    "))
            for line in r.evidence:
                click.echo(_wrap(line, width, first="    ", indent="      "))
        return
    table = Table(title=heading)
    for column, ratio in (("source", 1), ("target", 1), ("relation", 1), ("mode", None), ("target shared", None),
                          ("direction", None), ("evidence", 3)):
        table.add_column(column, ratio=ratio, no_wrap=ratio is None, overflow="fold")
    for r in pairs:
        table.add_row(
            label(r.source), label(r.target), r.relation.replace("_", " "), r.mode, f"{r.target_coverage:.0%}",
            f"{r.direction_confidence:.2f}", "; ".join(r.evidence),
        )
    Console(width=width).print(table)


def _pair_progress(progress: Any) -> Any:
    if progress is None:
        return None
    return lambda done, total: progress(done, total, "aligning pairs")


def _article_id(context: click.Context, parameter: click.Parameter, value: str) -> int:
    """An article id as every command prints it (``a2``), in capitals (``A2``) or bare (``2``)."""
    match = re.fullmatch(r"\s*[aA]?(\d+)\s*", value)
    if match is None:
        raise click.BadParameter(f"{value!r} is not an article id (give a2, A2 or 2, as 'storytrace articles' "
                                 "lists them)")
    return int(match.group(1))


def _article_label(article: Any) -> str:
    """The title; for an untitled article its first sentence of prose (never the path of the file it came from)."""
    from .leads import lead_line

    return article.title or lead_line(article.text or "") or article.source


@main.command()
@db_option
@click.argument("first", callback=_article_id)
@click.argument("second", callback=_article_id)
def diff(db: str, first: int, second: int) -> None:
    """Show the passages two articles (a2, A2 or 2) share, side by side, differences highlighted.

    \b
    The relation, direction and passages are those of the latest analysis when it related the two
    articles (whatever the order of FIRST and SECOND); otherwise they are computed for the pair.
    Differences are coloured on a terminal; without colour (a pipe, a file, NO_COLOR) words only
    in the source are marked [-so-] and words only in the target {+so+}.
    """
    import difflib

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from .store import Store

    if first == second:
        raise click.UsageError(f"give two different articles (FIRST and SECOND are both a{first})")
    try:
        with Store.open(db, create=False, read_only=True) as store:
            a, b = store.article(first), store.article(second)
            dossier = store.latest_dossier()
    except StorytraceError as error:
        _fail(error)
    missing = [n for n, article in ((first, a), (second, b)) if article is None]
    if missing or a is None or b is None:
        _fail(UsageError(f"no article {', '.join(f'a{n}' for n in missing)} in {db}", hint="see 'storytrace articles'"))
    console = Console(width=_terminal_width())
    plain = console.no_color or console.color_system is None

    def heading(article: Any) -> str:
        return f"[bold]a{article.id}[/] {escape(_article_label(article))}"

    pair, note = _pair_to_show(dossier, a, b)
    if pair is None or not pair["passages"]:  # no direction to show: the lower id first
        a, b = sorted((a, b), key=lambda article: article.id or 0)
        console.print(f"{heading(a)}  and  {heading(b)}\nno shared passages ({escape(note)})")
        return
    if pair["source"] != f"a{a.id}":
        a, b = b, a
    passages = pair["passages"]
    console.print(f"{heading(a)}  →  {heading(b)}")
    console.print(escape(
        f"{pair['relation'].replace('_', ' ')}, mode {pair['mode']}, {pair['target_coverage']:.0%} of a{b.id} shared; "
        f"direction {pair['direction_confidence']:.2f}: {'; '.join(pair['evidence'])} ({note})"
    ))
    if plain:  # colour is all a terminal shows of a difference: without it, mark the words
        console.print(escape(f"words only in a{a.id} are [-marked-]; words only in a{b.id} are {{+marked+}}"))
    table = Table(show_lines=True)
    table.add_column(escape(f"a{a.id} {a.outlet or ''}"), ratio=1)
    table.add_column(escape(f"a{b.id} {b.outlet or ''}"), ratio=1)
    table.add_column("kind", no_wrap=True)
    for passage in passages:
        left_words = a.text[passage["source_span"][0] : passage["source_span"][1]].split()
        right_words = b.text[passage["target_span"][0] : passage["target_span"][1]].split()
        left, right = Text(), Text()
        matcher = difflib.SequenceMatcher(a=[w.lower() for w in left_words], b=[w.lower() for w in right_words],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            same = tag == "equal"
            removed, added = " ".join(left_words[i1:i2]), " ".join(right_words[j1:j2])
            if plain and not same:
                removed = f"[-{removed}-]" if removed else ""
                added = f"{{+{added}+}}" if added else ""
            if removed:
                left.append(removed + " ", style=None if same else "bold red")
            if added:
                right.append(added + " ", style=None if same else "bold green")
        table.add_row(left, right, f"{passage['kind']}\n{passage['score']:.2f}")
    console.print(table)


def _pair_to_show(dossier: dict[str, Any] | None, a: Any, b: Any) -> tuple[dict[str, Any] | None, str]:
    """The reuse row (dossier shape) of two stored articles and where it comes from.

    The latest analysis decides when it holds both articles with their current text: its pair (so
    ``diff`` agrees with the dossier, the report and ``serve``) or, when it did not relate them, the
    relation computed for the two articles alone. Computed pairs always put the lower id first, as a
    pile does, so the order of the arguments changes nothing."""
    from .reuse.pairs import relate_pair

    analysed = False
    if dossier is not None:
        texts = {str(row.get("id")): row.get("text") for row in dossier.get("articles") or [] if isinstance(row, dict)}
        analysed = texts.get(f"a{a.id}") == a.text and texts.get(f"a{b.id}") == b.text
    if analysed and dossier is not None:
        wanted = {f"a{a.id}", f"a{b.id}"}
        for row in dossier.get("reuse") or []:
            if isinstance(row, dict) and {row.get("source"), row.get("target")} == wanted:
                return row, "from the latest analysis"
    first, second = sorted((a, b), key=lambda article: article.id or 0)
    related = relate_pair(first, second)
    if analysed:
        note = "the latest analysis did not relate them; computed for this pair alone"
    elif dossier is None:
        note = "no analysis yet; computed for this pair alone"
    else:
        note = "not both in the latest analysis as stored now; computed for this pair alone"
    return (_reuse_to_dict(related) if related is not None else None), note


@main.command(short_help="Ingest the inputs, analyse the pile: a dossier.")
@click.argument("inputs", nargs=-1, metavar="[PATH_OR_URL...]")
@db_option
@ingest_options
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write the dossier JSON here ('-': stdout).")
@click.option(
    "--aliases", type=click.Path(exists=True, dir_okay=False), help="YAML alias file (see docs/claims.md)."
)
@paraphrase_encoder_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def analyze(inputs: tuple[str, ...], db: str, out: str | None, aliases: str | None, paraphrase_encoder: str,
            quiet: bool, as_json: bool, **input_options: Any) -> None:
    """Ingest PATH_OR_URL... (if any), then analyse every article in the store into a dossier.

    
    Stages: reuse and provenance (who copied whom), claims (quotes with speakers, numbers,
    entities with aliases), stories, the same claim across outlets, conflicts (speaker, value,
    wording), independent origins and first appearance. The dossier (storytrace.dossier/1) is
    kept in the store for 'report' and 'serve', and written to --out when given.
    Accepts everything 'ingest' accepts, with the same options. Each article's claims and
    sentence embeddings are remembered in the store: analysing a grown pile again parses only
    the new articles, with the same dossier a fresh store would give.
    """
    from .compare.dossier import analyze_articles
    from .ingest import ingest as run_ingest
    from .reuse.pairs import ReuseOptions
    from .store import Store

    show = not quiet and not as_json
    fresh = not Path(db).exists()  # a store this run creates, removed again if nothing could be read into it
    try:
        target = _output_target(out) if out and out != "-" else None
        options = _ingest_settings(**input_options)
        alias_table = None
        if aliases:
            from .claims.entities import load_aliases

            alias_table = load_aliases(aliases)
        with Store.open(db, create=bool(inputs)) as store, _interruptible(
                db, "the articles stored and the claims extracted so far"):
            if inputs:
                summary = _with_progress(lambda progress: run_ingest(inputs, store, options, progress=progress),
                                         enabled=show)
                _print_rejections(summary, duplicates=not quiet)
                if input_options.get("strict") and summary.failures:
                    sys.exit(1)
            rows = list(store.articles())
            if inputs and not summary.stored and summary.rejections:
                first = summary.rejections[0]
                said = first.message if first.message.startswith(f"[{first.code}]") else f"[{first.code}] {first.message}"
                reason = f"{len(summary.rejections)} rejected, e.g. {said}"
                if not rows:
                    raise NoArticleError(f"no article could be read from the inputs given ({reason})",
                                         hint="check the paths or addresses: every rejection is listed above")
                if show:
                    click.echo(f"warning: nothing was read from the inputs given ({reason}); analysing the "
                               f"{len(rows):,} articles already in {db}", err=True)
            if not rows:
                raise UsageError(f"{db} holds no articles", hint="give PATH_OR_URL... to ingest, or another --db")
            dossier = _with_progress(
                lambda progress: analyze_articles(
                    rows, workers=options.workers, aliases=alias_table,
                    reuse_options=ReuseOptions(paraphrase_encoder=paraphrase_encoder),
                    progress=(lambda stage, done, total: progress(done, total, stage)) if progress else None,
                    cache=store,
                ),
                enabled=show, stage="analyze",
            )
            store.save_dossier(dossier)
    except StorytraceError as error:
        if fresh and isinstance(error, NoArticleError):
            _remove_store(db)  # leave no empty store behind a typo
        _fail(error, as_json=as_json)
    if out:
        text = json.dumps(dossier, ensure_ascii=False, indent=1, sort_keys=False)
        if target is None:
            click.echo(text)
        else:
            try:
                _write_output(target, text + "\n")
            except OutputError as error:
                _fail(OutputError(error.message, hint=f"the analysis is saved in {db}"), as_json=as_json)
    # With the dossier on standard output, the summary goes to standard error: `--out - > dossier.json`.
    to_stderr = out == "-"
    summary_row = dict(dossier["summary"], db=db, out=out)
    if as_json:
        click.echo(json.dumps(summary_row), err=to_stderr)
    elif not quiet:
        _print_summary(dossier, db=db, out=out, err=to_stderr)


def _remove_store(db: str) -> None:
    """Delete a store file (and its -wal/-shm) this run created and left empty."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(db + suffix).unlink()


#: How many outlets a story's line of the ``analyze`` summary names before "+N more".
_SUMMARY_OUTLETS = 6
#: Stories the ``analyze`` summary lists: all of them up to this many, else this many of the largest
#: (of more than one article), then how many more there are and the command that lists them.
_SUMMARY_STORIES = 10
#: Conflicts the ``analyze`` summary lists before "… and N more conflicts".
_SUMMARY_CONFLICTS = 10


def _print_summary(dossier: dict[str, Any], *, db: str, out: str | None, err: bool = False) -> None:
    from .report.view import DossierIndex, counted, story_summary

    summary = dossier["summary"]
    conflicts = summary["conflicts"]
    width = _terminal_width()
    index = DossierIndex.build(dossier)

    def echo(line: str, *, first: str = "", indent: str = "") -> None:
        click.echo(_wrap(line, width, first=first, indent=indent), err=err)

    echo(
        f"{counted(summary['articles'], 'article')}, {counted(summary['stories'], 'story', 'stories')}, "
        f"{counted(summary['reuse_pairs'], 'reuse pair')}, "
        f"{counted(summary['independent_origins'], 'independent origin')}; "
        f"{counted(summary['claims'], 'claim')} shared across articles, "
        f"conflicts: {conflicts['speaker']} speaker, {conflicts['value']} value, {conflicts['wording']} wording"
    )
    foreign: dict[str, list[str]] = {}
    for article in dossier.get("articles") or []:
        if article.get("language") and article["language"] not in {"en", "und"}:
            foreign.setdefault(str(article["language"]), []).append(str(article["id"]))
    if foreign:
        count = sum(len(ids) for ids in foreign.values())
        listed = "; ".join(f"{code}: {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}"
                           for code, ids in sorted(foreign.items()))
        echo(f"{counted(count, 'article')} not in English ({listed}): quotes, numbers and names are read in "
             "English articles only; reuse and stories include them", first="  ", indent="      ")
    for template in summary.get("templates") or []:
        ids = [str(i) for i in template.get("articles") or []]
        echo(f"{counted(len(ids), 'page')} of {template.get('outlet')} ({', '.join(ids[:5])}{' …' if len(ids) > 5 else ''})"
             f" carry only their site's template text, not an article (“{_shorten(str(template.get('text')), 60)}”):"
             " left out of stories, reuse and claims", first="  ", indent="      ")
    stories = list(dossier["stories"])
    if len(stories) > _SUMMARY_STORIES:  # a big pile: its largest stories, then where the rest are
        order = {id(story): number for number, story in enumerate(stories)}
        shown = sorted((st for st in stories if len(st["articles"]) > 1),
                       key=lambda st: (-len(st["articles"]), order[id(st)]))[:_SUMMARY_STORIES]
    else:
        shown = stories
    for story in shown:
        outlets = list(story.get("outlets") or [])
        named = ", ".join(outlets[:_SUMMARY_OUTLETS]) or "outlets unknown"
        if len(outlets) > _SUMMARY_OUTLETS:
            named += f" +{len(outlets) - _SUMMARY_OUTLETS} more"
        described = story_summary(index, story)
        if outlets and described.get("unattributed"):  # "2 articles (Metro Herald)" read as both from it
            named += f"; {described['unattributed']} without an outlet"
        title = _shorten(described["title"], 70)
        echo(
            f"{story['id']}: {title} — {counted(len(story['articles']), 'article')} ({named}), "
            f"{counted(story['independent_origins'], 'independent origin')}",
            first="  ", indent="      ",
        )
    if len(shown) < len(stories):
        single = sum(len(st["articles"]) == 1 for st in stories)
        more = len(stories) - len(shown)
        echo(f"… and {counted(more, 'more story', 'more stories')}"
             + (f" ({single} of one article)" if single else "")
             + f": 'storytrace stories --db {db}' lists them all", first="  ", indent="      ")
    # speaker and value conflicts first (who said it, which number), then changed wording
    rank = {"speaker": 0, "value": 1}
    conflicts_found = sorted(((claim, conflict) for claim in dossier["claims"] for conflict in claim["conflicts"]),
                             key=lambda pair: rank.get(str(pair[1].get("kind")), 2))
    for claim, conflict in conflicts_found[:_SUMMARY_CONFLICTS]:
        echo(f"{conflict['kind']} conflict ({claim['id']}): {_shorten(conflict['detail'], 200)}",
             first="  ", indent="      ")
    if len(conflicts_found) > _SUMMARY_CONFLICTS:
        more = len(conflicts_found) - _SUMMARY_CONFLICTS
        echo(f"… and {counted(more, 'more conflict')}: 'storytrace claims --db {db} --conflicts-only' lists them all",
             first="  ", indent="      ")
    where = f" and written to {out}" if out and out != "-" else ""
    echo(f"dossier stored in {db}{where}")


def _latest_dossier(db: str, *, as_json: bool) -> dict[str, Any]:
    """The latest analysis, or the error ``report`` and ``serve`` give (E304 on a store never analysed)."""
    from .report import load_dossier

    try:
        return load_dossier(db)
    except StorytraceError as error:
        _fail(error, as_json=as_json)


#: Fewer columns than this left for an article's title in ``stories``: the title goes on lines of its own.
_STORY_LABEL_ROOM = 50


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON (dossier shape).")
def stories(db: str, as_json: bool) -> None:
    """List the stories of the latest analysis: articles, outlets and independent origins."""
    dossier = _latest_dossier(db, as_json=as_json)
    if as_json:
        click.echo(json.dumps(dossier["stories"], ensure_ascii=False, indent=1))
        return
    from .report.view import DossierIndex, counted, show_controls, story_summary

    index = DossierIndex.build(dossier)
    width = _terminal_width()
    for number, story in enumerate(dossier["stories"]):
        if number:
            click.echo()
        summary = story_summary(index, story)
        origins = set(summary["origins"])
        click.echo(_wrap(f"{story['id']}  {summary['title']}", width, indent="    "))
        marked = " (marked *)" if origins and len(story["articles"]) > 1 else ""
        click.echo(_wrap(f"{counted(len(story['articles']), 'article')}, "
                         f"{counted(summary['independent_origins'], 'independent origin')}{marked}",
                         width, first="    ", indent="    "))
        ids = [str(a) for a in story["articles"]]
        id_width = max((len(a) for a in ids), default=0)
        outlets = {a: _shorten_label(index.outlet(a), 24) for a in ids}
        outlet_width = max((len(o) for o in outlets.values()), default=0)
        for article_id in ids:
            article = index.articles.get(article_id, {})
            mark = "*" if article_id in origins and marked else " "
            lead = (f"  {mark} {article_id:>{id_width}}  {article.get('published') or 'undated':10}  "
                    f"{outlets[article_id]:{outlet_width}}  ")
            room = width - len(lead)
            label = index.article_label(article_id)
            if room >= _STORY_LABEL_ROOM:  # one line per article: the label cut to what is left of it
                click.echo(show_controls(lead + _shorten(label, room)))
            else:  # a narrow terminal: the label on its own lines below
                click.echo(show_controls(lead.rstrip()))
                click.echo(_wrap(label, width, first=" " * 8, indent=" " * 8))


@main.command()
@db_option
@click.option("--story", help="Only claims printed in this story's articles (e.g. s1 or 1).")
@click.option("--conflicts-only", is_flag=True, help="Only claims with a speaker, value or wording conflict.")
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON (dossier shape).")
def claims(db: str, story: str | None, conflicts_only: bool, as_json: bool) -> None:
    """List claims printed by several articles: who printed each, independent origins, conflicts."""
    from .report import resolve_story_id

    dossier = _latest_dossier(db, as_json=as_json)
    try:
        story = resolve_story_id(dossier, story) if story is not None else None
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    rows = [
        c for c in dossier["claims"]
        if (story is None or _printed_in(c, story, dossier)) and (not conflicts_only or c["conflicts"])
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from .report.view import DossierIndex

    index = DossierIndex.build(dossier)
    width = _terminal_width()
    for number, claim in enumerate(rows):
        if number:
            click.echo()
        _print_claim(claim, index, width)
    if not rows:
        click.echo("no claims" + (" with conflicts" if conflicts_only else ""))


def _printed_in(claim: dict[str, Any], story_id: str, dossier: dict[str, Any]) -> bool:
    """Whether an article of the story prints the claim. A quote is matched across the whole pile, so a
    claim filed under one story (its ``story``) can be printed in another too; ``report --story`` and the
    story's web page list it under both, and so does ``claims --story``."""
    members = {str(a) for s in dossier.get("stories") or [] if s.get("id") == story_id for a in s.get("articles") or []}
    return claim.get("story") == story_id or bool(members & {str(a) for a in claim.get("articles") or []})


@main.command()
@db_option
@click.option("--article", "article", callback=lambda c, p, v: None if v is None else _article_id(c, p, v),
              help="Only the quotes of this article (a2, A2 or 2).")
@click.option("--story", help="Only the quotes of this story's articles (e.g. s1 or 1).")
@click.option("--speaker", help="Only quotes of this speaker: a name or alias of an entity (any spelling the pile "
                                "uses: 'Zelensky' finds 'Zelenskyy'), else words of the speaker as printed.")
@click.option("--direct-only", is_flag=True, help="Only direct quotes (in quotation marks), not reported speech.")
@click.option("--json", "as_json", is_flag=True, help="Print the quotes as JSON (dossier shape).")
def quotes(db: str, article: int | None, story: str | None, speaker: str | None, direct_only: bool,
           as_json: bool) -> None:
    """List who said what: every quote and reported statement of the latest analysis, article by article.

    \b
    Each line gives the speaker (with a title when printed), the cue ("said", "according to"),
    the channel when the article names one ("told Reuters"), whether the words are a direct
    quote or reported speech, and the words. --speaker matches through the entity index, so
    every spelling of one person is found, and also the speaker as printed ("the ministry").
    """
    from .report import resolve_story_id
    from .report.view import DossierIndex

    dossier = _latest_dossier(db, as_json=as_json)
    index = DossierIndex.build(dossier)
    try:
        wanted_story = resolve_story_id(dossier, story) if story is not None else None
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    wanted_article = None if article is None else f"a{article}"
    if wanted_article is not None and wanted_article not in index.articles:
        _fail(UsageError(f"no article {wanted_article} in the latest analysis",
                         hint="'storytrace articles' lists the stored articles"), as_json=as_json)
    in_story = None if wanted_story is None else {str(a) for a in index.stories[wanted_story].get("articles") or []}
    matches_speaker = _speaker_filter(index, speaker) if speaker is not None else None
    rows = [
        q for q in dossier.get("quotes") or []
        if (wanted_article is None or q.get("article") == wanted_article)
        and (in_story is None or q.get("article") in in_story)
        and (not direct_only or q.get("direct"))
        and (matches_speaker is None or matches_speaker(q))
    ]
    rows.sort(key=lambda q: (_id_number(q.get("article")), (q.get("span") or [0])[0]))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    width = _terminal_width()
    shown_article = None
    for quote in rows:
        article_id = str(quote.get("article"))
        if article_id != shown_article:
            if shown_article is not None:
                click.echo()
            record = index.articles.get(article_id, {})
            click.echo(_wrap(f"{article_id}  {index.outlet(article_id)}  {record.get('published') or 'undated'}  "
                             f"{index.article_label(article_id)}", width, indent="    "))
            shown_article = article_id
        click.echo(_wrap(_quote_line(quote), width, first="    ", indent="      "))
    if rows:
        articles = len({q.get("article") for q in rows})
        click.echo()
        click.echo(f"{len(rows)} quote{'' if len(rows) == 1 else 's'} in {articles} article{'' if articles == 1 else 's'}")
    else:
        click.echo("no quotes" + (f" of a speaker matching {speaker!r}" if speaker is not None else ""))


def _id_number(identifier: object) -> int:
    digits = re.sub(r"\D", "", str(identifier or ""))
    return int(digits) if digits else 0


def _quote_line(quote: dict[str, Any]) -> str:
    """One quote as ``quotes`` prints it: speaker (title, entity), cue, channel, kind, then the words."""
    speaker = quote.get("speaker")
    who = " ".join(str(part) for part in (quote.get("speaker_title"), speaker) if part) if speaker else "speaker not named"
    if quote.get("speaker_entity"):
        who += f" [{quote['speaker_entity']}]"
    how = [str(quote["cue"])] if quote.get("cue") else []
    if quote.get("channel"):
        how.append(f"via {quote['channel']}")
    how.append("direct" if quote.get("direct") else "reported")
    words = str(quote.get("text") or "")
    if quote.get("direct"):  # the speaker's words: the writer's attribution inside one quotation as " […] "
        from .compare.dossier import spoken_words

        words = spoken_words(words)
    words = _shorten(words, _CLAIM_TEXT_CHARS)
    return f"{who} ({', '.join(how)}): " + (f"“{words}”" if quote.get("direct") else words)


def _speaker_filter(index: Any, name: str) -> Callable[[dict[str, Any]], bool]:
    """A test of a quote's speaker against a name a user typed: the entity whose name or alias it is
    (any spelling of that actor), else the words of the speaker as printed (case and "the" ignored)."""
    from .report.view import _name_key

    key = _name_key(name)
    entities = {index.entity_of_name[key]} if key in index.entity_of_name else set()
    words = key.split()

    def test(quote: dict[str, Any]) -> bool:
        if quote.get("speaker_entity") in entities:
            return True
        printed = _name_key(" ".join(str(p) for p in (quote.get("speaker_title"), quote.get("speaker")) if p))
        return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", printed) for w in words)

    return test


#: Longest claim text ``claims`` prints (then cut at a word boundary, with "…"): about three lines.
_CLAIM_TEXT_CHARS = 240


def _print_claim(claim: dict[str, Any], index: Any, width: int) -> None:
    """One claim: its text, then each printing (article, outlet, speaker or figure as printed), then
    each conflict with its detail, wrapped to ``width`` columns."""
    from .report.view import counted

    members = [str(m) for m in claim.get("members") or []]
    text = claim.get("text") or next((index.member(m).get("text") for m in members if index.member(m).get("text")), "")
    origins = claim.get("independent_origins")
    first_seen = claim.get("first_seen") or "unknown"
    note = f" ({claim['first_seen_note']})" if claim.get("first_seen_note") else ""
    click.echo(_wrap(f"{claim['id']}  {claim.get('kind') or 'claim'}, "
                     + (counted(origins, "independent origin") if isinstance(origins, int) else "independent origins unknown")
                     + f"; first seen: {first_seen}{note}", width, indent="    "))
    click.echo(_wrap(_shorten(str(text), _CLAIM_TEXT_CHARS), width, first="    ", indent="    "))
    printed: list[tuple[str, str]] = []
    cues: dict[tuple[str, str], list[str]] = {}  # (article, speaker) → cues: one line per speaker and article
    for member in members:
        record = index.member(member)
        article = str(record.get("article") or "")
        if not article:
            continue
        if member in index.quotes:
            speaker = record.get("speaker")
            key = (article, f"{speaker}" if speaker else "speaker not named")
            if key not in cues:
                cues[key] = []
                printed.append(key)
            if record.get("cue") and record["cue"] not in cues[key]:
                cues[key].append(str(record["cue"]))
        else:
            printed.append((article, f"“{_shorten(str(record.get('text') or ''), 80)}”"))
    printed = [(a, f"{what} ({', '.join(cues[(a, what)])})" if cues.get((a, what)) else what)
               for a, what in dict.fromkeys(printed)]  # the parts of one interrupted quotation, once
    shown = {article for article, _ in printed}
    printed += [(str(a), "") for a in claim.get("articles") or [] if str(a) not in shown]
    label = max((len(a) for a, _ in printed), default=0)
    for article, what in printed:
        line = f"{article:>{label}}  {index.outlet(article)}" + (f": {what}" if what else "")
        click.echo(_wrap(line, width, first="      ", indent="      " + " " * (label + 2)))
    for conflict in claim.get("conflicts") or []:
        click.echo(_wrap(f"{conflict.get('kind') or 'a'} conflict: {conflict.get('detail') or 'no detail given'}",
                         width, first="    ", indent="      "))


def _terminal_width() -> int:
    """Columns to wrap to: $COLUMNS, else the terminal's width, else (output to a file or a pipe) 100."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(40, int(columns))
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return 100


def _shorten_label(label: str, limit: int) -> str:
    """A label cut to ``limit`` characters; a bracketed file name keeps its closing bracket
    ("[000_c224efd6a67e8e…]")."""
    if len(label) <= limit:
        return label
    if label.startswith("[") and label.endswith("]"):
        return label[: limit - 2] + "…]"
    return label[: limit - 1] + "…"


def _shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary before ``limit`` characters with "…" when longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


_TABLE_MIN_WIDTH = 120
"""Columns below which ``articles`` and ``reuse`` print one block per row instead of a table."""


def _wrap(text: str, width: int, *, first: str = "", indent: str = "") -> str:
    """``text`` wrapped to ``width`` columns, the first line starting with ``first``, the others with ``indent``;
    bidirectional controls of article text are shown, not obeyed (they would reorder the terminal line)."""
    import textwrap

    from .report.view import show_controls

    return textwrap.fill(show_controls(text), width=width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of entities (dossier shape).")
@click.option("--aliases", "aliases_path", type=click.Path(), help="YAML alias file: add or split aliases.")
@click.option("--type", "entity_type", help="Only entities of this type (PERSON, ORG, GPE, NORP …).")
def entities(db: str, as_json: bool, aliases_path: str | None, entity_type: str | None) -> None:
    """List the entities of the pile with their aliases and the articles that mention them.

    \b
    "UN", "U.N." and "United Nations" are one entity; so are "Zelensky" and "Zelenskyy", a
    surname and the full name, and names an article declares equal ("X, also known as Y").
    After 'analyze' the list is the latest analysis's (the ids of the dossier, the report and
    the quotes' speaker_entity); with --aliases, or before any analysis, the entities are
    resolved afresh from the stored articles (their ids then number that list only).
    """
    from .claims.aliases import ENTITY_TYPES, load_aliases
    from .claims.entities import extract_mentions_many, resolve_entities
    from .compare.dossier import outlet_names
    from .errors import NoAnalysisError
    from .report import load_dossier
    from .store import Store

    if entity_type is not None and entity_type.upper() not in ENTITY_TYPES:
        raise click.BadParameter(f"{entity_type!r} is not an entity type; use one of {', '.join(ENTITY_TYPES)}",
                                 param_hint="'--type'")
    payload: list[dict[str, Any]] = []
    analysed: dict[str, Any] | None = None
    stories: dict[int, int] | None = None
    try:
        table = load_aliases(aliases_path) if aliases_path else None
        try:
            last = load_dossier(db)
        except NoAnalysisError:
            last = None
        if table is None:
            analysed = last
        elif last is not None:  # resolved afresh, within the last analysis's stories as analyze does
            stories = {int(article[1:]): number for number, story in enumerate(last.get("stories", []))
                       for article in story.get("articles", []) if article[1:].isdigit()}
        if analysed is not None:
            payload = [
                {"id": e["id"], "name": e["name"], "type": e["type"], "aliases": list(e.get("aliases", [])),
                 "articles": list(e.get("articles", [])), "mentions": e.get("mentions", len(e.get("articles", [])))}
                for e in analysed.get("entities", [])
            ]
        else:
            with Store.open(db, create=False, read_only=True) as store:
                rows = [a for a in store.articles() if a.id is not None]
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if analysed is None:
        from .language import detect_language, is_english

        # names are read in English (or undetermined) articles only, as by analyze
        texts = {a.id: a.text for a in rows if a.id is not None and is_english(detect_language(a.text))}
        found = extract_mentions_many(list(texts.values()))
        result = resolve_entities(dict(zip(texts, found, strict=True)), texts, table, outlets=outlet_names(rows),
                                  stories=stories)
        payload = [
            {"id": f"e{number}", "name": e.name, "type": e.type, "aliases": list(e.aliases),
             "articles": [f"a{a}" for a in sorted({a for a, _ in e.mentions})], "mentions": len(e.mentions)}
            # the dossier's order (compare.dossier): printed in the most articles first, then by name
            for number, e in enumerate(sorted(result, key=lambda e: (-len({a for a, _ in e.mentions}),
                                                                     e.name.casefold(), e.type)), 1)
        ]
    if entity_type:
        payload = [e for e in payload if e["type"] == entity_type.upper()]
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    width = _terminal_width()
    for item in payload:
        aliases = f"  aka {'; '.join(item['aliases'])}" if item["aliases"] else ""
        click.echo(_wrap(f"{item['id']:>5}  {item['type']:<8} {item['name']}{aliases}", width, indent=" " * 16))
        mentions = f"{item['mentions']} mention{'' if item['mentions'] == 1 else 's'}"
        click.echo(_wrap(f"{mentions} in {', '.join(item['articles'])}", width,
                         first="       ", indent="         "))
    if not payload:
        click.echo("no entities")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "markdown", "json"]), default=None,
              help="html: one self-contained offline file; md (or markdown): Markdown; json: the dossier with its "
                   "views. Default: from the --out file's extension (.md/.markdown, .json), else html.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="File to write ('-': stdout).")
@click.option("--story", "story", help="Only this story (e.g. s3 or 3): its articles, reuse, claims, entities.")
def report(db: str, fmt: str | None, out: str, story: str | None) -> None:
    """Write the dossier of the latest analysis as a report to share.

    \b
    Per story: summary (articles, outlets, independent origins), timeline by outlet, derivation
    graph with origins highlighted, claim × outlet matrix with conflicts, quotes by speaker,
    numbers side by side, the aligned passages of each reuse pair with differences marked, and
    an entity index. The HTML file inlines its CSS and SVG and loads nothing.
    """
    from .report import load_dossier, render, story_subset

    if fmt is None:  # "--out dossier.md" writes Markdown, not HTML under a .md name
        suffix = Path(out).suffix.casefold()
        fmt = {".md": "md", ".markdown": "md", ".json": "json"}.get(suffix, "html")
    fmt = "md" if fmt == "markdown" else fmt
    try:
        target = _output_target(out) if out != "-" else None
        dossier = load_dossier(db)
        text = render(story_subset(dossier, story) if story is not None else dossier, fmt)
        if target is not None:
            _write_output(target, text)
    except StorytraceError as error:
        _fail(error)
    if target is None:
        click.echo(text)
        return
    click.echo(f"wrote {target} ({len(text.encode()):,} bytes, {fmt})")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-writes", is_flag=True, help="Enable POST /api/ingest (off by default; needs --token).")
@click.option("--token", envvar="STORYTRACE_TOKEN", help="Bearer token for write endpoints (env STORYTRACE_TOKEN).")
@click.option("--max-body", default="5MB", show_default=True, help="Largest request body accepted.")
def serve(db: str, host: str, port: int, allow_writes: bool, token: str | None, max_body: str) -> None:
    """Browse the latest analysis in a web browser (and as JSON: add .json to any page's path).

    \b
    Pages: / (stories), /stories/ID, /articles/ID, /pairs/SOURCE/TARGET, /claims, /claims/ID,
    /entities, /entities/ID, /search?q=…; the HTTP API is described at /docs and /openapi.json.
    """
    from .report import load_dossier
    from .web import WebOptions, listen
    from .web import serve as run_server

    max_body_bytes = _parse_size(max_body, "--max-body")  # a usage mistake is said before the store is opened
    try:
        load_dossier(db)  # fail early, with the hint to analyse first
        options = WebOptions(allow_writes=allow_writes, token=token, max_body_bytes=max_body_bytes,
                             allowed_hosts=WebOptions.hosts_for(host))
        listener = listen(host, port)  # a busy port fails here, before "serving" is printed
    except StorytraceError as error:
        _fail(error)
    bound_port = int(listener.getsockname()[1])
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"storytrace: serving {db} on http://{shown}:{bound_port}/ (Ctrl-C to stop)")
    run_server(db, host=host, port=bound_port, options=options, listener=listener)


@main.group(name="batch")
def batch_group() -> None:
    """Run the pipeline on a Dask cluster, checkpointed to Parquet (docs/batch.md)."""


@batch_group.command(name="run")
@click.option("--input", "inputs", required=True, multiple=True,
              help="File, folder, glob or fsspec URL (JSONL/CSV, WARC, text/HTML); repeat for more.")
@click.option("--output", "output", required=True, type=click.Path(file_okay=False), help="Folder for the checkpoints.")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:8786); default: a local cluster.")
@click.option("--stop-after", type=click.Choice(["ingest", "normalize", "candidates", "reuse", "claims"]),
              default="claims", show_default=True, help="Last stage to run.")
@click.option("--workers", default=0, show_default=True, type=click.IntRange(min=0),
              help="Local cluster: worker processes (1 thread each); 0 = one per core.")
@click.option("--partition-size", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Documents per partition.")
@click.option("--no-paraphrase", is_flag=True, help="Skip the paraphrase layer (sentence embeddings) for every pair.")
@paraphrase_encoder_option
@click.option("--max-size", default="20MB", show_default=True, help="Size cap per input file (WARC: per record).")
@table_field_options
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def batch_run(inputs: tuple[str, ...], output: str, scheduler: str | None, stop_after: str, workers: int,
              partition_size: int, no_paraphrase: bool, paraphrase_encoder: str, max_size: str, quiet: bool,
              as_json: bool, **fields: str | None) -> None:
    """Ingest → normalize → candidates → reuse → claims over partitions; finished stages are skipped."""
    from .batch import BatchOptions, expand_inputs, run_batch, start_client, stop_client
    from .batch.display import dashboard_line, stage_progress, summary_lines
    from .reuse.pairs import ReuseOptions

    show = not quiet and not as_json
    try:
        from .settings import IngestOptions

        if inputs:
            expand_inputs(inputs)  # a mistyped path or a glob matching nothing fails before a cluster starts

        from .settings import TableFields

        columns = TableFields(**{name.removesuffix("_field"): value for name, value in fields.items()})
        options = BatchOptions(partition_size=partition_size, stop_after=stop_after,
                               ingest=IngestOptions(max_bytes=_parse_size(max_size), fields=columns),
                               reuse=ReuseOptions(paraphrase=not no_paraphrase,
                                                  paraphrase_encoder=paraphrase_encoder))
        client = start_client(scheduler, workers=workers)
        try:
            if show:
                click.echo(dashboard_line(client), err=True)
            with stage_progress(show) as progress:
                summary = run_batch(inputs, output, client=client, options=options, progress=progress)
        finally:
            stop_client(client)
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    elif not quiet:
        for line in summary_lines(summary):
            click.echo(line)


@batch_group.command(name="load")
@click.argument("folder", type=click.Path(file_okay=False))
@db_option
@click.option(
    "--aliases", type=click.Path(exists=True, dir_okay=False), help="YAML alias file (see docs/claims.md)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def batch_load(folder: str, db: str, aliases: str | None, as_json: bool) -> None:
    """Bring a batch job's articles, reuse pairs and claims into a store (a dossier for reports)."""
    from .batch import load_batch
    from .store import Store

    try:
        alias_table = None
        if aliases:
            from .claims.entities import load_aliases

            alias_table = load_aliases(aliases)
        with Store.open(db) as store:
            summary = load_batch(folder, store, aliases=alias_table)
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    else:
        click.echo(f"{summary.articles:,} articles ({summary.new:,} new), {summary.pairs:,} reuse pairs, "
                   f"{summary.rejections:,} rejections; claims {'loaded' if summary.claims else 'not run'}; "
                   f"analysis {summary.analysis} saved in {db}")


@main.group(name="eval")
def eval_group() -> None:
    """Score storytrace on a benchmark (see EVAL.md): one JSON object with --json.

    A record the data set cannot use (a missing field, an empty body, an unreadable file …) is left out
    and counted: skipped_items in the result, with the first five in skipped_examples. Only a folder
    that is not the benchmark's, or one with nothing usable left, is an error (E401).
    """


@eval_group.command(name="aeb")
@click.option("--data", "data_dir", required=True, help="Folder with html/<id>.html.gz and ground-truth.json.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_aeb(data_dir: str, as_json: bool) -> None:
    """Article-extraction benchmark: body text vs gold, 4-shingle precision/recall/F1.

    A page without a gold body or a saved file, or whose file is truncated, empty or binary, is
    skipped and counted (skipped_items); a page the extractor finds no article in scores zero.
    """
    from .eval.aeb import evaluate_aeb

    _run_eval(lambda progress: evaluate_aeb(data_dir, progress=progress), as_json=as_json)


@eval_group.command(name="basil")
@click.option("--data", "data_dir", required=True, help="BASIL folder with articles/<year>/ and annotations/<year>/.")
@click.option("--part", type=click.Choice(["quotes", "stories", "all"]), default="all", show_default=True,
              help="Which part to score: quotes and speakers, story clustering, or both.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_basil(data_dir: str, part: str, as_json: bool) -> None:
    """BASIL: quote recall and speaker accuracy; story clustering (B-cubed).

    An article that is not readable JSON or has no body, an unreadable annotation file and a gold
    quote that is not in its text are skipped and counted (skipped_items).
    """
    from .eval.basil import evaluate_basil

    _run_eval(lambda progress: evaluate_basil(data_dir, part=part, progress=progress), as_json=as_json)


@eval_group.command(name="allsides")
@click.option("--data", "data_dir", required=True, help="Folder with AllSides roundups as *.jsonl.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_allsides(data_dir: str, as_json: bool) -> None:
    """AllSides roundups: story clustering of all their articles (B-cubed).

    A line that is not JSON or has no news object, and an article with neither title nor text, is
    skipped and counted (skipped_items).
    """
    from .eval.allsides import evaluate_allsides

    _run_eval(lambda progress: evaluate_allsides(data_dir, progress=progress), as_json=as_json)


@eval_group.command(name="uci_news")
@click.option("--data", "data_dir", required=True, help="Folder with the UCI News Aggregator *.csv.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_uci_news(data_dir: str, as_json: bool) -> None:
    """UCI News Aggregator: story clustering of headlines (B-cubed).

    A row whose fields do not line up with the header, or without a title or a story, is skipped and
    counted (skipped_items); column names are matched whatever their case.
    """
    from .eval.uci_news import evaluate_uci_news

    _run_eval(lambda progress: evaluate_uci_news(data_dir, progress=progress), as_json=as_json)


@eval_group.command(name="meter")
@click.option("--data", "data_dir", required=True, help="Folder with pairs.jsonl, PA/ and newspapers/.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_meter(data_dir: str, as_json: bool) -> None:
    """METER: wholly / partially / non-derived newspaper stories vs their Press Association sources.

    A row of pairs.jsonl that is not JSON, has an unknown label or names a missing or empty file is
    skipped and counted (skipped_items).
    """
    from .eval.meter import evaluate_meter

    _run_eval(lambda progress: evaluate_meter(data_dir, progress=progress), as_json=as_json)


@eval_group.command(name="newsquant")
@click.option("--data", "data_dir", required=True, help="Folder with NewsQuant.json.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_newsquant(data_dir: str, as_json: bool) -> None:
    """NewsQuant: quantities in news sentences, value precision/recall/F1 and qualifier accuracy.

    An entry without text or with unreadable gold quantities is skipped and counted (skipped_items);
    a file cut short is scored on the entries before the cut.
    """
    from .eval.newsquant import evaluate_newsquant

    _run_eval(lambda progress: evaluate_newsquant(data_dir, progress=progress), as_json=as_json)


@eval_group.command(name="polnear")
@click.option("--data", "data_dir", required=True, help="PolNeAR folder with <split>/text and <split>/attributions.")
@click.option("--split", default=None, show_default="dev, or test when there is no dev/",
              help="Which split to score (an explicit one is required to exist).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_polnear(data_dir: str, split: str | None, as_json: bool) -> None:
    """PolNeAR: attribution source, cue and content spans found by the quote extractor.

    Without --split: dev, or test in a folder that has no dev/ (the result's split says which). An
    article without an annotation file, with an unreadable one, or whose offsets do not fit its text
    is skipped and counted (skipped_items).
    """
    from .eval.polnear import evaluate_polnear

    _run_eval(lambda progress: evaluate_polnear(data_dir, split=split, progress=progress), as_json=as_json)


@eval_group.command(name="all")
@click.option("--data", "data_root", required=True,
              help="The shared data folder holding aeb/, allsides_roundups/, basil/, meter/, newsquant/, polnear/ "
                   "and uci_news/.")
@click.option("--only", multiple=True, type=click.Choice(["aeb", "meter", "polnear", "newsquant", "basil", "allsides",
                                                          "uci_news"]),
              help="Run only this evaluation (repeat for several).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
def eval_all(data_root: str, only: tuple[str, ...], as_json: bool) -> None:
    """Every benchmark in one run: each acceptance figure next to its goal (PolNeAR on its dev split,
    or test where there is no dev/).

    \b
    Runs aeb, meter, polnear, newsquant, basil, allsides and uci_news on their folders under --data
    (a missing folder is skipped and said so), then prints one row per goal of the issues: the
    figure, the goal, and whether it is met. Records a data set cannot use are left out and counted
    (skipped_items in each result). An evaluation that fails is reported under "failed" (code,
    message, hint) and its goals as not measured; the others still run, and the command exits 1 at
    the end. Takes under a minute on two cores.
    """
    from .eval.goals import EVALS, goal_rows

    if not Path(data_root).is_dir():
        _fail(UsageError(f"no folder {data_root}", hint="give the shared data folder, e.g. --data ../shared/data"),
              as_json=as_json)
    results: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    skipped: dict[str, str] = {}
    failed: dict[str, dict[str, str | None]] = {}
    for name, (folder_name, run) in EVALS.items():
        if only and name not in only:
            continue
        folder = Path(data_root) / folder_name
        if not folder.is_dir():
            skipped[name] = f"no folder {folder}"
            continue
        started = time.perf_counter()
        error = _run_one_eval(name, lambda update, run=run, folder=folder: run(folder, update), results)
        seconds[name] = round(time.perf_counter() - started, 1)
        if error is not None:
            failed[name] = error.as_dict()
        if not as_json:
            click.echo(f"{name}: {'failed' if error else 'done'} in {seconds[name]:.1f} s", err=True)
    rows = goal_rows(results, skipped, failed)
    if as_json:
        click.echo(json.dumps({"data": data_root, "results": results, "seconds": seconds, "skipped": skipped,
                               "failed": failed, "goals": rows}))
    else:
        _print_eval_all(results, skipped, failed, rows)
    if failed:
        sys.exit(1)


def _run_one_eval(name: str, work: Any, results: dict[str, Any]) -> StorytraceError | None:
    """Run one evaluation of ``eval all`` into ``results``; its error, if it failed, instead of stopping
    the run: one unusable folder of a held-out half must not cost the figures of the others."""
    from .errors import EvalError

    try:
        results[name] = _with_progress(work, enabled=True, stage=f"eval {name}")
    except StorytraceError as error:
        return error
    except Exception as error:  # noqa: BLE001 - a crash is reported as this evaluation's failure, with its type
        return EvalError(f"eval {name} crashed: {type(error).__name__}: {error}",
                         hint=f"a storytrace bug, not the data: 'storytrace eval {name}' shows the traceback")
    return None


def _print_eval_all(results: dict[str, Any], skipped: dict[str, str], failed: dict[str, dict[str, str | None]],
                    rows: list[dict[str, Any]]) -> None:
    click.echo(f"{'eval':<10} {'metric':<20} {'figure':>7}  {'goal':>6}  {'met':<4} issue")
    for row in rows:
        figure = "—" if row["figure"] is None else f"{row['figure']:.4f}"
        met = "—" if row["met"] is None else ("yes" if row["met"] else "no")
        click.echo(f"{row['eval']:<10} {row['metric']:<20} {figure:>7}  ≥ {row['goal']:.2f}  {met:<4} #{row['issue']}")
    for name, why in skipped.items():
        click.echo(f"{name}: skipped ({why})")
    for name, result in results.items():
        _echo_skipped_items(result, prefix=f"{name}: ")
    for name, error in failed.items():
        hint = f" ({error['hint']})" if error.get("hint") else ""
        click.echo(f"{name}: failed [{error['code']}] {error['message']}{hint}; its goals are not measured")
    met_count = sum(1 for row in rows if row["met"])
    click.echo(f"{met_count} of {len(rows)} goals met")


def _echo_skipped_items(result: dict[str, Any], *, prefix: str = "") -> None:
    """Say how many records of the data were left out, and the first few, so a figure on less data is seen."""
    count = result.get("skipped_items") or 0
    if count:
        click.echo(f"{prefix}{count} item{'s' if count != 1 else ''} of the data skipped:")
        for example in result.get("skipped_examples") or []:
            click.echo(f"  {example}")


def _run_eval(work: Any, *, as_json: bool) -> None:
    try:
        result = _with_progress(work, enabled=True, stage="eval")
    except StorytraceError as error:
        _fail(error, as_json=as_json)
    except UsageError as error:  # pragma: no cover - covered by StorytraceError
        _fail(error, as_json=as_json)
    if as_json:
        click.echo(json.dumps(result))
    else:
        width = max((len(key) for key in result), default=0)
        for key, value in result.items():
            if isinstance(value, float):
                click.echo(f"{key:>{width}}: {value:.4f}")
            elif not isinstance(value, (list, dict)):
                click.echo(f"{key:>{width}}: {value}")
        _echo_speakers_by_gold(result.get("speaker_by_gold"))
        _echo_skipped_items(result)


def _echo_speakers_by_gold(tallies: Any) -> None:
    """BASIL's speakers right out of found, per gold speaker label, the labels with misses first."""
    if not isinstance(tallies, dict) or not tallies:
        return
    click.echo("speakers right / found, by gold speaker:")
    order = sorted(tallies.items(), key=lambda item: (item[1]["right"] - item[1]["found"], item[0].casefold()))
    for label, tally in order:
        click.echo(f"  {tally['right']:>3} / {tally['found']:<3} {label}")


if __name__ == "__main__":  # pragma: no cover
    main()
