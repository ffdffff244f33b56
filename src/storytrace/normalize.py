"""RawDocument → Article: clean text, title, byline, dateline, date, outlet, credits, furniture.

The same normalizer runs on every input, so a plain-text paste comes out as clean as a page
that went through trafilatura. Stages, in order:

1. clean characters (NFC, NUL and control characters, non-breaking and zero-width spaces); a
   YAML front matter block (``---`` … ``---``) at the top of a text or markdown file leaves the
   text (its fields came in as the document's hints, see :func:`read_front_matter`);
2. split into units (paragraph candidates): blank-line blocks, with hard-wrapped lines joined
   and markdown line breaks kept; markdown markup reduced to its text;
3. header: title, byline, outlet/date lines, translator credits, widgets and render timestamps;
4. everywhere: credit lines, page furniture (share widgets, prompts, disclaimers, image credits,
   captions repeated twice, link-only lines), and a trailing block of related links and tags;
5. paragraphs broken in two by a stray blank line are joined again;
6. clean text = body paragraphs joined by a blank line; offsets into it are what later stages cite.

Nothing removed is lost: :attr:`Article.removed` lists each piece with why, and
:attr:`Article.raw` keeps the input as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from .dates import ParsedDate, find_date, parse_iso_datetime, place_yearless_date
from .models import Article, Credit, RawDocument, Removed

__all__ = [
    "NORMALIZER_VERSION", "WIRE_NAMES", "FrontMatter", "content_hash", "count_words", "normalize", "party_key",
    "read_front_matter",
]

#: Bump when the normalizer's output changes, so stores can tell stale rows (``--force``).
#: 2: a YAML front matter block leaves the text.
#: 3: a wire or network named in the byline ("By AMIR VERA, CNN"), a "(CNN) -" opener without a
#: place and a copyright "by" its holder ("Copyright 2018 by CNN NewSource") are credits.
#: 4: printed clocks before the date or after a "/" or "|" and printed time zones are read
#: ("Posted: 7:37 PM, May 30, 2019", "1:52 pm CDT" → ``published_time`` with its UTC offset); see the
#: branch fix-normalize-dates for the header lines and furniture that changed with it.
#: 5: a given title that is a row of share buttons or a photo caption is not the title.
#: 6: a byline run together with the date line below it ("By Ann Lee 12 March 2024", as markdown
#: joins two header lines) gives both, not an outlet "By Ann Lee".
#: 7: a publication's name alone above the date line ("Coastal News Online") is the outlet.
#: 8: a title read from the text itself is held to the same test as a given one (no share buttons, no caption).
#: 9: a table's date column later than the date the article prints is not its publication date; titles
#: lose the site's name ("… | TheHill") and HTML escapes; bylines from markup or author columns keep the
#: names (no "By", roles, slogans); author bios, comment rules, trailing links, contributor lines and
#: labelled teasers ("Headline: …") leave the body; a credit's web address names its site.
#: 10: opinion/letters headers (section label, label explainer, bio, credited caption) leave the body; dated datelines,
#: source-and-date lines and yearless dates placed against a table's date column are read.
#: 11: a repost's "By X / Outlet", "written by X and originally published at Y", "Contributed by X of Y" lines credit Y, X beats the given byline.
#: 12: a date printed without its year is placed against when the page was fetched (WARC record date, table
#: column named by --fetched-field or fetched_at, scraped_at, scrape_time …), never read as its publication.
#: 13: a numeric header date of unknown day/month order ("06/01/2018") is read against when the page was fetched
#: (or a table's date column) when one reading falls on that day or the day before.
#: 14: a header line of only such a date that nothing settles leaves the body (it is kept in `removed`).
#: 15: on a page of no known outlet, "By Ann Lee, Harbour Gazette" names the page's outlet (byline "Ann Lee").
#: 16: paragraphs are not joined across a title, byline, credit or date line; headlines under a "Related stories" label go with it;
#:     a photo gallery's counters, folded captions ("… less") and the title printed again in the body leave it.
#: 19: markdown list items stay lines of their own; a paywall's offer under a teaser ("Get unlimited access for $1 a
#:     week.") leaves the text; a page with no <title> and no <h1> takes its only <h2> as title.
NORMALIZER_VERSION = 19

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_TERMINAL = ".!?…:;\"”’')»"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def content_hash(raw: str) -> str:
    """sha256 of the input with line endings and outer whitespace normalised: re-ingesting the same
    content (also re-saved with CRLF line ends) is recognised as a no-op."""
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------------------
# 1. characters

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _clean_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.translate(_ZERO_WIDTH)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# front matter


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatter:
    """The metadata of a YAML front matter block at the top of a text (Jekyll, Hugo, Pandoc …)."""

    end: int
    """Offset just past the closing ``---`` (or ``...``) line in the text it was read from."""
    title: str | None = None
    date: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None


_FRONT_MATTER_KEYS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "publish_date", "published_at", "date_published"),
    "byline": ("author", "authors", "byline"),
    "outlet": ("source", "outlet", "publisher", "site_name"),
    "url": ("url", "link", "canonical_url", "canonical"),
}
# Keys are single words (``Editor's note:`` is not a key), so an ordinary paragraph under a rule
# line is not taken for metadata.
_FRONT_MATTER_KEY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]{0,60})[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*")
_FRONT_MATTER_ITEM = re.compile(r"[ \t]*-[ \t]+(?P<value>.*?)[ \t]*")
_FRONT_MATTER_CHARS = 16_384
_URL_VALUE = re.compile(r"https?://\S+", re.IGNORECASE)


def read_front_matter(text: str) -> FrontMatter | None:
    """A ``---`` line first, ``key: value`` lines (list items and indented lines belong to the key
    above), and a closing ``---`` or ``...`` line within the first 16 KB; else ``None``.

    A simple reader, not YAML: a title holding a colon (``title: Breaking: …``) is read as printed.
    """
    lines = text[:_FRONT_MATTER_CHARS].splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    values: dict[str, list[str]] = {}
    key: str | None = None
    end = len(lines[0])
    for line in lines[1:]:
        end += len(line)
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if stripped in {"---", "..."}:
            return _front_matter(values, end) if values else None
        if not stripped or stripped.startswith("#"):
            continue
        match = _FRONT_MATTER_KEY.fullmatch(content)
        if match:
            key = match.group("key").lower()
            value = _front_matter_scalar(match.group("value") or "")
            values[key] = [] if value in {"", "|", ">", "|-", ">-", "|+", ">+"} else [value]
            continue
        if key is None or not (content[:1] in " \t" or content.startswith("- ")):
            return None  # not a key, not a list item or continuation: not front matter
        item = _FRONT_MATTER_ITEM.fullmatch(content)
        nested = _FRONT_MATTER_KEY.fullmatch(stripped)
        if item:
            values[key].append(_front_matter_scalar(item.group("value")))
        elif nested:  # a nested mapping (author: / name: Jane Roe): only a name is worth keeping
            if nested.group("key").lower() == "name" and nested.group("value"):
                values[key].append(_front_matter_scalar(nested.group("value")))
        else:  # a folded or literal block
            values[key].append(stripped)
    return None


def _front_matter_scalar(value: str) -> str:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_front_matter_scalar(v) for v in value[1:-1].split(",") if v.strip())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value


def _front_matter(values: dict[str, list[str]], end: int) -> FrontMatter:
    def first(field_name: str, *, url: bool = False) -> str | None:
        for name in _FRONT_MATTER_KEYS[field_name]:
            value = ", ".join(v for v in values.get(name, []) if v)
            if field_name == "date" and not any(c.isdigit() for c in value):
                continue  # Jekyll's ``published: false`` marks a draft, it is no date
            if value and bool(_URL_VALUE.fullmatch(value)) == url:
                return value
        return None

    # ``source: https://…`` is where the article came from, not an outlet's name.
    return FrontMatter(end=end, title=first("title"), date=first("date"), byline=first("byline"),
                       outlet=first("outlet"), url=first("url", url=True) or first("outlet", url=True))


# --------------------------------------------------------------------------------------------
# 2. units


@dataclass(slots=True)
class _Unit:
    text: str
    heading: bool = False
    link_only: bool = False
    had_link: bool = False
    image: bool = False
    block: int = 0
    role: str = "body"  # body | removed | title | byline | credit | meta
    why: str = ""


# Size caps inside the markup patterns ({0,1000} rather than *, and no scanning past the next
# opener): an unclosed "![" or "<http://" repeated along one long line made each match attempt
# scan to the end of the line (quadratic time: 40 KB of "![" took 28 s).
_MD_IMAGE = re.compile(r"!\[([^\[\]]{0,1000})\]\([^()\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\[\]]{0,1000})\]\((?:[^()\s]|\([^()]{0,500}\)){0,2000}(?:\s+\"[^\"]{0,500}\")?\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]{1,1000})\]\[[^\[\]]{0,200}\]")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]{1,2000})>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,2000}?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]{1,2000}?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]{1,2000}?)(?<=\S)_(?![\w_])"
)
_MD_CODE = re.compile(r"`([^`]{1,2000})`")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
_MD_SIGNS = re.compile(
    r"(^#{1,6}\s)|\[[^\[\]]{1,1000}\]\([^()]{0,2000}\)|^[ \t]*(?:[-*_][ \t]*){3,}$|\*\*[^*]{1,2000}\*\*", re.MULTILINE
)


_MD_STRONG_SIGN = re.compile(r"^#{1,6}\s+\S|\[[^\[\]\n]{1,1000}\]\((?:https?://|#|/|mailto:)[^()\s]{0,2000}\)", re.MULTILINE)


def _looks_markdown(text: str) -> bool:
    sample = text[:20000]
    return bool(_MD_STRONG_SIGN.search(sample)) or len(_MD_SIGNS.findall(sample)) >= 2


def _strip_markdown(line: str) -> tuple[str, bool, bool, bool]:
    """Markdown line → (text, is_heading, is_link_only, had_link)."""
    heading = False
    match = _MD_HEADING.match(line)
    if match:
        line, heading = match.group(1), True
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    image_only = bool(_MD_IMAGE.fullmatch(line.strip()))
    line = _MD_IMAGE.sub("", line)
    links = _MD_LINK.findall(line) + _MD_REF_LINK.findall(line) + _MD_AUTOLINK.findall(line)
    without_links = _MD_AUTOLINK.sub("", _MD_REF_LINK.sub("", _MD_LINK.sub("", line)))
    link_only = bool(links) and not re.sub(r"[\s,;:|/·•\-–—*_()]+", "", without_links)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_REF_LINK.sub(r"\1", line)
    line = _MD_AUTOLINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    for _ in range(2):
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = line.replace("\\", "") if line.endswith("\\") else line
    return line.strip(), heading, link_only or image_only, bool(links)


#: A markdown list item: a bullet, or a number (an ordered list; within a block of text only "1." starts one,
#: as CommonMark has it, so a line wrapped before "2012. The …" is not an item).
_BULLET_ITEM = re.compile(r"^[-*+•]\s+\S")
_ORDERED_ITEM = re.compile(r"^(\d{1,3})[.)]\s+\S")


def _starts_list_item(text: str, previous: str) -> bool:
    """Whether a markdown line begins a list item rather than continuing the line before it: each item
    of a list stays a line of its own instead of running into one paragraph ("… hospital. - Breach …")."""
    if _BULLET_ITEM.match(text):
        return True
    number = _ORDERED_ITEM.match(text)
    return number is not None and (number.group(1) == "1" or _ORDERED_ITEM.match(previous) is not None)


def _split_units(text: str, *, markdown: bool) -> list[_Unit]:
    units: list[_Unit] = []
    blocks = re.split(r"\n[ \t]*\n", text)
    for block_index, block in enumerate(blocks):
        raw_lines = [line for line in block.split("\n") if line.strip()]
        if not raw_lines:
            continue
        pieces: list[tuple[str, bool, bool, bool]] = []
        for raw_line in raw_lines:
            if markdown:
                if _MD_RULE.match(raw_line) or _MD_SETEXT.match(raw_line):
                    if _MD_SETEXT.match(raw_line) and pieces and "=" in raw_line:
                        text_, _, link_only, had_link = pieces[-1]
                        pieces[-1] = (text_, True, link_only, had_link)
                    continue
                hard_break = raw_line.endswith("  ") or raw_line.endswith("\\")
                stripped = _strip_markdown(raw_line.strip())
                if not stripped[0]:
                    if stripped[2]:
                        pieces.append(("", False, True, True))
                    continue
                pieces.append(stripped)
                if hard_break:
                    pieces.append(("\n", False, False, False))
            else:
                pieces.append((raw_line.strip(), False, False, False))
        if not markdown:
            pieces = [(p[0].rstrip(), *p[1:]) for p in pieces]
        units.extend(_join_block(pieces, block_index, markdown=markdown))
    return units


def _join_block(
    pieces: list[tuple[str, bool, bool, bool]], block_index: int, *, markdown: bool
) -> list[_Unit]:
    """Lines of one blank-line block → units: soft-wrapped lines join, separate lines stay apart."""
    out: list[_Unit] = []
    lines = [p for p in pieces if p[0] != "\n"]
    breaks_after = set()
    index = -1
    for piece in pieces:
        if piece[0] == "\n":
            breaks_after.add(index)
        else:
            index += 1
    longest = max((len(p[0]) for p in lines), default=0)
    # Hard-wrapped plain text: every line but the last close to one wrap width (typically 60–100).
    hard_wrapped = (
        len(lines) >= 3
        and 40 <= longest <= 120
        and all(len(p[0]) >= 0.7 * longest for p in lines[:-1])
    )
    for i, (text, heading, link_only, had_link) in enumerate(lines):
        if not text and link_only:
            out.append(_Unit(text="", link_only=True, had_link=True, block=block_index))
            continue
        previous = out[-1] if out else None
        join = False
        if previous is not None and not previous.heading and not heading and (i - 1) not in breaks_after:
            if markdown:
                join = not previous.link_only and not link_only and not _starts_list_item(text, lines[i - 1][0])
            else:
                unfinished = previous.text[-1:] not in _TERMINAL and text[:1].islower()
                starts_credit = _is_photo_credit(text) or _COPYRIGHT.match(text) is not None
                join = (hard_wrapped or unfinished) and not starts_credit
        if join and previous is not None:
            # A line broken after a hyphen ("forty-" / "six") joins without a space.
            # (only the last two characters are searched: the joined text grows line by line)
            glue = "" if re.search(r"\w-$", previous.text[-2:]) and text[:1].isalnum() else " "
            previous.text = f"{previous.text}{glue}{text}"
            previous.had_link = previous.had_link or had_link
            previous.link_only = False
        else:
            out.append(
                _Unit(text=text, heading=heading, link_only=link_only, had_link=had_link, block=block_index)
            )
    return out


# --------------------------------------------------------------------------------------------
# 3–4. patterns: credits, bylines, furniture

_I = re.IGNORECASE
_NAME = r"(?P<name>[^\n]{2,120}?)"
_END = r"\s*[.!]?\s*(?:Read (?:the )?(?:original|full) (?:article|story|post)(?: here)?\.?)?\s*$"

_CREDIT_PATTERNS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"^(?:The post|This (?:post|article|story)) .{3,400}? appeared first on " + _NAME + _END, _I),
     "originally_published_by", None),
    (re.compile(r"^(?:This|The) (?P<outlet>[^\n]{2,60}?) (?:article|story|post) (?:was|is) "
                r"(?:syndicated|republished|reprinted) (?:from|with permission (?:from|of)) " + _NAME +
                r"(?:,? and (?:was )?written by (?P<byline>[^\n]{2,80}?))?" + _END, _I),
     "syndicated_from", None),
    (re.compile(r"^(?:This (?:article|story|post) (?:was |is )?)?(?:syndicated|republished|reprinted) "
                r"(?:from|with permission (?:from|of)) " + _NAME + _END, _I),
     "syndicated_from", None),
    (re.compile(r"^The original source of this (?:article|story|post) is " + _NAME + _END, _I),
     "originally_published_by", None),
    # a repost naming the author and where the piece first ran ("This article was written by Ann Lee and
    # originally published at Harbour Gazette.", "… originally published by Ann Lee at her Harbour Blog.")
    (re.compile(r"^This (?:article|story|post|piece|column) (?:was|is) (?:written|authored) by "
                r"(?P<byline>[^\n]{2,80}?),? and (?:was )?(?:originally|first) (?:published|posted|appeared) "
                r"(?:on|in|at|by|with) " + _NAME + _END, _I),
     "originally_published_by", None),
    # a piece an outlet or its author supplied ("This article has been contributed by Harbour Gazette. Visit
    # www.harbourgazette.com for …", "Contributed by Ann Lee of www.harbourgazette.com."), or carried on
    # from a site ("Authored by Ann Lee via HarbourGazette.com")
    (re.compile(r"^This (?:article|story|post|piece) (?:has been|was|is) contributed by " + _NAME +
                r"(?:\.\s+Visit [^\n]{2,200}?)?" + _END, _I),
     "syndicated_from", None),
    (re.compile(r"^Contributed by (?P<byline>[^\n]{2,80}?) of " + _NAME + _END, _I), "syndicated_from", None),
    (re.compile(r"^(?:Authored|Written) by (?P<byline>[^\n]{2,80}?) via " + _NAME + _END, _I), "via", None),
    (re.compile(r"^This (?:article|story|post|piece|column) was (?:originally|first) (?:published|posted) by "
                r"(?P<byline>[^\n]{2,80}?) (?:at|on|in) (?:his|her|their) (?:own )?" + _NAME + _END, _I),
     "originally_published_by", None),
    (re.compile(r"^(?:This (?:article|story|post|piece|column) (?:was |is )?|It )?(?:was )?"
                r"(?:originally|first) (?:published|appeared|posted|ran)(?: (?:originally|first))? "
                r"(?:on|in|at|by|with) " + _NAME + r"(?:\s+on\s+[^\n]{4,40})?" + _END, _I),
     "originally_published_by", None),
    (re.compile(r"^(?:This (?:article|story|post) (?:was |is )?)?(?:published|appeared) (?:originally|first) "
                r"(?:on|in|at|by) " + _NAME + _END, _I),
     "originally_published_by", None),
    (re.compile(r"^(?:/\s*)?(?:Originally published (?:on|in|at|by)|Source|Via|Courtesy(?: of)?)\s*:?\s+" + _NAME + r"\s*\.?$", _I),
     "via", None),
    (re.compile(r"^Translated(?: from [A-Z][a-z]+)?(?: into [A-Z][a-z]+)? by:?\s+" + _NAME + r"\s*\.?$", _I),
     "via", "translator"),
]  # fmt: skip

#: The line crediting reporters and wires that helped ("Keith Bradsher contributed reporting from
#: Hong Kong.", "The Associated Press contributed to this report.", "(Reporting by Ann Lee; Editing
#: by Jon Lens)"), often after "X reported from Y.": end matter, as the benchmark's gold bodies have it.
_CONTRIBUTION = re.compile(
    r"^(?:\(?(?:additional |with )?reporting by [^\n]{2,400}?\)?\.?"
    r"|(?:[^\n.]{2,80}? reported from [^\n.]{2,80}\.\s+)?[^\n]{2,300}?\bcontributed"
    r"(?: reporting| to this (?:report|story|article)| reporting to this (?:report|story|article))"
    r"(?: from [^\n.]{2,80})?\.?)$",
    _I,
)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*")


def _contribution_credits(line: str) -> list[Credit]:
    """The wires a contributor line names ("Associated Press writers Ann Lee and Jon Lens …",
    "Reuters contributed …"): a credit each. Only the wires of :data:`WIRE_NAMES`: the other names
    are the outlet's own staff."""
    credits = []
    runs = [run for sentence in re.split(r"(?<=[.;:!?])\s+", line) for run in _CAPITALISED_RUN.findall(sentence)]
    for run in runs:
        words = run.split()
        for size in (3, 2, 1):
            name = " ".join(words[:size])
            if len(words) >= size and party_key(name) in WIRE_NAMES:
                credits.append(Credit(kind="via", name=name, line=line, role="contributor"))
                break
    return credits


_COPYRIGHT = re.compile(r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?P<rest>.*)$", _I)
_OUTLET_WORD = re.compile(
    r"\b(?:News|Times|Post|Gazette|Herald|Online|Daily|Journal|Tribune|Press|Magazine|Radio|TV|Chronicle|"
    r"Observer|Courier|Wire|Telegraph|Examiner|Bulletin|Dispatch|Inquirer|Sentinel|Weekly|Network|Media|"
    r"Star|Mail|Globe|Guardian|Mirror|Standard|Express|Independent|Monitor|Record|Register|Leader)\b"
)
"""A word that makes a name a publication's ("Coastal News Online", "Harbour Gazette"), not a person's."""
_BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|author|reporting by|posted by)\s*:?\s+(?P<name>.+?)\s*$", _I
)
#: A byline behind a section label and a dash or bar ("news now The Associated Press — By Ann Lee and
#: Bo Park - Associated Press", as a news portal prints the wire's byline): the label is up to eight
#: words with no sentence punctuation, the byline opens with a capitalised "By".
_LABELLED_BYLINE = re.compile(r"^(?:[^\W\d_][\w.&'’]*\s+){0,7}[^\W\d_][\w.&'’]*\s+[—|]\s+(?P<by>By\s+\S.*)$")
_ARTICLES_BY = re.compile(
    r"^(?:(?:older|newer|more|recent|other|all|latest|most recent)\s+)?(?:articles|posts|stories|columns|more)\s+by"
    r"\s*:?\s+(?P<name>.+?)\s*:?$", _I
)
_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|professor|staff|producer|analyst|"
    r"author|director|chief|senior|fellow|host|anchor)\b",
    _I,
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|de|van|von|der|da|di|del|la|le|bin|al|el|and|&)$")

_PHOTO = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)?(?:[\w .'-]{0,40}?\s)?(?:photo|photograph|image|picture|pic|video|"
    r"illustration|graphic)s?\b(?:\s*(?:credit|source|courtesy|by))?\s*[:/|]"
    r"|^(?:©|\(c\))\s*(?:AP|AFP|Reuters|Getty|EPA|Sputnik|RIA|TASS|Xinhua|Anadolu|Shutterstock|Flickr|Wikimedia)\b"
    r"|^(?:image|photo|picture)\s+(?:source|credit|courtesy)\b"
    r"|^(?:photo|image|picture|credit)s?\s*(?:by|:)\s"
    r"|\((?:photo|image|picture)[^)]{0,80}\)\s*(?:less\s*)?$"
    r"|[/|]\s*(?:getty images|ap photo|afp|reuters|epa|shutterstock|ap images)\b"
    r"|^\([A-Z][^()]{1,60}/[^()]{1,80}\)$",  # a credit alone under a photo or chart: "(Ann Lee/Harbour Gazette)"
    _I,
)
#: A caption that opens with its credit ("(Photo: Reuters/Ann Lee) Ampoules in a file photo.",
#: "(Screenshot: YouTube) The family gives a health update."), behind a gallery's toggle.
_CREDIT_OPENED_CAPTION = re.compile(
    r"^(?:expand\s*\|\s*collapse\s+)?\((?:photo|screenshot|image|picture|video|credit)s?\s*:[^()]{1,120}\)\s*\S", _I
)
#: A photo caption ending with its credit: a photographer's name and the agency in brackets ("The
#: Supreme Court building in Washington. (Patrick Semansky/AP)", "… on April 23. (J. Scott Applewhite /
#: Associated Press)"), or after the "Credit" label, run on in a scrape ("… to the 2020
#: census.CreditCreditMandel Ngan/Agence France-Presse — Getty Images", "… hemisphere. Credit:
#: NASA/JPL-Caltech/SwRI/MSSS"). The caption's sentence ends before the credit: a poll's source closing a
#: sentence ("… 41 percent approve (NBC News/Wall Street Journal)") stays, as does a one-word source.
_CAPTION_WITH_CREDIT = re.compile(
    r"[.!?”’\"]\s*\((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*[^()]{2,80}\)$"
    r"|[.!?”’\"]\s*Credits?(?:\s*Credit)?\s*:?\s*[A-Z][\w.'’&/-]*(?:\s*(?:[/—–,&]|-|\bfor\b|\bvia\b|\bof\b|\band\b)?\s*"
    r"[A-Z][\w.'’&/-]*)*$"
)
#: The longest caption (words) :data:`_CAPTION_WITH_CREDIT` takes out.
_CAPTION_WORDS = 60
#: A site's explanation of the label it gives an article, printed under the label at the top
#: ("Analysis Interpretation of the news based on evidence, including data, …", "Perspective Discussion
#: of news topics with a point of view, …", "Opinion A column or article in the Opinions section …").
_LABEL_EXPLAINER = re.compile(
    r"^(?:Analysis|Opinion|Perspective|Commentary|Editorial|Review|Column|Explainer|Fact Check(?:er)?|Satire)\s+"
    r"(?:(?:Interpretation|Discussion|Explanation|Evaluation|Assessment|Analysis|Commentary|Reporting|Content)\s+"
    r"(?:of|on|by|from|that|with|about)\b"
    r"|An?\s+(?:[\w-]+\s+){0,3}(?:column|article|evaluation|assessment|interpretation|explanation|piece|review|essay)\b)"
)
#: How many lines from the top a label's explanation is looked for, and its longest (words).
_LABEL_EXPLAINER_LINES, _LABEL_EXPLAINER_WORDS = 5, 50
#: A letters page named where the byline goes ("By Letters to the Editor"): its letters are signed below.
_LETTERS_PAGE = re.compile(r"^(?:(?:readers|your)['’]?\s+)?letters?(?:\s+to\s+the\s+editor)?$", _I)
_CAPTION_START = re.compile(
    r"^(?:in this (?:undated |handout |file |photo |image |picture |still |video )*(?:file )?"
    r"(?:photo|image|picture|still|frame|video|grab)|file photo|file[:\s]+-|\(?file photo\)?|pictured:)",
    _I,
)

_WIDGET = re.compile(
    r"^(?:listen(?: live| to (?:this|the) (?:article|story))?|get short url|short url|share(?: this)?(?: article| story| post)?"
    r"(?: on \w+)?|click to share|tweet(?: this)?|e-?mail(?: this)?|print(?: this)?(?: article)?|"
    r"advertisement|sponsored|ad|subscribe(?: now)?|sign up|log ?in|sign in|skip to (?:main )?content|menu|"
    r"home|search|close|loading\.*|more|read more|related(?: articles| stories| posts| news| coverage)?|"
    r"see also|you may also like|recommended(?: for you)?|trending|most read|most popular|"
    r"comments?(?: \(\d+\))?|\d+ comments?|leave a (?:comment|reply)|show comments|discussion|"
    r"community standards.*|facebook|twitter|linkedin|whatsapp|telegram|reddit|copy link|"
    r"watch(?: video| live)?|play(?: video)?|now playing|video|audio|image|photo|gallery|view gallery|"
    r"next(?: article| story)?|previous(?: article| story)?|back to top|top|"
    r"follow us(?: on [\w ,&]+)?|like us on facebook|join (?:us|the conversation).*|post to facebook|cancel ?send|"
    r"(?:\d+\s*)?(?:min(?:ute)?s?|hours?) (?:read|ago)|updated|published|posted|"
    r"font size|text size|a\+?|a-|reprints?(?: & permissions)?|permalink|"
    r"story continue[sd] below|continue reading(?: below| the main story)?|what to read next|supported by|"
    r"rss(?: feed)?(?: for [\w .'’-]{1,60})?)\s*(?:[.:!]|\.\.\.|…)?$",
    _I,
)
#: A share dialog's preview of the page: its title and summary again, then the link to send
#: ("… Check out this story on example.com: https://…"), as news sites' "Email this story" boxes print it.
_SHARE_DIALOG = re.compile(r"(?:^|\s)Check out this (?:story|article) on [\w.-]+\.[a-z]{2,}\s*:\s*\S+$", _I)
#: A photo gallery's furniture: its counter ("Image 2 of 3", "1 / 3") and link back ("Back to Gallery").
_GALLERY_LINE = re.compile(r"^(?:(?:image|photo|picture|slide)\s*\d+\s*(?:of|/)\s*\d+|\d+\s*/\s*\d+|back to gallery)$", _I)
#: A gallery caption printed whole, ending with the toggle that folds it ("… from our own team.” less"),
#: or cut short with the toggle that unfolds it ("… This month the streaming service ... more"): no
#: sentence of an article ends with "less" after its full stop, or with "... more".
_GALLERY_TOGGLE = re.compile(r"(?:[.!?)”\"’]\s+less|(?:\.\.\.|…)\s*more)$")
_PROMPT = re.compile(
    r"^(?:(?:please )?(?:become a (?:member|patron|subscriber|supporter)|support (?:our|independent|us)|"
    r"donate|subscribe to|sign up (?:for|to)|join our (?:mailing list|newsletter)|get (?:our|the) newsletter|"
    r"comment on|leave a comment|add your comment|share your (?:thoughts|views)|follow (?:us|our)|"
    r"follow [\w.&'’ -]{1,60}? on (?:facebook|twitter|instagram|linkedin|youtube)|"
    r"like us|click here to|tap here to|read (?:more|the full)|download (?:our|the) app|"
    r"we use cookies|this (?:site|website) uses cookies|by continuing to (?:use|browse)|"
    r"for media inquiries|contact us|all rights reserved|terms of (?:use|service)|privacy policy|"
    r"have a (?:news )?tip|got a (?:news )?tip|send us your|the views expressed|"
    r"if you (?:like|liked|enjoyed|value) (?:this|our|what)|you can support|chat with us|"
    # "Help us deliver journalism …", not a prayer's "Help us to speak about others …"
    r"help us (?:deliver|keep|continue|fund|grow|sustain|support|make|bring|produce|cover|expand|reach)|"
    r"% of readers think|find out what's happening in the world|you have successfully subscribed|"
    r"a link has been (?:sent|posted) to your|"
    r"thanks for (?:signing up|subscribing)|sign up for our|get the latest|subscribe today|"
    r"our journalism (?:takes|depends|relies|needs)|please consider (?:subscribing|supporting|a donation)|"
    # a paywall's offer left under the teaser a saved page keeps ("Get unlimited access for $1 a week.")
    r"get unlimited (?:digital )?access|already (?:a subscriber|a member|have an account)|"
    r"start your (?:free )?(?:trial|subscription)|unlock (?:this (?:article|story)|unlimited|full access)|"
    r"you(?:'ve| have) reached (?:your|the) (?:limit|maximum) of free|"
    r"this (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members))\b)",
    _I,
)
#: The rules of the comment section under an article, often a long paragraph of them.
_COMMENT_POLICY = re.compile(
    r"^(?:please )?(?:adhere to|read|review|follow) (?:our|the) (?:comment(?:ing)?|community|discussion) "
    r"(?:policy|guidelines|rules|standards)\b", _I
)
_PROMOTED = re.compile(r"^(?:headline|sponsored|promoted|partner content|paid content|advertisement)\s*:\s+\S", _I)
#: The label of a block of related videos or headlines ("LATEST BUSINESS VIDEOS", "More Stories").
_RELATED_LABEL = re.compile(
    r"^(?:latest|more|related|top|recommended|trending|popular|featured|editors'? picks)(?:\s+[\w&]+){0,2}\s+"
    r"(?:videos?|stories|headlines|news|articles|reads)\s*:?$", _I
)
_DISCLAIMER = re.compile(r"^(?:disclaimer|disclosure|editor'?s note: the views|note to readers)\b\s*:?", _I)
_FAIR_USE = re.compile(r"fair use|copyrighted material|all rights reserved|the views (?:and opinions )?expressed", _I)
_META_LINE = re.compile(
    r"^(?:region|theme|topics?|tags?|categories|category|filed under|posted in|in-depth report|section|"
    r"keywords|related topics|more on|see more on|articles by)\s*:", _I
)
_TIMESTAMP = re.compile(
    r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|[ECMP][SD]T|ET|BST|CET|CEST|MSK)?"
    r"\s*[,|·-]?\s*\d{1,2}\s*[A-Za-z]+\.?,?\s+\d{4}$"
    r"|^\d{1,2}\s*[A-Za-z]+\.?\s+\d{4},?\s*\d{1,2}:\d{2}(?:\s*(?:GMT|UTC))?$",
    _I,
)
_DATE_CUE = re.compile(
    r"^(?:published|posted|first published|date|dated|updated|last updated|released|issued)\s*(?:on|at)?\s*:?\s*", _I
)
#: A header line that is only a numeric date whose day and month order is unknown, with a cue and a clock.
_UNORDERED_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|first published|date|dated|updated|last updated)\s*(?:on|at)?\s*:?\s*)?"
    r"\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{1,30})\)\s*)?[—–-]{1,2}\s+\S"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: A dateline with the full date and the clock ("Vatican City, Jan 24, 2018 / 04:26 am (CNA/EWTN News).- In
#: his message …", "NEW YORK, May 30, 2019 (Reuters) - …"): the place (its words a name's, see
#: :data:`_NAME_TOKEN`) and a weekday before the date, the agency and the dash after it.
_DATED_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][^,\n]{1,40}(?:,\s+(?!" + _WEEKDAY + r")[A-Z][^,\n]{1,20})?),\s+(?:" + _WEEKDAY + r",\s+)?$", _I
)
_DATED_DATELINE_END = re.compile(r"^\s*(?:\((?P<agency>[A-Za-z][\w .&/-]{1,40})\)\s*)?\.?\s*[—–-]{1,2}\s*\S")


_SHARE_WORDS = {
    "share", "on", "facebook", "twitter", "x", "email", "e-mail", "print", "linkedin", "pinterest", "reddit",
    "whatsapp", "google+", "comments", "comment", "view", "bio", "follow", "save", "more", "tweet", "messenger",
    "copy", "link", "sms", "flipboard", "telegram", "mail", "this", "article", "story", "the", "options",
    "show", "hide", "caption", "close", "gift", "listen", "reprints", "purchase", "order", "reprint",
    "youtube", "instagram",
}  # fmt: skip
_EMAIL_ONLY = re.compile(r"^\S+@\S+\.\w+$")
#: A web address alone on its line: where the copy came from, printed as a link (no sentence).
_BARE_URL = re.compile(r"^(?:(?:https?://|www\.)\S+\s*)+$", _I)
_DATE_NO_YEAR = re.compile(
    r"^(?:updated:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?" + _MONTH_NAMES + r"\.?\s+\d{1,2}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[ECMP][SD]T|ET|GMT|UTC)?)?$",
    _I,
)


#: A section label printed before the headline with a bar, as page titles and scraped headers carry it
#: ("Opinion |Will the Legitimacy of the Supreme Court Survive the Census Case?", "Analysis | …"): one
#: or two capitalised words, then a headline of at least four words ("Andrew Burton | Getty Images" is
#: a photo credit, "Ann Lee | May 31, 2019" a byline).
_SECTION_LABEL = re.compile(r"^(?P<label>[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*)?)\s*\|\s*(?P<headline>[^|]+?)\s*$")
#: How many lines from the top a section label before the headline is looked for.
_SECTION_LABEL_LINES = 3


def _section_label(text: str) -> re.Match[str] | None:
    """A section label and the headline after it (see :data:`_SECTION_LABEL`), or ``None``."""
    match = _SECTION_LABEL.match(text)
    if match is None:
        return None
    headline = match.group("headline")
    if len(headline.split()) < 4 or not _headline_like(headline) or find_date(headline) or _BYLINE.match(headline) \
            or _is_photo_credit(text) or _CREDIT_OPENED_CAPTION.match(text):  # "Expand | Collapse (Photo: …) …"
        return None
    return match


def _split_section_label(units: list[_Unit]) -> None:
    """A section label glued to the headline at the top of the page ("Opinion |Will the Legitimacy …")
    becomes two units: the label (page furniture) and the headline, which can then be the title."""
    for index, unit in enumerate(units[:_SECTION_LABEL_LINES]):
        match = None if unit.link_only or unit.heading else _section_label(unit.text)
        if match:
            unit.text = match.group("headline")
            units.insert(index, _Unit(text=match.group("label"), block=unit.block, role="removed",
                                      why="section label"))
            return


def _is_share_widget(text: str) -> bool:
    # words run together ("FacebookEmail") part at the capital; names written with one inside stay whole
    text = re.sub(r"LinkedIn|WhatsApp|YouTube", lambda m: m.group(0).lower(), text)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    words = re.findall(r"[\w+@-]+", text.lower().replace("google+", "googleplus"))
    words = ["google+" if w == "googleplus" else w for w in words]
    return 1 <= len(words) <= 14 and all(w in _SHARE_WORDS for w in words) and any(
        w not in {"on", "this", "the", "more", "x"} for w in words
    )


def _is_name(value: str) -> bool:
    tokens = value.replace(",", " ").split()
    if not 1 <= len(tokens) <= 8:
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens) and any(t[:1].isupper() for t in tokens)


def _tidy_name(value: str) -> str:
    value = value.strip(" \t.,;:|-–—*_\"“”'")
    value = re.sub(r"\s+,", ",", value)
    value = re.sub(r"\b([A-Z])\.(?=[A-Z][a-z])", r"\1. ", value)
    return re.sub(r"\s+", " ", value)


_URL = re.compile(r"\b(?:https?://|www\.)(?P<host>[\w.-]+\.[a-z]{2,})(?::\d+)?(?:[/?#]\S*)?", _I)


def _match_credit(text: str) -> tuple[list[Credit], dict[str, str]] | None:
    """A whole-unit credit line → credits, plus outlet/byline it also names.

    A web address names its site ("Source: https://www.universetoday.com/138292/black-hole-…" →
    universetoday.com), as an outlet is compared by name; the line keeps the address."""
    named = _URL.sub(lambda m: m.group("host").casefold().removeprefix("www."), text)
    for pattern, kind, role in _CREDIT_PATTERNS:
        match = pattern.match(named)
        if not match:
            continue
        name = _tidy_name(match.group("name"))
        if not name or len(name.split()) > 10 or find_date(name) or re.search(r"\d{1,2}:\d{2}", name):
            continue
        extra: dict[str, str] = {}
        groups = match.groupdict()
        if groups.get("outlet"):
            extra["outlet"] = _tidy_name(groups["outlet"])
        if groups.get("byline") and _site_key(groups["byline"]) != _site_key(name):  # "Ann Lee of …", not "Harbour
            extra["byline"] = _tidy_name(groups["byline"])  # Gazette of www.harbourgazette.com"
        return [Credit(kind=kind, name=name, line=text, role=role)], extra
    return None


#: A credit line and a copyright notice in one paragraph.
_CREDIT_THEN_COPYRIGHT = re.compile(r"^(?P<credit>.+?[.!])\s+(?P<notice>(?:copyright|©|\(c\)).*)$", _I)


_LEGAL_SUFFIX = re.compile(r"(?:Inc|LLC|LLP|Ltd|PLC|PS|PC|PLLC|Corp|Co|GmbH|AG|SA)\.?", _I)


def _match_copyright(text: str) -> list[Credit] | None:
    """"© Jordan Shilton, World Socialist Website, 2016" → one copyright credit per holder."""
    match = _COPYRIGHT.match(text)
    if not match or len(text) > 200:
        return None
    rest = re.split(r"(?<=[a-z\d)])\.\s", match.group("rest") + " ", maxsplit=1)[0]
    rest = re.sub(r"(?:all rights reserved|tous droits réservés)\.?", "", rest, flags=_I)
    rest = re.sub(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?\b", "", rest)
    rest = re.sub(r"^\s*by\s+", "", rest, flags=_I)  # "Copyright 2018 by CNN NewSource"
    names = [_tidy_name(part) for part in re.split(r"[,;]|\band\b|\|", rest)]
    names = [n for n in names if n and _is_name(n.removeprefix("The ").removeprefix("the "))
             and not _LEGAL_SUFFIX.fullmatch(n)]  # "Marler Clark LLP, PS": "PS" is the firm's form, no holder
    return [Credit(kind="copyright", name=n, line=text) for n in dict.fromkeys(names)]


def _is_photo_credit(text: str) -> bool:
    return len(text) <= 200 and bool(_PHOTO.search(text))


def _is_caption_start(text: str) -> bool:
    return bool(_CAPTION_START.match(text))


def _is_tag_list(text: str) -> bool:
    if text[-1:] in ".!?":
        return False
    items = [item.strip() for item in text.split(",")]
    return len(items) >= 4 and all(item and len(item.split()) <= 4 for item in items)


def _headline_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 16 and text[-1:] not in ".!…:;,"


def _is_body(unit: _Unit) -> bool:
    words = count_words(unit.text)
    if unit.heading or unit.link_only:
        return False
    tokens = unit.text.split()
    if len(tokens) <= 30 and sum(1 for t in tokens if t[:1].isupper()) / max(1, len(tokens)) >= 0.6:
        return False  # a title-case line is a headline, not a paragraph
    return words >= 25 or (words >= 10 and unit.text.rstrip("”\"’')")[-1:] in ".!?…")


# --------------------------------------------------------------------------------------------
# the stage


@dataclass(slots=True)
class _State:
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    date: ParsedDate | None = None
    yearless_date: str | None = None
    """A header line printing the date without its year ("May 30 at 4:36 PM"): see :func:`_publication_date`."""
    reference: ParsedDate | None = None
    """When the page was fetched (else a table's date column): it settles the day and month order of a
    numeric date printed in the header ("06/01/2018" fetched on 2018-06-01), see :func:`~storytrace.dates.find_date`."""
    dateline: str | None = None
    credits: list[Credit] = field(default_factory=list)
    original_byline: str | None = None
    """The author a repost prints with the outlet it first ran at ("By Ann Lee / Harbour Gazette"): it
    beats a byline the markup or an author column gives, which is then the account that reposted it."""


def outlet_key(outlet: str | None) -> str | None:
    """An outlet name as the duplicate check compares it: case-folded, spaces collapsed."""
    return " ".join(outlet.casefold().split()) or None if outlet else None


WIRE_NAMES: dict[str, tuple[str, ...]] = {
    "associated press": ("ap", "associated press", "the associated press", "ap news", "apnews com"),
    "reuters": ("reuters", "thomson reuters", "reuters com"),
    "agence france presse": ("afp", "agence france presse", "france presse", "afp com"),
    "bloomberg": ("bloomberg", "bloomberg news", "bloomberg com", "bloomberg l p"),
    "cnn": ("cnn", "cnn com", "cnn wire", "cnn newsource", "cable news network"),
}
"""Wires and networks whose copy other outlets carry, by key, with the names (as :func:`party_key`
folds them) their credit lines, datelines ("(AP)"), bylines and domains print: the one alias table
every comparison of a credited party with an outlet goes through."""

_PARTY_OF_NAME = {name: key for key, names in WIRE_NAMES.items() for name in names}


def party_key(name: str) -> str:
    """A credited party or an outlet as compared with another: case-folded, punctuation to spaces,
    and any name of a wire in :data:`WIRE_NAMES` to that wire's key ("AP", "The Associated Press"
    and "apnews.com" → "associated press"). Credit lines keep the name as printed; only comparisons
    use the key."""
    folded = re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()
    return _PARTY_OF_NAME.get(folded, folded)


def publication_hash(digest: str, outlet: str | None, first_outlet: str | None) -> str:
    """The content hash of a document whose :func:`document_hash` is ``digest``, given the outlet
    (:func:`outlet_key`) of the first document read or stored with that hash: the same hash, unless
    both outlets are known and differ — the same text printed by another outlet (a CSV row per
    outlet of one syndicated story) is another publication and gets a hash of its own."""
    if outlet is None or first_outlet is None or first_outlet == outlet:
        return digest
    return content_hash(f"{digest}\x00outlet\x00{outlet}")


def document_hash(document: RawDocument) -> str:
    """The content hash an article from this document gets (raw content and URL)."""
    return content_hash(document.raw + "\x00" + (document.url or ""))


def normalize(document: RawDocument, *, known_hash: str | None = None) -> Article:
    """Normalize one document. Pure: the same document always gives the same article.

    ``known_hash`` is :func:`document_hash` when the caller has computed it already.
    """
    source_text = document.extracted_text if document.raw_format == "html" else document.raw
    text = _clean_characters(source_text or "")
    front_matter = read_front_matter(text) if document.raw_format != "html" else None
    front_block = ""
    if front_matter is not None:
        front_block, text = text[: front_matter.end].strip(), text[front_matter.end :]
    markdown = document.raw_format == "markdown" or (document.raw_format == "text" and _looks_markdown(text))
    units = _split_units(text, markdown=markdown)
    _split_section_label(units)
    # a date known to be on or after the printed one (when the page was fetched, a table's date column)
    state = _State(reference=parse_iso_datetime(document.fetched_at) or parse_iso_datetime(document.date_hint))

    _mark_furniture_everywhere(units, state)
    _read_header(units, state, document)
    _mark_title_repeated(units, state)
    if document.raw_format != "html":
        _mark_trailing_block(units)
        _mark_trailing_links(units)
    hinted_byline = _first(state.original_byline, _clean_byline_hint(document.byline_hint))
    _mark_author_bio(units, _first(hinted_byline, state.byline))
    body = [u for u in units if u.role == "body" and u.text.strip()]
    paragraphs = _rejoin_broken_paragraphs(body, _after_header_lines(units))

    clean_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        if clean_parts:
            offset += 2
        spans.append((offset, offset + len(paragraph)))
        clean_parts.append(paragraph)
        offset += len(paragraph)
    clean = "\n\n".join(clean_parts)

    # The dateline opens the first paragraph, or the second after a short agency line ("The
    # Associated Press" above "NEW YORK (AP) — …").
    openers = paragraphs[:1] + (paragraphs[1:2] if paragraphs and len(paragraphs[0].split()) <= 5 else [])
    for opener in openers if state.dateline is None else []:
        dated = _dated_dateline(opener)
        if dated is not None:
            place, parsed, agency_name, line = dated
            state.dateline, state.date = place, state.date or parsed
            if agency_name:
                state.credits.append(Credit(kind="via", name=agency_name, line=line, role="wire dateline"))
            break
        match = _DATELINE.match(opener)
        if match and len(match.group("place")) >= 3:
            state.dateline = match.group("place").strip()
            # "NEW YORK, May 30 (Reuters) -": a date without its year, placed as a header's would be
            state.yearless_date = state.yearless_date or match.group("date")
            agency = match.group("agency")
            if agency:
                state.credits.append(
                    Credit(kind="via", name=agency.strip(), line=opener[: match.end() - 1].strip(),
                           role="wire dateline")
                )
            break

    if not any(credit.role == "wire dateline" for credit in state.credits):
        state.credits.extend(_agency_opener(paragraphs[:4]))
    title = _first(*(t for t in (document.title_hint, state.title) if _plausible_title(t)))
    byline = _first(hinted_byline, state.byline)
    # a wire the dateline credits already ("The Associated Press" above "NEW YORK (AP) —") once
    credited = {party_key(credit.name) for credit in state.credits if credit.kind == "via"}
    as_printed = document.byline_hint if hinted_byline and not state.original_byline else byline  # "By TOM KRISHER, AP Auto Writer" names AP
    state.credits.extend(c for c in _byline_credits(as_printed) if party_key(c.name) not in credited)
    outlet = _first(document.outlet_hint, state.outlet)
    published, published_time = _publication_date(document, state)
    removed = tuple(Removed(text=u.text, why=u.why) for u in units if u.role in {"removed", "credit", "title",
                                                                                 "byline", "meta"} and u.text)
    if front_block:
        removed = (Removed(text=front_block, why="front matter"), *removed)
    return Article(
        source=document.source,
        locator=document.locator,
        source_kind=document.source_kind,
        url=document.url,
        title=_tidy_title(title, site_names=_site_names(outlet, document.url), byline=byline),
        byline=_tidy_name(_unescape(byline)) if byline else None,
        published=published,
        published_time=published_time,
        dateline=state.dateline,
        outlet=_tidy_outlet(outlet),
        # a wire's dateline or byline says more than the contributor line at the end: it is kept
        credits=tuple(_dedupe_credits(sorted(state.credits, key=lambda c: c.role == "contributor"))),
        text=clean,
        paragraphs=tuple(spans),
        words=count_words(clean),
        raw=document.raw,
        raw_format=document.raw_format,
        content_hash=known_hash or document_hash(document),
        text_hash=hashlib.sha256(clean.encode("utf-8")).hexdigest(),
        removed=removed,
        external_id=document.external_id,
        fetched_at=document.fetched_at,
    )


def _dated_dateline(opener: str) -> tuple[str, ParsedDate, str | None, str] | None:
    """(place, date, agency, the dateline as printed) of a dateline with its full date opening a
    paragraph (see :data:`_DATED_DATELINE_PLACE`), or ``None``."""
    parsed = find_date(opener[:160])
    if parsed is None or parsed.start == 0:
        return None
    place = _DATED_DATELINE_PLACE.match(opener[: parsed.start])
    end = _DATED_DATELINE_END.match(opener[parsed.end :])
    if place is None or end is None:
        return None
    tokens = place.group("place").replace(",", " ").split()
    if not all(_NAME_TOKEN.match(token) or token.isupper() for token in tokens) or len(tokens) > 6:
        return None
    agency = end.group("agency")
    line = opener[: parsed.end + end.end() - 1].strip()
    return place.group("place").strip(), parsed, agency.strip() if agency else None, line


_AGENCY_OPENER = re.compile(r"^\((?P<agency>[A-Za-z][A-Za-z .&/-]{1,30})\)\s*(?:[—–-]{1,2}\s+\S|$)")


def _agency_opener(paragraphs: list[str]) -> list[Credit]:
    """A wire's dateline without a place opening one of the first paragraphs ("(CNN) - Spotify
    reversed …", or "(CNN)" on its own under a photo caption): its credit. Only the wires of
    :data:`WIRE_NAMES`: a bracket opening a paragraph is otherwise often a photo credit or a note."""
    for paragraph in paragraphs:
        match = _AGENCY_OPENER.match(paragraph)
        if match and party_key(match.group("agency")) in WIRE_NAMES:
            line = paragraph[: match.end("agency") + 1]
            return [Credit(kind="via", name=match.group("agency").strip(), line=line, role="wire dateline")]
    return []


def _byline_credits(byline: str | None) -> list[Credit]:
    """A wire or network the byline names ("AMIR VERA, CNN", "The Associated Press"), also as the
    employer in a role ("TOM KRISHER, AP Auto Writer", "Chris Cillizza, CNN Editor-at-large"): its
    credit. Only the wires of :data:`WIRE_NAMES`: a byline's other parts are mostly roles and places."""
    credits = []
    for part in re.split(r",|\band\b|\|", byline or ""):
        name = _tidy_name(_BYLINE_CUE.sub("", part))
        words = name.split()
        if name and party_key(name) not in WIRE_NAMES and _ROLE_WORDS.search(name):
            # the wire's name before the role: the longest leading words that are one
            name = next((" ".join(words[:n]) for n in (3, 2, 1) if party_key(" ".join(words[:n])) in WIRE_NAMES), "")
        if name and party_key(name) in WIRE_NAMES:
            credits.append(Credit(kind="via", name=name, line=byline or "", role="byline"))
    return credits


_BYLINE_CUE = re.compile(
    r"^\s*(?:(?:written|words|story|reporting|posted|analysis|opinion|commentary|photos?|text) )?by\s*:?\s+|"
    r"^\s*author\s*:\s*", _I)
#: Words of a sentence, never of a name or an organisation's: a segment holding one is a slogan
#: ("Because Without America, There Is No Free World." in every author field of one site).
_SENTENCE_WORDS = frozenset({
    "is", "are", "was", "were", "be", "because", "without", "there", "not", "no", "we", "our", "you", "your",
    "this", "that", "will", "has", "have",
})  # fmt: skip
_DATE_WORD = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + _MONTH_NAMES + r"|posted(?: on)?|updated|published)\.?$", _I
)


def _clean_byline_hint(hint: str | None) -> str | None:
    """A byline a page's markup or an export's author column gave, as a reader would print it.

    Such fields carry what the page printed around the names: the cue ("By TOM KRISHER"), roles
    ("AP Auto Writer", "Senior Columnist"), the site's slogan and the date ("Friday, September,
    Vicki Batts"). Segments between commas that are a cue word, a date word or a sentence go; role
    segments go when a name is left ("Margaret Kimberley, Bar Editor, Glen Ford" → "Margaret
    Kimberley, Glen Ford"; "Science X staff" alone stays). Nothing left: ``None``.
    """
    if not hint:
        return None
    value = _BYLINE_CUE.sub("", _unescape(hint)).strip()
    segments = [seg.strip() for seg in value.split(",") if seg.strip()]
    kept = [seg for seg in segments if not _DATE_WORD.match(seg)
            and not _SENTENCE_WORDS & {w.casefold() for w in re.findall(r"[\w']+", seg)}]
    people = [seg for seg in kept if not _ROLE_WORDS.search(seg)]
    kept = people or kept
    if kept == segments:
        return _tidy_name(value) or None
    return ", ".join(_tidy_name(seg) for seg in kept) or None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


_SHARE_WIDGETS = (
    "facebook", "linkedin", "pinterest", "whatsapp", "messenger", "flipboard", "twitter", "google", "reddit",
    "tumblr", "e-mail", "email", "print", "share", "comments", "comment",
)
_CAPTION_CREDIT = re.compile(r"\((?:[^()]*\bPhoto\b[^()]*|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*\s*/\s*[^()]+)\)\s*$")


def _plausible_title(title: str | None) -> bool:
    """Whether a title the source gave (a CSV column, a feed) can be the article's: not a row of
    share buttons ("FacebookEmail Twitter Google+ LinkedIn Pinterest") nor a photo caption ("…
    (AP Photo/Eric Risberg)"). (A headline of another page element cannot be told this way: a
    test of shared words would also throw out real headlines that share no word with the text.)"""
    if not title or not title.strip():
        return False
    folded = title.casefold()
    for name in _SHARE_WIDGETS:
        folded = folded.replace(name, " ")
    if not re.search(r"[^\W\d_]", folded):
        return False
    return _CAPTION_CREDIT.search(title.strip()) is None


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", _I)


def _unescape(value: str) -> str:
    """HTML character references a page left escaped in its metadata, or an export in its columns
    ("&#8216;The Medium is the Message&#8217;", "Trump &apos;Is Going To Deport You All&apos;"): the
    characters they stand for. A bare "&" ("AT&T") is no reference and stays."""
    return html.unescape(value) if _ENTITY.search(value) else value


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•-]|::)\s+")


def _site_key(name: str) -> str:
    """A site's name folded for comparison: "The Hill", "TheHill" → "thehill"; "Sportsnet.ca",
    "www.sportsnet.ca" → "sportsnet" (a domain without "www." and its last label)."""
    name = name.casefold().strip()
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?", name):  # a domain, perhaps with a path ("yahoo.com/news")
        host = name.split("/", 1)[0].removeprefix("www.")
        name = host.rsplit(".", 1)[0]
    return re.sub(r"[\W_]+", "", name)


def _site_names(outlet: str | None, url: str | None) -> frozenset[str]:
    """Names of the site a title may end with: the outlet and the URL's host."""
    names = [outlet or ""]
    if url:
        host = re.match(r"(?i)^https?://([^/:?#]+)", url)
        names.append(host.group(1) if host else "")
    return frozenset(key for key in map(_site_key, names) if len(key) >= 3)


def _tidy_title(title: str | None, *, site_names: frozenset[str] = frozenset(), byline: str | None = None) -> str | None:
    """The headline without the site's name that page titles append ("… | TheHill", "… - Sportsnet.ca",
    "… | Miami Herald" of miamiherald.com): only when the tail names the outlet, the URL's host or the
    byline, as a subtitle after a dash ("… – Too Young?") is part of the headline; and without a
    section label before a bar ("Opinion | …", see :data:`_SECTION_LABEL`). A title that is
    only the site's name ("Black Agenda Report" of blackagendareport.com) is none; one that is only
    the byline's is kept (an author's page is titled with the name)."""
    if not title:
        return None
    title = re.sub(r"\s+", " ", _clean_characters(_unescape(title))).strip()
    if _site_key(title) in site_names:
        return None
    separators = list(_TITLE_SEPARATOR.finditer(title))
    tail_names = site_names | {_site_key(byline or "")}
    if separators and _site_key(title[separators[-1].end() :]) in tail_names - {""}:
        title = title[: separators[-1].start()].rstrip()
    labelled = _section_label(title)  # "Opinion | Republicans Are Following Trump to Nowhere"
    if labelled and _site_key(labelled.group("headline")) not in site_names:
        title = labelled.group("headline")
    return title or None


def _tidy_outlet(outlet: str | None) -> str | None:
    if not outlet:
        return None
    outlet = re.sub(r"\s+", " ", _unescape(outlet)).strip(" .,-|")
    return outlet or None


def _dedupe_credits(credits: list[Credit]) -> list[Credit]:
    seen: set[tuple[str, str]] = set()
    out = []
    for credit in credits:
        key = (credit.kind, party_key(credit.name))
        if key not in seen:
            seen.add(key)
            out.append(credit)
    return out


def _mark_title_repeated(units: list[_Unit], state: _State) -> None:
    """A body line that is the article's title again (a gallery's headline printed under its photos,
    above the article): the title is the header's, not a paragraph."""
    if not state.title:
        return
    title = " ".join(state.title.split()).casefold()
    for unit in units:
        if unit.role == "body" and " ".join(unit.text.split()).casefold() == title:
            _remove(unit, "title repeated")


def _remove(unit: _Unit, why: str, role: str = "removed") -> None:
    unit.role, unit.why = role, why


def _mark_furniture_everywhere(units: list[_Unit], state: _State) -> None:
    previous_text: str | None = None
    previous_index = 0
    for index, unit in enumerate(units):
        text = unit.text
        if unit.link_only:
            _remove(unit, "link-only line")
            continue
        credit = _match_credit(text)
        notice = _CREDIT_THEN_COPYRIGHT.match(text) if credit is None and len(text) <= 400 else None
        if notice:  # "Republished with permission from Ann Lee. Copyright (c) Harbour Gazette LLC."
            credit, copyright_credits = _match_credit(notice.group("credit")), _match_copyright(notice.group("notice"))
            if credit and copyright_credits is not None:
                credit = (credit[0] + copyright_credits, credit[1])
            else:
                credit = None
        if credit:
            credits, extra = credit
            state.credits.extend(credits)
            state.outlet = state.outlet or extra.get("outlet")
            state.byline = state.byline or extra.get("byline")
            state.original_byline = state.original_byline or extra.get("byline")
            _remove(unit, "credit line", "credit")
            continue
        if len(text) <= 500 and _CONTRIBUTION.match(text):
            state.credits.extend(_contribution_credits(text))
            _remove(unit, "contributor line", "credit")
            continue
        if _is_photo_credit(text):
            _remove(unit, "image credit")
            above = units[index - 1] if index > 0 else None
            # (a date line or a byline above the photo is the article's, not the photo's)
            if above is not None and above.role == "body" and not _is_header_fact(above.text) and (
                not _is_body_sentence_end(above.text) or _is_caption_start(above.text)
            ):
                _remove(above, "image caption")
            continue
        copyright_credits = _match_copyright(text)
        if copyright_credits is not None:
            state.credits.extend(copyright_credits)
            _remove(unit, "copyright line", "credit")
            continue
        if _is_caption_start(text) or (_CREDIT_OPENED_CAPTION.match(text) and count_words(text) <= 80) \
                or (count_words(text) <= _CAPTION_WORDS and _CAPTION_WITH_CREDIT.search(text)):
            _remove(unit, "image caption")
            continue
        if index < _LABEL_EXPLAINER_LINES and count_words(text) <= _LABEL_EXPLAINER_WORDS \
                and _LABEL_EXPLAINER.match(text):
            _remove(unit, "label explainer")
            continue
        if _RELATED_LABEL.match(text):
            # the label and the headlines under it, up to the next sentence of the article (before the
            # widget words: "Related stories" is one of them, and the headlines under it stayed, glued
            # to the paragraph after them)
            _remove(unit, "related links")
            for below in units[index + 1 :]:
                if below.role != "body" or not _headline_like(below.text) or _is_body_sentence_end(below.text):
                    break
                _remove(below, "related links")
            continue
        if (len(text) <= 80 and _WIDGET.match(text)) or _is_share_widget(text) or _GALLERY_LINE.match(text):
            _remove(unit, "page widget")
            continue
        if len(text) <= 1000 and _SHARE_DIALOG.search(text):
            _remove(unit, "share dialog")
            continue
        if _GALLERY_TOGGLE.search(text):
            _remove(unit, "image caption")
            continue
        if not re.search(r"[^\W_]", text) or _EMAIL_ONLY.match(text):  # also a rule of underscores ("___")
            _remove(unit, "punctuation or e-mail only")
            continue
        if _DATE_NO_YEAR.match(text):
            _remove(unit, "date without a year")
            continue
        if _TIMESTAMP.match(text):
            _remove(unit, "page render timestamp")
            continue
        if _META_LINE.match(text) and (unit.had_link or len(text.split()) <= 20):
            _remove(unit, "section and tag links")
            continue
        if (len(text) <= 300 and _PROMPT.match(text)) or (len(text) <= 1500 and _COMMENT_POLICY.match(text)):
            _remove(unit, "reader prompt")
            continue
        if _DISCLAIMER.match(text) or (_FAIR_USE.search(text) and len(text) < 1500 and index > len(units) // 2):
            _remove(unit, "disclaimer")
            continue
        match = _ARTICLES_BY.match(text)
        if match and _is_name(_tidy_name(match.group("name"))):
            state.byline = state.byline or _tidy_name(match.group("name"))
            _remove(unit, "author link", "byline")
            continue
        # (the first text of the page printed again below is the headline twice, "Opinion |Will the
        # Legitimacy …" / "Supported by" / "Will the Legitimacy …", which the header reads as the title)
        if previous_text is not None and text == previous_text and count_words(text) >= 4 \
                and any(u.role == "body" for u in units[:previous_index]):
            _remove(unit, "caption repeated twice")
            _remove(units[previous_index], "caption repeated twice")
            continue
        previous_text, previous_index = text, index


_CUE_ONLY = re.compile(r"^(?:by|updated|published|posted(?: on)?|last updated|first published)\s*:?$", _I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—]\s+[^|–—]{2,60}$")


def _wire_byline(text: str) -> str | None:
    """A byline printed without "By": a wire alone ("The Associated Press", "/ AP") or names and a
    wire ("Lucas Shaw, Bloomberg", "Jane Roe and John Doe, Associated Press"). Only the wires of
    :data:`WIRE_NAMES`: a header line "Name, Name" is as often a place or a caption."""
    text = text.strip().removeprefix("/").strip()
    if len(text) > 120 or not text or "(" in text:  # "(CNN)" opens a paragraph: a dateline
        return None
    if party_key(text) in WIRE_NAMES:
        return _tidy_name(text)
    names, _, wire = text.rpartition(",")
    if not names or party_key(wire) not in WIRE_NAMES:
        return None
    people = [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", _tidy_name(names)) if p]
    if people and all(_is_name(p) and len(p.split()) >= 2 for p in people):
        return _tidy_name(text)
    return None


def _is_header_fact(text: str) -> bool:
    """A byline or a date line (or the cue of one): what a header says about the article, never a caption."""
    return bool(_BYLINE.match(text) or _CUE_ONLY.match(text)) or _wire_byline(text) is not None or _is_date_line(text)


def _is_body_sentence_end(text: str) -> bool:
    return text.rstrip("”\"’')")[-1:] in ".!?…"


def _header_end(units: list[_Unit]) -> int:
    """The first body paragraph; a standfirst with the byline or date just below it is header."""
    for index, unit in enumerate(units):
        if unit.role == "body" and _is_body(unit):
            below = [u.text for u in units[index + 1 : index + 3] if u.role == "body"]
            if below and (_CUE_ONLY.match(below[0]) or _is_date_line(below[0]) or _BYLINE.match(below[0])):
                continue
            return index
    return len(units)


def _cued_date(text: str, reference: ParsedDate | None = None) -> tuple[re.Match[str] | None, str, ParsedDate] | None:
    """The date in a line, after an optional cue ("Published:", "Updated"): (cue, rest, date)."""
    cue = _DATE_CUE.match(text)
    candidate = text[cue.end() :] if cue else text
    parsed = find_date(candidate, reference=reference)
    return None if parsed is None else (cue, candidate, parsed)


def _is_date_line(text: str) -> bool:
    """A line that is a date (with cue words, weekday or clock around it), not a sentence."""
    if len(text) > 80:
        return False
    found = _cued_date(text)
    if found is None:
        return False
    _, candidate, parsed = found
    rest = (candidate[: parsed.start] + " " + candidate[parsed.end :]).strip(" ,|·-–—.")
    rest = re.sub(r"\b(?:\d{1,2}:\d{2}|[ap]\.?m\.?|GMT|UTC|[ECMP][SD]T|ET|at|on|updated|"
                  r"mon|tue|wed|thu|fri|sat|sun)\w*\b", "", rest, flags=_I)
    return not rest.strip(" ,|·-–—.")


def _looks_like_title(unit: _Unit) -> bool:
    if unit.heading:
        return True
    words = unit.text.split()
    if not 3 <= len(words) <= 30 or _BYLINE.match(unit.text) or _is_date_line(unit.text):
        return False
    if unit.text.endswith(":"):
        return False
    if unit.text.endswith("."):
        # A sentence-like first line is a lede, unless it is written in title case.
        capitalised = sum(1 for w in words if w[:1].isupper())
        return capitalised / len(words) >= 0.6
    return True


def _read_header(units: list[_Unit], state: _State, document: RawDocument) -> None:
    end = _header_end(units)
    _mark_promoted(units[:end])
    header = [u for u in units[:end] if u.role == "body"]
    # Title: a markdown heading, else a short first line that is not a sentence of the body.
    if document.title_hint:
        wanted = _fold(document.title_hint)
        for unit in units[: end + 1]:
            if unit.role == "body" and _fold(unit.text) == wanted:
                _remove(unit, "title", "title")
                break
    elif header:
        heading = next((u for u in header if u.heading), None)
        first = next((u for u in header if not _is_date_line(u.text)), None)
        candidate = heading or first
        if candidate is not None and _looks_like_title(candidate):
            state.title = candidate.text
            _remove(candidate, "title", "title")
    # A header line repeating the title (some pages print it twice, the first time with "| Outlet").
    title_text = state.title or document.title_hint
    if title_text:
        repeated = {_fold(title_text), _fold(_TITLE_SUFFIX.sub("", title_text))}
        for unit in units[:end]:
            if unit.role == "body" and _fold(unit.text) in repeated:
                _remove(unit, "title repeated")
    # A verbless line between headline and lede is a photo caption when the page credits an image.
    if any(u.why == "image credit" for u in units):
        for unit in units[:end]:
            if unit.role == "body" and not unit.heading and _headline_like(unit.text) \
                    and not _is_header_fact(unit.text) and find_date(unit.text) is None:
                _remove(unit, "image caption")
    # Bylines first, then outlet/date lines (a date next to the byline or title is the dateline
    # of publication; a lone clock-and-date line elsewhere is how a page printed its render time).
    for unit in units[:end]:
        if unit.role != "body":
            continue
        match = _BYLINE.match(unit.text)
        if match is None and (labelled := _LABELLED_BYLINE.match(unit.text)):
            match = _BYLINE.match(labelled.group("by"))
        if match and _LETTERS_PAGE.match(match.group("name")):
            _remove(unit, "letters page named as the byline")  # no person: no byline
            continue
        if match:
            name, rest = _split_byline(match.group("name"))
            if name:
                own = document.outlet_hint or state.outlet
                site = _other_site(rest, units, own) if rest else None
                head, _, last = name.rpartition(", ")
                if not rest and head and _other_site(last, units, own):  # "by Ann Lee, Harbour Blog:"
                    name, site = head, _other_site(last, units, own)
                elif not rest and head and own is None and _publication(last):
                    # a page of no known outlet: "By Ann Lee, Harbour Gazette" names its own
                    name, state.outlet = head, _tidy_name(last)
                possessive = _POSSESSIVE_SITE.fullmatch(name)
                if not rest and possessive and _other_site(possessive.group("site"), units, own):
                    name, site = possessive.group("who"), possessive.group("site")  # "By Ann Lee's HarbourBlog.com"
                state.byline = state.byline or name
                if site:  # "By Ann Lee / Harbour Gazette" on another outlet's page: a repost, by its author
                    state.credits.append(Credit(kind="originally_published_by", name=site, line=unit.text))
                    state.original_byline = state.original_byline or name
                elif rest:
                    _read_date_line(rest, state, unit, byline_context=True)
                _remove(unit, "byline", "byline")
            continue
        wire_byline = _wire_byline(unit.text)
        if wire_byline:
            state.byline = state.byline or wire_byline
            _remove(unit, "byline", "byline")
        elif _CUE_ONLY.match(unit.text):
            # "by" whose name was a link, "Updated" above its date: a cue without its value
            _remove(unit, "date or byline cue without a value")
    # A name alone right above the date line is the byline ("Igor Derysh" / "May 31, 2019 …"), or
    # the outlet when a word of it says so ("Coastal News Online" / "13 March 2024").
    header = [u for u in units[:end] if u.role in {"body", "byline", "title"}]
    for unit, below in itertools.pairwise(header):
        if unit.role == "body" and below.role == "body" and _is_date_line(below.text) \
                and _is_name(unit.text) and 1 <= len(unit.text.split()) <= 4 and "." not in unit.text:
            if _OUTLET_WORD.search(unit.text):
                state.outlet = state.outlet or unit.text.strip()
                _remove(unit, "outlet line", "meta")
            elif len(unit.text.split()) >= 2:
                state.byline = state.byline or _tidy_name(unit.text)
                _remove(unit, "byline", "byline")
    # The author's one-line bio in the header ("By Joshua A. Geltzer" / "Mr. Geltzer is the executive
    # director …" / "May 31, 2019"), as opinion pages print it: not the lede.
    patterns = _author_patterns(_first(_clean_byline_hint(document.byline_hint), state.byline))
    for unit in units[: end + 1] if patterns else []:
        if unit.role == "body" and patterns and patterns[1].match(unit.text) and count_words(unit.text) <= _BIO_WORDS:
            _remove(unit, "author bio")
    _mark_promoted(units[: _header_end(units)])  # again: below a given title that read like a sentence
    # Up to three title-case words in the header: a masthead, section or edition label
    # ("South Park Magazine", "Business"), not a sentence (an all-capitals place is a dateline).
    for unit in units[:end]:
        words = unit.text.split()
        if unit.role == "body" and not unit.heading and 1 <= len(words) <= 3 and unit.text[-1:] not in _TERMINAL \
                and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not unit.text.isupper() \
                and not _is_header_fact(unit.text) and _cued_date(unit.text, state.reference) is None:
            _remove(unit, "masthead or section label")
    # A clock-and-date line is the publication date next to the title, a byline, a credit line or a
    # cue ("Updated"), or at the top of the page; elsewhere it may be when the page was printed.
    kept = [u for u in units[:end] if u.role in {"body", "byline", "title", "credit", "meta"}
            or u.why == "date or byline cue without a value"]
    for index, unit in enumerate(kept):
        if unit.role != "body":
            continue
        neighbours = kept[max(0, index - 1) : index] + kept[index + 1 : index + 2]
        anchored = index == 0 or any(n.role != "body" for n in neighbours)
        if not _read_source_date_line(unit, state, document.outlet_hint) \
                and not _read_date_line(unit.text, state, unit, byline_context=False, anchored=anchored) \
                and _UNORDERED_DATE_LINE.match(unit.text):
            # "Published 07/01/2018 10:31 AM" that no fetch time settles: a date line, not the lede
            _remove(unit, "publication date line (day and month order unknown)", "meta")
    state.yearless_date = next((u.text for u in units[:end] if u.why == "date without a year"), None)


def _mark_promoted(header: list[_Unit]) -> None:
    """A labelled teaser for another story above this one ("Headline: Bitcoin & Blockchain Searches
    Exceed Trump! …" on every page of one site, "Sponsored: …"): never the title or the lede."""
    for unit in header:
        if unit.role == "body" and _PROMOTED.match(unit.text) and count_words(unit.text) <= 25:
            _remove(unit, "promoted headline")


_POSSESSIVE_SITE = re.compile(r"(?P<who>[^'’,]{2,60})['’]s (?P<site>(?:[\w-]+\.)+[a-z]{2,})", _I)
_SITE_WORD = re.compile(r"\b(?:Blog|Report|Ticker|Review|Watchdog|Insider|Digest|Platform)\b", _I)
"""A word that makes a name a website's ("Harbour Blog", "Market Ticker") after a byline's author."""


def _other_site(part: str, units: list[_Unit], outlet: str | None) -> str | None:
    """The publication a byline names after its author ("Harbour Gazette" in "By Ann Lee / Harbour
    Gazette"), if it is not ``outlet`` (a page without one names nothing): a domain, a name with a
    word such as "News", one opening with "The", or one a web address on the page spells
    ("American Thinker" and americanthinker.com). Another person ("By Ann Lee / Jon Lens") is none."""
    part = _tidy_name(part)
    if outlet is None or not part or len(part.split()) > 6 or find_date(part) is not None:
        return None
    if _site_key(part) == _site_key(outlet) or not (_DOMAIN.match(part) or _is_name(part)):
        return None
    hosts = {label for unit in units for m in _URL.finditer(unit.text)
             for label in m.group("host").casefold().split(".")}
    key = _site_key(part)
    if _DOMAIN.match(part) or _OUTLET_WORD.search(part) or _SITE_WORD.search(part) or part.split()[0] in {"The", "THE"} \
            or (len(key) >= 6 and (key in hosts or "the" + key in hosts)):
        return part
    return None


def _publication(part: str) -> bool:
    """Whether the part of a byline after the author's name is a publication's name: a domain or a
    name with a word such as "News" or "Post", or opening with "The" — not a wire (its copy carries
    the wire's credit, :func:`_byline_credits`), a role ("Staff Writer") or a date."""
    part = _tidy_name(part)
    if not part or len(part.split()) > 6 or find_date(part) is not None or _ROLE_WORDS.search(part) \
            or party_key(part) in WIRE_NAMES:
        return False
    return bool(_DOMAIN.match(part) or (_is_name(part) and (_OUTLET_WORD.search(part) or _SITE_WORD.search(part)
                                                            or part.split()[0] in {"The", "THE"})))


def _split_byline(value: str) -> tuple[str | None, str | None]:
    """"Jane Doe | October 20, 2016" → ("Jane Doe", "October 20, 2016");
    "Jessica Levinson, professor at Loyola Law School" → ("Jessica Levinson", None)."""
    parts = re.split(r"\s*(?:\||·|•| on | - | – | — | / |: (?=\w+\.? \d)|, (?=(?:\w+\.? )?\d))\s*", value, maxsplit=1)
    rest = parts[1] if len(parts) > 1 else None
    if rest is None:
        # "Maria Lindqvist 12 March 2024": two header lines a markdown paragraph ran together
        dated = find_date(value)
        if dated is not None and dated.start > 0:
            parts, rest = [value[: dated.start].rstrip(" ,")], value[dated.start :]
    names: list[str] = []
    for segment in re.split(r"\s*,\s*", parts[0]):
        people = [p for p in re.split(r"\s+and\s+|\s*&\s*", _tidy_name(segment)) if p]
        if people and all(_is_name(p) for p in people) and (not names or not _ROLE_WORDS.search(segment)):
            names.append(_tidy_name(segment))
        else:
            break
    if not names:
        return None, None
    return ", ".join(names), rest


def _read_date_line(
    text: str, state: _State, unit: _Unit, *, byline_context: bool, anchored: bool = False
) -> bool:
    """Header lines that carry the publication date: "Outlet, October 20, 2016", "Published: …"."""
    if len(text) > 120:
        return False
    found = _cued_date(text, state.reference)
    if found is None:
        return False
    cue, candidate, parsed = found
    before = candidate[: parsed.start].strip(" ,|·-–—")
    after = candidate[parsed.end :].strip(" ,|·-–—./")
    if after and not re.fullmatch(r"(?:at\s+)?\d{1,2}:\d{2}.*|(?:GMT|UTC|[ECMP][SD]T|ET)", after, _I):
        return False
    weekday = re.fullmatch(r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?", before, _I)
    if cue or byline_context:
        pass
    elif before and not weekday:
        # "Global Research, October 20, 2016": an outlet name, then the date.
        if re.search(r"\d{1,2}:\d{2}", before) and anchored:
            pass
        elif not _is_name(before) or len(before.split()) > 6:
            return False
        else:
            state.outlet = state.outlet or before
    elif parsed.has_clock and not anchored:
        # A bare clock-and-date line far from title and byline: the page's render time.
        return False
    if state.date is None:
        state.date = parsed
    if not byline_context:
        outlet_line = before and not cue and not weekday and not re.search(r"\d{1,2}:\d{2}", before)
        _remove(unit, "outlet and date line" if outlet_line else "publication date line", "meta")
    return True


#: What separates the parts of a source-and-date line ("[January 24, 2018 - ZurichTimes.net]").
_SOURCE_LINE_PARTS = re.compile(r"\s+[/|–—-]\s+")
_DOMAIN = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?$", _I)


def _read_source_date_line(unit: _Unit, state: _State, outlet: str | None) -> bool:
    """A header line of a date and where the copy is from, in brackets or parted by bars, slashes or
    dashes, as reposting sites print it: "[January 24, 2018 - ZurichTimes.net]", "news.goldseek.com /
    By: Jim Willie CB, GoldenJackass.com / 26 December 2017". The date is the publication's, a "By"
    part the byline, and each site named (a web address, or a name with a word such as "News" or
    "Times") is a credit, unless it is the article's own outlet. A part that is none of these means
    the line is something else: nothing is read."""
    text = unit.text.strip()
    bracketed = text[:1] + text[-1:] in {"[]", "()"}
    parts = _SOURCE_LINE_PARTS.split(text[1:-1].strip() if bracketed else text)
    if len(text) > 160 or len(parts) < 2:
        return False
    dates = [parsed for part in parts if _is_date_line(part) and (parsed := find_date(part)) is not None]
    if len(dates) != 1:
        return False
    sites: list[str] = []
    byline: str | None = None
    for part in parts:
        by = _BYLINE.match(part)
        if by:  # "By: Jim Willie CB, GoldenJackass.com": the names, and the site
            segments = re.split(r"\s*,\s*", by.group("name"))
            sites.extend(_tidy_name(seg) for seg in segments if _DOMAIN.match(seg))
            people = [seg for seg in segments if not _DOMAIN.match(seg)]
            byline = _split_byline(", ".join(people))[0] if people else None
            if people and byline is None:
                return False
        elif _DOMAIN.match(part) or (_is_name(part) and _OUTLET_WORD.search(part)):
            sites.append(_tidy_name(part))
        elif not _is_date_line(part):
            return False
    if not sites:
        return False
    state.date = state.date or dates[0]
    state.byline = state.byline or byline
    own = {_site_key(outlet)} if outlet else set()
    for site in sites:
        if _site_key(site) in own:
            continue
        if outlet is None and state.outlet is None:
            state.outlet = site
        else:
            state.credits.append(Credit(kind="via", name=site, line=text, role="source line"))
    _remove(unit, "source and date line", "meta")
    return True


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _mark_trailing_block(units: list[_Unit]) -> None:
    """Plain-text pastes: after the last body paragraph, a short run of related headlines or a
    tag list is page furniture. (HTML has its own structure, which the extractor already used.)"""
    body_indexes = [i for i, u in enumerate(units) if u.role == "body"]
    if not body_indexes:
        return
    last_real = max((i for i in body_indexes if _is_body(units[i])), default=None)
    if last_real is None:
        return
    tail = [units[i] for i in body_indexes if i > last_real]
    for unit in tail:
        if _is_tag_list(unit.text):
            _remove(unit, "tag list")
    headlines = [u for u in tail if u.role == "body" and _headline_like(u.text)]
    related = [u for u in headlines if count_words(u.text) >= 3 and not re.match(r"^[-*•\d]", u.text)]
    if 2 <= len(related) <= 8 and len(related) == len(headlines):
        for unit in related:
            _remove(unit, "related links")


def _mark_trailing_links(units: list[_Unit]) -> None:
    """Plain-text pastes and exports: web addresses alone on the last lines
    ("http://www.americanthinker.com/articles/…"), the page the copy came from, printed as a link. One that a sentence introduces ("… this year:")
    is the article's reference and stays."""
    body = [u for u in units if u.role == "body" and u.text.strip()]
    while body and _BARE_URL.match(body[-1].text) and not (len(body) > 1 and body[-2].text.endswith(":")):
        _remove(body.pop(), "source link")


#: How far from the end an author's bio is looked for (body paragraphs), and its longest (words).
_BIO_TAIL, _BIO_WORDS = 3, 120
_BIO_VERB = r"(?:,|['’]s\b|\s+(?:is|was|has|had|writes|wrote|covers|teaches|lives|joined|holds|served)\b)"


#: The honorifics some papers print before an author's surname in the bio ("Mr. Geltzer is …").
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof)\.?"


def _author_patterns(byline: str | None) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(the author's name alone, a bio opening with it) for the byline's names of two words or more:
    the full name ("Joshua A. Geltzer is …") or an honorific and the surname ("Mr. Geltzer is …")."""
    names = [n for n in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", byline or "") if len(n.split()) >= 2]
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    surnames = "|".join(re.escape(n.split()[-1]) for n in names)
    alone = re.compile(rf"^(?:{alternatives})\s*$", _I)
    bio = re.compile(rf"^(?:the\s+)?(?:{alternatives}|{_HONORIFIC}\s+(?:{surnames})\b){_BIO_VERB}", _I)
    return alone, bio


def _mark_author_bio(units: list[_Unit], byline: str | None) -> None:
    """Near the end, a paragraph about the article's author ("Judi McLeod is an award-winning
    journalist …", "The Fraser Institute is an independent …") or the author's name alone above it:
    page furniture, told by the byline's names (a paragraph about anyone else stays)."""
    patterns = _author_patterns(byline)
    if patterns is None:
        return
    alone, bio = patterns
    body = [u for u in units if u.role == "body" and u.text.strip()]
    for unit in body[-_BIO_TAIL:]:
        if alone.match(unit.text) or (bio.match(unit.text) and count_words(unit.text) <= _BIO_WORDS):
            _remove(unit, "author bio")


def _sentence_like(text: str) -> bool:
    """Long, or mostly lower-case words: a sentence fragment rather than a title-case subheading."""
    words = text.split()
    if len(words) >= 15:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 8 and capitalised / len(words) < 0.5


#: Roles of removed lines that are a page's header or credits: never printed inside a sentence.
_HEADER_ROLES = frozenset({"title", "byline", "credit", "meta"})


def _after_header_lines(units: list[_Unit]) -> set[int]:
    """The ids of the body units with a title, byline, credit or date line between them and the body
    unit before them (see :func:`_rejoin_broken_paragraphs`)."""
    found: set[int] = set()
    between = False
    for unit in units:
        if unit.role == "body" and unit.text.strip():
            if between:
                found.add(id(unit))
            between = False
        elif unit.role in _HEADER_ROLES:
            between = True
    return found


def _rejoin_broken_paragraphs(body: list[_Unit], after_header: set[int] | None = None) -> list[str]:
    """Join paragraphs that a stray blank line cut in two ("…plunged the Middle" / "East into…").

    Not across a title, byline, credit or date line (``after_header``: ids of the units such a line
    preceded): a page's second headline and the caption under its byline ("Supreme Court to decide
    if question goes on forms" / "By …" / "Posted: …" / "The Supreme Court ponders …") are two
    paragraphs, not one sentence. (An advertisement or a share widget can sit inside a paragraph;
    a byline cannot.)"""
    out: list[str] = []
    previous: _Unit | None = None
    after_header = after_header or set()
    for unit in body:
        text = unit.text
        if previous is not None and out and not previous.heading and not unit.heading and id(unit) not in after_header:
            last = out[-1]
            stripped = last.rstrip("”\"’'")
            open_clause = stripped.endswith(",") or stripped.endswith(";")
            unfinished = last[-1:] not in _TERMINAL and _sentence_like(last)
            lower_start = text[:1].islower() and last[-1:] not in ".!?…"
            if open_clause or unfinished or lower_start:
                out[-1] = f"{last} {text}"
                previous = unit
                continue
        out.append(text)
        previous = unit
    return out


#: Readers whose date hint is a column of an export, which is as often when the row was scraped or
#: indexed ("scrape_time") as when the article was published.
_TABLE_KINDS = frozenset({"csv", "jsonl"})


def _publication_date(document: RawDocument, state: _State) -> tuple[str | None, str | None]:
    """The hinted date, unless a table's date column is later than the date the article's own header
    prints: a page cannot be scraped before it was published, so the earlier printed date is the
    publication ("May 10, 2017, 12:56 AM UTC" over a scrape_time of 2019-06-01T00:24:40-04:00).

    A header date without its year ("May 30 at 4:36 PM") is placed against the table's column: on
    the column's day or the day before, the year is the column's (2019-05-30T16:36 against a
    scrape_time of 2019-05-31T07:58:00-04:00); further off it is not read (see
    :func:`~storytrace.dates.place_yearless_date`)."""
    hinted = parse_iso_datetime(document.date_hint)
    if hinted is not None:
        table = document.source_kind in _TABLE_KINDS
        printed = state.date
        if printed is None and table and state.yearless_date is not None:
            printed = place_yearless_date(state.yearless_date, reference=hinted)
        if printed is not None and table and _earlier(printed, hinted):
            return printed.date, printed.time
        return hinted.date, hinted.time
    if state.date is not None:
        return state.date.date, state.date.time
    # when the page was fetched is no publication date, but a date printed without its year on that
    # day or the day before is the page's (a WARC record's date, a table's fetched column)
    fetched = parse_iso_datetime(document.fetched_at)
    if fetched is not None and state.yearless_date is not None:
        placed = place_yearless_date(state.yearless_date, reference=fetched)
        if placed is not None:
            return placed.date, placed.time
    return None, None


def _earlier(first: ParsedDate, second: ParsedDate) -> bool:
    """Whether ``first`` is before ``second``: as instants when both carry a clock with a UTC offset,
    else by calendar date (a clock without a zone cannot be compared with one in another zone)."""
    if first.time and second.time:
        try:
            a, b = dt.datetime.fromisoformat(first.time), dt.datetime.fromisoformat(second.time)
        except ValueError:
            return first.date < second.date
        if a.tzinfo is not None and b.tzinfo is not None:
            return a < b
    return first.date < second.date
