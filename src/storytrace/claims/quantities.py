"""Numeric claims: every number an article states about something, with its qualifier, range, unit and
the thing counted, so that the same figure can be compared across outlets.

The stages, in order:

1. **mask** what is numeric but not a quantity: dates, clock times, ordinals, URLs, phone numbers,
   list numbering, numeric dates and slashed pairs (``9/11``, ``24/7``);
2. **atoms**: numbers in digits (``40,000``, ``1.5``, ``.5``), with a currency prefix (``$``, ``US$``,
   ``£``, ``RM``), a scale word or suffix (``1.5 million``, ``$4bn``, ``2.7m``), in words (``twenty-five``,
   ``a dozen``, ``two million``), vague plurals (``tens of thousands``, ``hundreds``) and fractions
   (``a third of``, ``one in three``);
3. **quantities**: a unit after the atom (``%``, ``per cent``, ``km``, ``dollars``, ``-year-old`` …),
   ranges (``between A and B``, ``from A to B``, ``A to B``, ``A-B``, ``A or B``), the qualifier before it
   (``about``, ``more than``, ``up to`` …) or after it (``or more``), a sign (``-5``, ``minus 233``);
   then the rules that drop years, numbers that are part of names (``Game 2``, ``COVID-19``, ``G7``),
   ages after a name (``Mosul, 68,``) and ids;
4. **counted thing**: only sentences that keep a quantity needing it are parsed with spaCy (tagger +
   parser), and the noun phrase the number modifies (``nummod``, through ``quantmod``/``compound``
   chains, or the object of a following ``of``) becomes ``counted``, coordinated nouns included.

Qualifiers: ``about, around, roughly, some, nearly, almost, approximately, an estimated, close to, ~,
or so, -odd`` → ``approximately``; ``more than, over, at least, upwards of, in excess of, above,
exceeding, as few as, or more, -plus`` → ``at_least``; ``fewer than, less than, under, below, up to,
as many as, as much as, at most, no more than, sub-, or less`` → ``at_most`` ("as many as" is read as an
upper bound, like "up to"); ranges → ``range`` whatever their qualifier. A range has ``value=None``
and ``low``/``high``; a bound keeps ``value`` and sets ``low`` (at_least) or ``high`` (at_most).

Nothing here raises on odd input: text that cannot be read as a number is skipped.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Quantity
from .doccache import DocCache

__all__ = ["extract_quantities"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

# ------------------------------------------------------------------------------------------------
# vocabulary

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PLURAL_SCALES = {
    "dozens": 12.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    "trillions": 1e12,
}
_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
_WORD_NUMBER = "|".join(sorted([*_SMALL, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))

# Currency written before the number. "PS" and "Y=" are how "£" and "¥" come out of an ASCII
# transliteration (unidecode-style); they are read as currencies only before a clearly monetary number.
_CURRENCY_PREFIX = {
    "US$": "USD", "$US": "USD", "USD": "USD", "A$": "AUD", "$A": "AUD", "AU$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD", "HK$": "HKD", "HKD": "HKD",
    "S$": "SGD", "SGD": "SGD", "R$": "BRL", "$": "dollar", "£": "GBP", "GBP": "GBP", "PS": "GBP", "€": "EUR",
    "EUR": "EUR", "¥": "JPY", "Y=": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "₹": "INR", "INR": "INR",
    "Rs": "INR", "Rs.": "INR", "RM": "MYR", "CHF": "CHF", "₽": "RUB", "₪": "ILS", "NIS": "ILS",
}
_CURRENCY_RE = "|".join(
    re.escape(c).replace(r"\$", r"\s?\$") if c in ("US$", "HK$", "S$") else re.escape(c)
    for c in sorted(_CURRENCY_PREFIX, key=len, reverse=True)
)

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?|\.\d+"

_ATOM_RE = re.compile(
    rf"""
    (?P<cur>(?:{_CURRENCY_RE}))?\s?
    (?P<num>{_DIGITS})
    (?P<sci>\s?[×x]\s?10\s?\^?(?P<exp>[-−]?\d{{1,3}}))?
    (?P<scale>
        \s?-?(?P<word>(?i:hundred|thousand|million|billion|trillion))(?![A-Za-z])
      | \s?(?P<abbr>bn|mn|mln|mil|bln|tn|trn|BN|MLN|BLN)(?![A-Za-z])
      | (?P<short>[mbkMBK])(?![A-Za-z0-9])
    )?
    """,
    re.VERBOSE,
)
_WORDS_RE = re.compile(
    rf"\b(?:(?P<article>an?|half\s+an?|an?\s+half[\s-]?)\s*(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?P<run>(?:{_WORD_NUMBER})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD_NUMBER}))*)"
    rf"(?P<half>\s+and\s+a\s+half(?:\s+(?P<half_scale>hundred|thousand|million|billion|trillion))?)?\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?P<several>several|a\s+few)\s+(?P<single>dozen|hundred|thousand|million|billion)"
    r"|(?P<plural>dozens|tens|hundreds|thousands|millions|billions|trillions))"
    r"(?P<of>\s+of\s+(?P<inner>thousands|millions|billions|trillions)(?![\w-]))?(?![\w-])",
    re.IGNORECASE,
)
_FRACTION_RE = re.compile(
    r"\b(?:(?P<num>a|an|one|two|three|four|five|seven|nine)[\s-]+(?P<den>half|third|thirds|quarter|quarters|"
    r"fourth|fourths|fifth|fifths|sixth|eighth|eighths|tenth|tenths)(?=\s+of\b)"
    r"|(?P<num_plural>two|three|four|five|seven|nine)[\s-]+(?P<den_plural>thirds|quarters|fourths|fifths|sixths|eighths|"
    r"tenths)(?![\w-])"
    r"|(?P<ratio_num>one|two|three|four|five|six|seven|eight|nine|\d{1,3})(?:\s+|-)(?:in|out\s+of)(?:\s+|-)"
    r"(?:every\s+)?(?P<ratio_den>two|three|four|five|six|seven|eight|nine|ten|\d{1,4})(?![\w-])"
    r"|(?P<half>half)(?=\s+of\b))",
    re.IGNORECASE,
)

# Units written after the number: (pattern, canonical). Case-insensitive unless listed in _UNITS_CS.
_UNITS: list[tuple[str, str]] = [
    (r"percentage[\s-]points?|pct\.?\s?pts?|ppts?", "percentage point"),
    (r"per[\s-]?cent(?:age)?|pct|pc", "percent"),
    (r"basis\s+points?|bps", "basis point"),
    (r"points?|pts", "point"),
    (r"years?[\s-]old|-?year[\s-]olds?", "years old"),
    (r"months?[\s-]old", "months old"),
    (r"weeks?[\s-]old", "weeks old"),
    (r"days?[\s-]old", "days old"),
    (r"kilometres?\s+per\s+hour|kilometers?\s+per\s+hour|km/hr?|kph|kmh|km\s?/\s?h", "km/h"),
    (r"miles?\s+per\s+hour|mph", "mph"),
    (r"miles?\s+per\s+gallon|mpg", "mpg"),
    (r"metres?\s+per\s+second|meters?\s+per\s+second|m/s", "m/s"),
    (r"square\s+miles?|sq\.?\s?mi(?:les?)?", "square mile"),
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s?km|km2|km²", "km²"),
    (r"square\s+met(?:re|er)s?|sq\.?\s?m|sqm|m2|m²", "m²"),
    (r"square\s+f(?:ee|oo)t|sq\.?\s?ft|sqft", "square foot"),
    (r"cubic\s+f(?:ee|oo)t|cu\.?\s?ft", "cubic foot"),
    (r"cubic\s+met(?:re|er)s?|m3|m³", "m³"),
    (r"hectares?", "hectare"),
    (r"acres?", "acre"),
    (r"nautical\s+miles?", "nautical mile"),
    (r"light[\s-]years?", "light-year"),
    (r"kilomet(?:re|er)s?|kms?", "km"),
    (r"centimet(?:re|er)s?|cm", "cm"),
    (r"millimet(?:re|er)s?|mm", "mm"),
    (r"micromet(?:re|er)s?|microns?|μm|µm", "μm"),
    (r"nanomet(?:re|er)s?|nm", "nm"),
    (r"met(?:re|er)s?", "m"),
    (r"miles?", "mile"),
    (r"f(?:ee|oo)t|ft", "foot"),
    (r"inch(?:es)?", "inch"),
    (r"yards?|yds?", "yard"),
    (r"kilogram(?:me)?s?|kilos?|kgs?", "kg"),
    (r"milligram(?:me)?s?|mg", "mg"),
    (r"micrograms?|mcg|μg", "μg"),
    (r"gram(?:me)?s?", "g"),
    (r"gigaton(?:ne)?s?", "gigatonne"),
    (r"megaton(?:ne)?s?", "megatonne"),
    (r"metric\s+tons?|tonnes?", "tonne"),
    (r"tons?", "ton"),
    (r"pounds?\s+sterling|sterling", "GBP"),
    (r"pounds?|lbs?", "pound"),
    (r"ounces?|oz", "ounce"),
    (r"carats?", "carat"),
    (r"millilit(?:re|er)s?|ml", "ml"),
    (r"lit(?:re|er)s?", "litre"),
    (r"gallons?|gal", "gallon"),
    (r"barrels?|bbl", "barrel"),
    (r"kilowatt[\s-]hours?|kwh", "kWh"),
    (r"megawatt[\s-]hours?|mwh", "MWh"),
    (r"gigawatt[\s-]hours?|gwh", "GWh"),
    (r"terawatt[\s-]hours?|twh", "TWh"),
    (r"kilowatts?", "kW"),
    (r"megawatts?", "MW"),
    (r"gigawatts?", "GW"),
    (r"watts?", "W"),
    (r"volts?", "V"),
    (r"horsepower|b?hp", "hp"),
    (r"newton[\s-]met(?:re|er)s?", "Nm"),
    (r"lb[\s-]ft|pound[\s-]f(?:ee|oo)t", "lb-ft"),
    (r"rpm", "rpm"),
    (r"knots?|kts?", "knot"),
    (r"decibels?|db", "dB"),
    (r"ppm|parts\s+per\s+million", "ppm"),
    (r"ppb|parts\s+per\s+billion", "ppb"),
    (r"(?:degrees?|deg)\s?(?:celsius|centigrade|c)|°\s?c|ºc", "°C"),
    (r"(?:degrees?|deg)\s?(?:fahrenheit|f)|°\s?f|ºf", "°F"),
    (r"celsius|centigrade", "°C"),
    (r"fahrenheit", "°F"),
    (r"degrees?|deg|°", "degree"),
    (r"terabytes?|tb", "TB"),
    (r"gigabytes?|gb", "GB"),
    (r"megabytes?|mb", "MB"),
    (r"kilobytes?|kb", "kB"),
    (r"gbps|mbps|kbps", ""),
    (r"gigahertz|ghz", "GHz"),
    (r"megahertz|mhz", "MHz"),
    (r"kilohertz|khz", "kHz"),
    (r"hertz|hz", "Hz"),
    (r"gigapascals?|gpa", "GPa"),
    (r"megapascals?|mpa", "MPa"),
    (r"ksi|psi", ""),
    (r"megapixels?", "megapixel"),
    (r"mah", "mAh"),
    (r"calories|kcal", "calorie"),
    (r"milliseconds?", "millisecond"),
    (r"decades?", "decade"),
    (r"centuries|century", "century"),
    (r"years?|yrs?", "year"),
    (r"months?", "month"),
    (r"weeks?|wks?", "week"),
    (r"days?", "day"),
    (r"hours?|hrs?", "hour"),
    (r"minutes?|mins?", "minute"),
    (r"seconds?|secs?", "second"),
    (r"times|-?fold", "times"),
    (r"u\.?s\.?\s+dollars?", "USD"),
    (r"australian\s+dollars?", "AUD"),
    (r"canadian\s+dollars?", "CAD"),
    (r"hong\s+kong\s+dollars?", "HKD"),
    (r"new\s+zealand\s+dollars?", "NZD"),
    (r"singapore\s+dollars?", "SGD"),
    (r"dollars?", "dollar"),
    (r"euros?", "EUR"),
    (r"pence", "pence"),
    (r"cents?", "cent"),
    (r"yen", "JPY"),
    (r"(?:chinese\s+)?yuan|renminbi|rmb", "CNY"),
    (r"shekels?|nis", "ILS"),
    (r"rupees?", "INR"),
    (r"roubles?|rubles?", "RUB"),
    (r"ringgit", "MYR"),
    (r"dinars?", "dinar"),
    (r"riyals?", "riyal"),
    (r"liras?", "lira"),
    (r"francs?", "franc"),
    (r"pesos?", "peso"),
    (r"rand", "ZAR"),
    (r"sen", "sen"),
    (r"usd|eur|gbp|aud|cad|jpy|cny|chf|inr|hkd|sgd|nzd|myr|ils|rub", "="),
    (r"bitcoins?|btc", "BTC"),
]
# Short symbols whose case matters ("5 m" metres, "5 M" nothing; "5W" watts, "5w" nothing).
_UNITS_CS: list[tuple[str, str]] = [
    ("%", "percent"), ("MW", "MW"), ("GW", "GW"), ("kW", "kW"), ("W", "W"), ("V", "V"), ("Gt", "gigatonne"),
    ("Mt", "megatonne"), ("m", "m"), ("g", "g"), ("l", "litre"), ("L", "litre"), ("p", "pence"), ("t", "tonne"),
    ("MP", "megapixel"), ("ms", "millisecond"), ("min", "minute"), ("Nm", "Nm"), ("PS", "PS"),
]
_UNIT_END = r"(?![A-Za-z0-9])"
_UNIT_RE = re.compile(r"(?:" + "|".join(f"(?:{p})" for p, _ in _UNITS) + r")" + _UNIT_END, re.IGNORECASE)
_UNIT_CS_RE = re.compile(r"(?:" + "|".join(re.escape(p) for p, _ in _UNITS_CS) + r")(?![A-Za-z0-9])")
_UNIT_PATTERNS = [(re.compile(rf"(?:{p}){_UNIT_END}", re.IGNORECASE), c) for p, c in _UNITS]
_UNIT_CS_MAP = dict(_UNITS_CS)
# Single letters that are a unit only when written against the number ("45g", "1lb" but not "5 g").
_ATTACHED_ONLY = {"g", "l", "L", "p", "t", "V", "W", "ms", "min", "MP", "Mt", "Gt", "Nm"}
_PER_RE = re.compile(r"\s+(?:per|a|an|each|every)\s+|-per-|\s*/\s*(?=[A-Za-z])", re.IGNORECASE)
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
# Denominators that may follow "a"/"each" ("$52 a barrel", "$14.95 a month"); other words after "a" start a noun.
_PER_ARTICLE = _TIME_UNITS | {
    "barrel", "gallon", "pound", "kg", "ton", "tonne", "litre", "ounce", "share", "head", "person", "gram",
    "square foot", "m²", "mile", "km",
}

# Words after which "1.5m" means metres, not millions.
_METRE_CONTEXT = re.compile(
    r"\s*(?:-|\s)?(?:tall|high|long|deep|wide|away|above|below|across|thick|sprint|race|hurdles|freestyle|"
    r"butterfly|backstroke|breaststroke|medley|relay|final|dash|runners?|hurdlers?|sprinters?|swimmers?|"
    r"in\s+(?:diameter|length|height|depth))\b",
    re.IGNORECASE,
)

_APPROX = (
    r"about|around|roughly|some|nearly|almost|approximately|approx\.?|an\s+estimated|estimated|close\s+to|"
    r"circa|ca\.|c\.|just\s+about|more\s+or\s+less|an\s+average\s+of\s+about|on\s+the\s+order\s+of|"
    r"in\s+the\s+region\s+of|somewhere\s+(?:around|near)|near(?:ly)?"
)
_AT_LEAST = (
    r"more\s+than|over\s+than|over|at\s+least|upwards?\s+of|in\s+excess\s+of|above|exceeding|greater\s+than|"
    r"no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|minimum\s+of|as\s+few\s+as|"
    r"as\s+little\s+as|as\s+low\s+as|just\s+over|well\s+over|just\s+above|well\s+above|more\s+then|beyond"
)
_AT_MOST = (
    r"fewer\s+than|less\s+than|under|below|up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|"
    r"no\s+more\s+than|not\s+more\s+than|at\s+most|at\s+the\s+most|a\s+maximum\s+of|maximum\s+of|just\s+under|"
    r"just\s+below|a\s+little\s+under|shy\s+of|short\s+of|less\s+then|lower\s+than|up\s+to\s+about"
)
_QUALIFIER_BEFORE = re.compile(
    rf"(?<![\w-])(?<!\b\w\.)(?:(?P<approximately>{_APPROX})|(?P<at_least>{_AT_LEAST})|(?P<at_most>{_AT_MOST}))"
    r"(?:(?<!\bover)(?<!\bunder)(?<!\babove)(?<!\bbelow)\s+an?)?\s+$"
    r"|(?P<tilde>~\s*)$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"(?:(?P<at_least>\s+or\s+(?:more|over|above|greater|higher|older)|\s*-?\s*plus\b|\+"
    r"|\s+and\s+(?:older|over|above|up)\b(?!\s*(?:to\b|\d|\$)))"
    r"|(?P<at_most>\s+or\s+(?:less|fewer|under|below|lower|younger)"
    r"|\s+and\s+(?:younger|under|below)\b(?!\s*(?:\d|\$)))"
    r"|(?P<approximately>\s+or\s+so\b|-odd\b|\s+odd\b(?=\s+[a-z]+s\b)))",
    re.IGNORECASE,
)
_RANGE_START = re.compile(r"(?<![\w-])(?P<word>between|from)(?P<ages>\s+(?:the\s+)?ages\s+of)?\s+$", re.IGNORECASE)
"""What opens a range before its first figure; "between the ages of 18 and 29" is a range of ages."""

# Lower-case words after which a number is a label, not an amount ("page 3", "category 4 hurricane").
_LABEL_WORDS = {
    "page", "pages", "section", "article", "chapter", "flight", "route", "highway", "interstate", "room",
    "gate", "level", "phase", "stage", "category", "grade", "class", "type", "version", "number", "no", "no.",
    "nos", "round", "game", "episode", "season", "act", "unit", "line", "platform", "row", "seat", "lane",
    "pier", "block", "district", "precinct", "ward", "zone", "sector", "division", "pool", "channel",
    "track", "volume", "vol", "vol.", "issue", "part", "figure", "fig", "fig.", "table", "item", "clause",
    "paragraph", "rule", "resolution", "amendment", "decree", "protocol", "model", "mark", "mk",
    "generation", "gen", "tier", "band", "size", "exit", "building", "apartment", "apt", "suite", "floor",
    "box", "bus", "train", "hole", "lot", "week", "day", "matchday", "step", "option", "appendix",
    "bill", "top", "image", "photo", "slide", "sec", "sec.", "ch", "ch.", "p.", "pp", "pp.", "stages", "classes", "covid", "ebola", "h1n1", "h5n1", "sars", "mers", "g", "f", "mig", "su", "the number",
}
# Capitalized words that may stand before an amount without making it part of a name.
_FREE_CAPITALS = {
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", "over", "under", "more",
    "fewer", "less", "at", "up", "only", "just", "another", "between", "from", "by", "to", "of", "in", "on",
    "for", "with", "and", "or", "than", "the", "a", "an", "all", "as", "its", "their", "his", "her", "our",
    "those", "these", "exactly", "precisely", "least", "most", "us", "u.s.", "uk", "u.k.",
    "eu", "estimated", "total", "minus", "plus", "were", "was", "are", "is", "had", "has", "have", "killed",
    "said", "says", "say", "when", "while", "after", "before", "since", "until", "during", "including",
    "like", "per", "into", "once", "past", "within", "without", "among", "fully", "perhaps",
    "maybe", "possibly", "both", "barely", "still", "also", "even", "every", "each", "today", "yesterday",
    "overall", "altogether", "officially", "currently", "now", "then", "again", "but", "yet",
    "so", "if", "though", "although", "because", "where", "who", "which", "that", "what", "there", "here",
    "we", "they", "he", "she", "it", "i", "you", "saw", "lost", "won", "took", "got", "gave", "made", "see",
}
_NOT_ONE = {
    "of", "another", "or", "and", "the", "a", "an", "who", "whom", "whose", "that", "which", "is", "was",
    "has", "had", "would", "could", "will", "can", "may", "might", "must", "should", "to", "in", "on", "at",
    "by", "for", "with", "from", "day", "thing", "way", "point", "side", "hand", "time", "but", "if", "as",
    "knows", "another's", "else", "not", "does", "did", "more", "less", "here", "there", "too", "so", "such",
    "i", "he", "she", "we", "they", "it", "you", "this", "his", "her", "their", "its", "my", "our", "your",
}
_NOT_ONE_BEFORE = {
    "no", "any", "every", "each", "this", "that", "which", "the", "one", "some", "someone", "anyone", "only",
    "number", "no.", "last", "first", "next", "other", "another", "than",
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_AND = r"(?:\s*&\s*|\s+(?:and|or|to|through|thru|till|until)\s+)"
_BILL = (
    r"(?<![\w.])(?:H\.\s?(?:R|Res|J\.\s?Res|Con\.\s?Res)|(?<![A-Z]\.\s)S\.\s?(?:(?:J\.\s?|Con\.\s?)?Res\.\s?)?)"
    r"(?:\.\s?)?\d+"
)
"""A bill's number ("H.R. 2899", "S. 1234"): a label, though the number follows a full stop (where the rule for
numbers after a capitalized word lets it pass as a sentence's first figure). "S." after an initial ("U. S.")
is not a bill."""
_CODE = r"(?:U\.\s?S\.\s?C\.?(?:\s?A\.?)?|C\.\s?F\.\s?R\.?|USC|CFR)(?![\w])"
_BOOK = (
    r"(?:(?:[1-3]|I{1,3})\s?)?(?:Genesis|Exodus|Leviticus|Numbers|Deuteronomy|Joshua|Judges|Ruth|Samuel|Kings|"
    r"Chronicles|Ezra|Nehemiah|Esther|Job|Psalms?|Proverbs|Ecclesiastes|Song\s+of\s+(?:Solomon|Songs)|Isaiah|"
    r"Jeremiah|Lamentations|Ezekiel|Daniel|Hosea|Joel|Amos|Obadiah|Jonah|Micah|Nahum|Habakkuk|Zephaniah|Haggai|"
    r"Zechariah|Malachi|Matthew|Mark|Luke|John|Acts|Romans|Corinthians|Galatians|Ephesians|Philippians|"
    r"Colossians|Thessalonians|Timothy|Titus|Philemon|Hebrews|James|Peter|Jude|Revelations?|Matt|Gen|Exod?|Deut|"
    r"Isa|Jer|Ezek|Dan|Rom|Cor|Gal|Eph|Phil|Col|Thess|Tim|Heb|Rev)\.?"
)
"""A book of the Bible, before a chapter and verse. Only the "N: N" form (a space after the colon) and a verse
range are masked here: "N:N" is masked anywhere, and the chapter after a capitalized word is a name's number."""
_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])(?![\d.])"
_MD = rf"{_M}-{_D}"
_MD_AND = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)"

_MASKS = [
    # URLs, e-mail addresses, handles and hashtags
    re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+|(?<![\w&])[#@]\w+"),
    # dates: "Oct. 20, 2016", "October 20-24", "20 October 2016", "20th of October", "May 2019"; two days of
    # one month ("Jan. 17 and 18, as …", "January 15 through 18, 2018", "21 and 22 October 2016"), the second
    # day of "Month D and D" only before punctuation or a year ("May 5 and 12 people" counts people)
    re.compile(
        rf"\b{_MONTH}\s+{_DAY}(?:\s*[-–]\s*{_DAY}|{_DAY_AND}{_DAY}(?=\s*(?:[,.;:)]|$)))?(?:,?\s+\d{{4}})?"
        r"(?!\d|\s*(?:%|per\s*cent|percent))"
    ),
    re.compile(rf"\b{_DAY}(?:\s*[-–]\s*{_DAY}|{_DAY_AND}{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?![\w])"),
    re.compile(rf"\b{_MONTH},?\s+\d{{4}}\b"),
    # numeric dates and slashed pairs: 20/10/2016, 2016-10-20, 9/11, 24/7
    re.compile(r"(?<![\d.,])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\d|[.,]\d)|(?<![\d.,$])\d{1,4}\s?/\s?\d{1,4}(?!\d|,\d)"),
    # gallery and page furniture: "Image 2 of 3", "Slide 1/5", "15m ago"
    re.compile(r"\b(?:image|photo|picture|slide|page|part|item)\s+\d+\s*(?:of|/)\s*\d+", re.IGNORECASE),
    re.compile(r"(?<![\d.])\d+\s?(?:m|h|d|min|mins|hr|hrs)\s+ago\b"),
    # clock and ratio notation anywhere ("201906:37" is a mashed date and time), "3 o'clock", '73 (a year)
    re.compile(r"(?<!\d)\d+(?::\d+)+|\b\d{1,2}\s?o['’]clock\b|(?<![\w'’])['’]\d{2}(?![\d%])"),
    # clock times and durations: 7:21, 1:36.6, 11 a.m., 5.30pm, 0401 GMT
    re.compile(
        r"(?<![\d.])\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s?[ap]\.?\s?m\b\.?)?"
        r"|(?<![\d.])\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.\s?m\b\.?|[ap]m\b)"
        r"|(?<![\d.])\d{3,4}\s?(?:GMT|UTC|EDT|EST|CET|CEST|BST|PDT|PST|CDT|CST|IST|hrs\b|hours\s+(?:GMT|local))",
        re.IGNORECASE,
    ),
    # ordinals: 20th, 22nd, 1st
    re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th)\b", re.IGNORECASE),
    # phone numbers: "+44 20 7419 8507", "(555) 123-4567", "1-877-331-1223" (the US trunk "1-" too), "020 7419
    # 8507" (a national trunk "0": no amount is written with a leading zero), any number after "Tel:"/"Phone:"
    re.compile(
        r"\+\s?\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}"
        r"|(?<![\d,.])(?:1[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)"
        r"|(?<![\d,.])0\d{1,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\d,]|\.\d)"
        r"|\b(?:tel|phone|telephone|fax|hotline)\b\.?\s*(?:no\.?\s*)?[:.]?\s*\+?\(?\d[\d\s().-]{5,}\d",
        re.IGNORECASE,
    ),
    # list numbering at the start of a line: "1)", "2.", "(3)", and a sub-item: "2.a)", "2a.", "2 b)"
    re.compile(r"(?m)^[ \t]*\(?\d{1,3}(?:\.?[a-z](?=[.)])|\s[a-z](?=\)))?[.)](?=\s)"),
    # bills and statutes: "H.R. 2899", "H. R. 2899", "S. 1234", "H.Res. 12", "S.J.Res. 4"; the title of a code
    # before it ("6 U.S.C.", "40 C.F.R."), and the section after it when the citation goes on ("6 U.S.C. 101
    # et seq.", "42 U.S.C. 5195c(e)", "16 U.S.C. 824o-1") or stands in brackets ("(6 U.S.C. 101)"): a bare
    # "See 6 U.S.C. 101" keeps its section, which reads as a figure as well as a label
    re.compile(_BILL),
    re.compile(rf"\b\d{{1,3}}(?=\s?{_CODE})"),
    re.compile(rf"\(\s*\d{{1,3}}\s?{_CODE}\s?§*\s?\d+|{_CODE}\s?§*\s?\d+\w*"
               r"(?:(?:[-–]\d+\w*)+|(?=\s+et\s+seq\b|\([a-z0-9]{1,4}\)))"),
    # sections of a code named with a letter in brackets: "401(k)", "501(c)(3)", "section 1016(e)"
    re.compile(r"(?<![\w.,$])\d+\w*\([a-z]{1,4}\)(?:\(\w{1,4}\))*"),
    # a journal's year, volume and pages: "2013;79: 2578-2587", "2009;12(3):45-9"
    re.compile(r"\b(?:19|20)\d\d\s?;\s?\d{1,4}(?:\s?\(\d{1,3}\))?\s?:\s?\d+(?:\s?[-–]\s?\d+)?"),
    # chapter and verse: "Luke 10: 3", "2 Timothy 3:1-3", "John 3:16, 18"
    re.compile(rf"\b{_BOOK}\s+\d{{1,3}}\s?:\s?\d{{1,3}}(?:\s?[-–]\s?\d{{1,3}})?(?:\s?,\s?\d{{1,3}}(?!\d|,\d))*"),
    # days written month-day with a hyphen, in a list with the year ("12-16, 12-17, and 12-18, 2016", "3-5,
    # 2016") or a list of days of one month ("12-16, 12-17"): dates, not ranges
    re.compile(rf"(?<![\w.,$-]){_MD}(?:{_MD_AND}{_MD})*,\s+(?:19|20)\d\d(?![\d%])"
               rf"|(?<![\w.,$-])(?P<month>{_M})-{_D}(?:{_MD_AND}(?P=month)-{_D})+(?![\d%-])"),
    # enumerators and footnote marks inside a line: "(2)", "[3]", "[[4]]", "[note 9]" (not a figure
    # restating the word before it: "sixteen (16) blocks")
    re.compile(
        # (the lookahead first: the 28 lookbehinds are tried only before a bracket, not at every position)
        r"(?=[(\[])(?:" + "".join(f"(?<!{word} )" for word in sorted({*_SMALL, *_TENS}))
        + r"\(\d{1,2}\)|\[{1,2}(?:note\s+)?\d{1,3}\]{1,2})",
        re.IGNORECASE,
    ),
    # A.D./B.C. years and decades
    re.compile(r"\b(?:A\.?D\.?|B\.?C\.?E?\.?|C\.?E\.?)\s+\d{1,4}(?:\s*(?:and|to|-|–)\s*\d{1,4})?\b|\b\d{1,4}\s?(?:B\.?C\.?E?|A\.?D\.?)(?![\w])"),
    re.compile(r"['’]\d0s\b"),
]

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "sgt", "capt", "cpt", "adm", "gov", "sen", "rep",
    "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs",
    "inc", "corp", "co", "ltd", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "est", "fig",
}
_PLURAL_NOUN = re.compile(r"\s+(?:[a-z][a-z'-]*(?<![sui'])s|people|staff|personnel|police|children|men|women|cattle|troops)\b")
_NOT_PLURAL = {"is", "was", "has", "as", "its", "this", "his", "hers", "us", "yes", "thus", "plus", "less", "unless"}

_MAX_TEXT = 5_000_000
_MAX_SENTENCE = 1_500
_MAX_PARSED_CHARS = 100_000
"""Characters parsed per text at most (about 15,000 words of sentences with numbers in them): past that —
only number-dense junk gets there — numbers keep no counted thing and a bare "one" is dropped."""
_MAX_DIGITS = 24


# ------------------------------------------------------------------------------------------------
# atoms


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float
    currency: str | None = None
    scaled: bool = False
    scale: float = 1.0
    plain_int: bool = False
    """Digits only, no separators, decimals, currency or scale: could be a year or an id."""
    words: bool = False
    vague: tuple[float, float] | None = None
    fraction: bool = False
    needs_nummod: bool = False
    """A bare "one"/"zero": kept only when the parse shows it counts a noun."""
    hyphen_word: bool = False


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    number_end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    atoms: list[_Atom] = field(default_factory=list)
    counted: str | None = None
    counted_end: int | None = None


def _to_float(digits: str) -> float | None:
    cleaned = digits.replace(",", "")
    if len(cleaned.replace(".", "")) > _MAX_DIGITS:
        return None
    try:
        value = float(cleaned)
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


# How far before a digit an _ATOM_RE match may start: the longest currency prefix ("US $", "HK $"), the
# white space after it and the "." of a number like ".5".
_ATOM_BACK = max(len(c) + (c in ("US$", "HK$", "S$")) for c in _CURRENCY_PREFIX) + 2


def _atom_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ATOM_RE.finditer(text)``, trying only the positions a match can start at: every match holds a
    digit (its number's first, which may lie inside a run of digits after an exponent's three) at most
    :data:`_ATOM_BACK` characters after its start, so only the stretches from that far before each run of
    digits to the run's last digit are tried, in order (:func:`_scan_matches`)."""
    windows = [(max(0, m.start() - _ATOM_BACK), m.end() - 1) for m in _DIGIT_RUN.finditer(text)]
    return _scan_matches(_ATOM_RE, text, windows)


# Characters other than ASCII letters that a case-insensitive pattern matches to an ASCII letter ("İ"/"ı"
# to "i", "ſ" to "s", the Kelvin sign to "k"; tests/test_quantities_speed.py checks the list is whole): a text
# with one is scanned in full by the word patterns.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
# What may stand between a number word and the start of a _WORDS_RE match: the article ("a", "an", "half
# an", "an half-") and white space; _VAGUE_RE's "a few" is made of them too.
_ARTICLE_CHARS = frozenset("aAnNhHlLfF-")
_SMALL_NUMERATORS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DENOMINATORS = ("half", "third", "quarter", "fourth", "fifth", "sixth", "eighth", "tenth")


def _lowered(text: str) -> str | None:
    """``text`` in lower case, character for character, when every case-insensitive match of a word of
    ASCII letters in ``text`` is that word at the same place in it; else None (then scan in full)."""
    if any(char in text for char in _FOLDS_TO_ASCII):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _occurrences(low: str, words: Iterable[str]) -> list[int]:
    """Where each of ``words`` occurs in ``low``, overlaps included (so as many as a regex could use)."""
    found = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.append(at)
            at = low.find(word, at + 1)
    return found


def _back_over(text: str, pos: int, chars: frozenset[str]) -> int:
    """``pos`` moved back over the white space and ``chars`` before it."""
    while pos > 0 and (text[pos - 1] in chars or text[pos - 1].isspace()):
        pos -= 1
    return pos


def _word_matches(text: str) -> Iterator[re.Match[str]]:
    """``_WORDS_RE.finditer(text)``: every match's run starts with a number word, at most an article
    and white space (:data:`_ARTICLE_CHARS`) after the match's start, so only those stretches are tried."""
    low = _lowered(text)
    if low is None:
        return _WORDS_RE.finditer(text)
    windows = sorted((_back_over(text, at, _ARTICLE_CHARS), at) for at in _occurrences(low, _WORD_NUMBERS))
    return _scan_matches(_WORDS_RE, text, windows)


def _vague_matches(text: str) -> Iterator[re.Match[str]]:
    """``_VAGUE_RE.finditer(text)``: every match starts with "several", with "a" and white space before
    "few", or with a plural scale word ("dozens", "thousands" …)."""
    low = _lowered(text)
    if low is None:
        return _VAGUE_RE.finditer(text)
    anchors = _occurrences(low, ("several", "few", *_PLURAL_SCALES))
    return _scan_matches(_VAGUE_RE, text, sorted((_back_over(text, at, _ARTICLE_CHARS), at) for at in anchors))


def _fraction_matches(text: str) -> Iterator[re.Match[str]]:
    """``_FRACTION_RE.finditer(text)``: a match starts with a numerator of at most five letters, white space
    or hyphens before a denominator word ("a half", "two-thirds"), with "half", with a number word
    from one to nine or with a run of digits ("one in five", "3 out of 10")."""
    low = _lowered(text)
    if low is None:
        return _FRACTION_RE.finditer(text)
    windows = [(max(0, _back_over(text, at, _HYPHEN) - 5), at) for at in _occurrences(low, _DENOMINATORS)]
    windows.extend((at, at) for at in _occurrences(low, _SMALL_NUMERATORS))
    windows.extend((m.start(), m.start()) for m in _DIGIT_RUN.finditer(text))
    return _scan_matches(_FRACTION_RE, text, sorted(windows))


_HYPHEN = frozenset("-")
_WORD_NUMBERS = (*_SMALL, *_TENS, *_SCALES, "dozen")


def _digit_atoms(text: str) -> Iterator[_Atom]:
    for match in _atom_matches(text):
        start = match.start()
        cur, num = match.group("cur"), match.group("num")
        num_start = match.start("num")
        if cur is None and start != num_start:  # leading space only
            start = num_start
        before = text[start - 1] if start > 0 else " "
        if before.isalnum() or before in "_.,$£€¥^" or (cur is None and before in "$£€¥"):
            continue
        if text[match.end() : match.end() + 1] == "^":  # "10^999": a power written out, not an amount
            continue
        value = _to_float(num)
        if value is None:
            continue
        currency = None
        if cur is not None:
            key = re.sub(r"\s", "", cur)
            currency = _CURRENCY_PREFIX.get(key)
        scaled, scale = False, 1.0
        if match.group("exp"):
            try:
                value *= 10.0 ** int(match.group("exp").replace("−", "-"))
            except OverflowError:
                continue
        scale_word, abbr, short = match.group("word"), match.group("abbr"), match.group("short")
        scale_end = match.end("num") if match.group("sci") is None else match.end("sci")
        if scale_word:
            scale = _SCALES[scale_word.lower()]
        elif abbr:
            scale = {"bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "tn": 1e12, "trn": 1e12}[abbr.lower()]
        elif short:
            scale = _short_scale(text, short, match.end("scale"), currency is not None) or 1.0
        if scale != 1.0:
            value *= scale
            scaled, scale_end = True, match.end("scale")
        if currency == "GBP" and cur is not None and cur.strip() == "PS" and not (
            scaled or "," in num or "." in num or len(num) >= 3
        ):
            continue  # "PS4", "PS5": consoles, not pounds
        if not math.isfinite(value):
            continue
        plain = cur is None and not scaled and num.isdigit() and match.group("sci") is None
        yield _Atom(start=start, end=scale_end, value=value, currency=currency, scaled=scaled, scale=scale,
                    plain_int=plain)


def _short_scale(text: str, letter: str, end: int, has_currency: bool) -> float | None:
    if letter in "bBkK":
        return (1e9 if letter in "bB" else 1e3) if has_currency else None
    if letter == "M":
        return 1e6 if has_currency else None
    # "m": millions unless the words after say metres ("a 100m sprint", "30m high")
    if has_currency:
        return 1e6
    if _METRE_CONTEXT.match(text, end):
        return None
    return 1e6


def _parse_word_run(words: list[tuple[str, int, int]]) -> Iterator[tuple[int, int, float]]:
    """Split a run of number words into numbers: "one hundred and twenty" → 120, "two three" → 2, 3."""
    total, current = 0.0, 0.0
    start: int | None = None
    end = 0
    last_kind = ""

    def flush() -> Iterator[tuple[int, int, float]]:
        if start is not None:
            yield start, end, total + current

    for word, w_start, w_end in words:
        lower = word.lower()
        if lower == "and":
            if last_kind != "scale":
                yield from flush()
                total, current, start, last_kind = 0.0, 0.0, None, ""
            continue
        if lower in _SMALL or lower in _TENS:
            value = float(_SMALL.get(lower, _TENS.get(lower, 0)))
            ok = last_kind in ("", "scale") or (last_kind == "tens" and lower in _SMALL and 0 < value < 10)
            if not ok:
                yield from flush()
                total, current, start = 0.0, 0.0, None
            if start is None:
                start = w_start
            current += value
            last_kind = "tens" if lower in _TENS else "small"
        elif lower == "dozen":
            if start is None:
                start = w_start
            current = (current or 1.0) * 12
            last_kind = "scale"
        else:
            scale = _SCALES[lower]
            if start is None:
                start = w_start
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
            last_kind = "scale"
        end = w_end
    yield from flush()


_OR_NUMBER = re.compile(rf"\s+or\s+(?:\d|(?:{_WORD_NUMBER})\b)", re.IGNORECASE)


def _one_may_count(text: str, start: int, end: int) -> bool:
    """A cheap filter before the parse decides: "one" before "of", "another", a pronoun … never counts."""
    after = re.match(r"\s+([A-Za-z']+)", text[end : end + 30])
    before = re.search(r"([A-Za-z.']+)\s+$", text[max(0, start - 30) : start])
    if _OR_NUMBER.match(text, end):
        return True  # "one or two years": the first figure of a range
    if after is None or after.group(1).lower() in _NOT_ONE:
        return False
    return not (before is not None and before.group(1).lower() in _NOT_ONE_BEFORE)


_ZERO_IDIOM = re.compile(r"[\s-]+(?:tolerance|sum)\b", re.IGNORECASE)


def _word_atoms(text: str) -> Iterator[_Atom]:
    for match in _word_matches(text):
        words_all = match.group("run").lower().split()
        single = len(words_all) == 1 and words_all[0] in ("one", "zero") and not match.group("half")
        run_start = match.start("run")
        words = [(m.group(), run_start + m.start(), run_start + m.end()) for m in re.finditer(r"[A-Za-z]+", match.group("run"))]
        pieces = list(_parse_word_run(words))
        article = match.group("article")
        for index, (start, end, value) in enumerate(pieces):
            if index == 0 and article:
                start = match.start()
                if "half" in re.split(r"[\s-]+", article.lower()):
                    value *= 0.5
            if index == len(pieces) - 1 and match.group("half"):
                value += 0.5
                end = match.end()
                if match.group("half_scale"):  # "two and a half million"
                    value *= _SCALES[match.group("half_scale").lower()]
            words_in = text[start:end].lower().split()
            if words_in == ["dozen"] and re.search(r"baker['’]?s\s+$", text[max(0, start - 10) : start], re.IGNORECASE):
                continue  # "a baker's dozen": a name for 13
            if single and not _one_may_count(text, start, end):
                continue
            if words_in == ["zero"] and _ZERO_IDIOM.match(text, end):
                continue  # "a zero tolerance policy", "a zero sum game": no amount
            if not article and all(w in _SCALES or w == "dozen" for w in words_in):
                continue  # a scale word alone: "multi-trillion", "the million-dollar question"
            hyphen_word = end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha()
            last = words_in[-1] if words_in else ""
            scale = _SCALES.get(last, 1.0) if len(words_in) > 1 or article else 1.0
            yield _Atom(start=start, end=end, value=value, words=True, needs_nummod=single, hyphen_word=hyphen_word,
                        scaled=scale != 1.0, scale=scale)


def _vague_atoms(text: str) -> Iterator[_Atom]:
    for match in _vague_matches(text):
        if match.group("several"):
            base = _SCALES.get(match.group("single").lower(), 12.0)
        else:
            base = _PLURAL_SCALES[match.group("plural").lower()]
        inner = match.group("inner")
        if inner:
            base *= _PLURAL_SCALES[inner.lower()]
        elif match.group("plural") and match.group("plural").lower() == "tens":
            continue  # "tens" alone is not an amount
        before = text[max(0, match.start() - 12) : match.start()]
        if re.search(r"\d[\s-]*$", before):
            continue  # "4 hundreds"?: let the digit reading win
        yield _Atom(start=match.start(), end=match.end(), value=base, vague=(base, base * 10), words=True)


_OF_A_SCALE = re.compile(r"\s+of\s+(?:a|an|one)\s+(?P<scale>thousand|million|billion|trillion)\b", re.IGNORECASE)
"""A fraction of a scale word is one amount, not a share: "a quarter of a million people" are 250,000 people
(read apart, it gave a share of 0.25 and "a million people")."""


def _fraction_atoms(text: str) -> Iterator[_Atom]:
    for match in _fraction_matches(text):
        if match.group("half"):
            before = text[max(0, match.start() - 30) : match.start()]
            if re.search(r"\b(?:first|second|third|fourth|other|the|latter|former|back|top|bottom|better|one|last|"
                         r"earlier|later)\s+$", before, re.IGNORECASE):
                continue  # "the second half of the game"
            if not (_QUALIFIER_BEFORE.search(before) or re.search(r"(?:^|[\s,(])$", before)):
                continue
            value = 0.5
        elif match.group("den") or match.group("den_plural"):
            if _quarters_of_time(text, match):
                continue
            numerator = (match.group("num") or match.group("num_plural")).lower()
            count = 1.0 if numerator in ("a", "an", "one") else float(_SMALL[numerator])
            value = count / _FRACTIONS[(match.group("den") or match.group("den_plural")).lower()]
            scale_of = _OF_A_SCALE.match(text, match.end())
            if scale_of is not None:  # "three-quarters of a million evictees": 750,000 evictees, no share
                scale = _SCALES[scale_of.group("scale").lower()]
                yield _Atom(start=match.start(), end=scale_of.end(), value=value * scale, words=True, scaled=True,
                            scale=scale)
                continue
        else:
            num = match.group("ratio_num").lower()
            den = match.group("ratio_den").lower()
            top = float(_SMALL[num]) if num in _SMALL else float(num)
            bottom = float(_SMALL[den]) if den in _SMALL else float(den)
            if bottom == 0 or top >= bottom:
                continue
            if _numerator_of_a_name(text, match.start(), match.group("ratio_num")):
                continue
            value = top / bottom
        yield _Atom(start=match.start(), end=match.end(), value=value, words=True, fraction=True)


_TIME_BEFORE_QUARTERS = re.compile(
    r"\b(?:past|last|next|first|previous|coming|following|recent|final|those|these|two|three|four)\s+$", re.IGNORECASE
)


def _quarters_of_time(text: str, match: re.Match[str]) -> bool:
    """ "the past two quarters", "the next three quarters": quarters of a year counted, not a fraction (that is
    written "three-quarters", or stands before "of" without a word of time before it)."""
    if (match.group("den_plural") or "").lower() != "quarters" or "-" in text[match.end("num_plural") : match.start("den_plural")]:
        return False
    return _TIME_BEFORE_QUARTERS.search(text[max(0, match.start() - 20) : match.start()]) is not None


def _numerator_of_a_name(text: str, start: int, numerator: str) -> bool:
    """ "Uranium One in three separate transactions": a capitalized number word after a capitalized word, in a
    sentence whose "in" is lower-case (no headline), ends a name ("Uranium One", "Formula One", "Air Force
    One"); it is no ratio's numerator, and "three separate transactions" is a count of its own."""
    if not numerator[:1].isupper() or numerator.isdigit() or numerator.isupper():
        return False
    word = _previous_word(text, start)
    bare = word.strip("\"“”‘’'(").lower()
    return bool(word) and word[:1].isupper() and word[-1] not in ",;:.!?)\"”’" and bare not in _FREE_CAPITALS


_AFTER_AN_AMOUNT = (
    r"(?=\s*(?:$|[^\w\s-]|\d|(?i:or|and|a|an|the|in|on|for|to|of|per|each|every|is|was|were|are|will|would|"
    r"at|from|into|cash|worth|bucks|apiece|plus|more|less|that|which|it|he|she|they|we|i|you|down|up|back|off|"
    r"out|just|last|this|next|over|under|by|with|if|when|but|so|because|as|than|now|then|already|still|"
    r"man|woman|men|women|person|boy|girl)\b))"
)
"""What may follow a slang or British unit used as an amount ("twenty grand or so", "22 stone when he died",
"a 20-stone man"): the end, punctuation, a figure, a function word or a person; a noun after it makes the
word part of a compound ("three grand juries", "two stone walls")."""
_GRAND = re.compile(r"[\s-]grand\b" + _AFTER_AN_AMOUNT)
"""Slang for a thousand of money: "twenty grand" is 20,000 (in dollars unless a currency is printed: like a bare
"$", the word does not say which dollars, nor pounds)."""
_STONE = re.compile(r"[\s-]?stone\b" + _AFTER_AN_AMOUNT)
"""The British weight unit (14 pounds): "22 stone" is a weight, not 22 stones; only singular and before no
noun ("two stone lions" count lions), and never a bare "one" ("two birds with one stone")."""


def _grand(text: str, atom: _Atom) -> None:
    """Read "grand" after ``atom`` as a scale of a thousand in money (see :data:`_GRAND`)."""
    if atom.scaled or atom.fraction or atom.vague is not None or atom.currency not in (None, "dollar", "GBP", "EUR"):
        return
    match = _GRAND.match(text, atom.end)
    if match is None:
        return
    atom.value *= 1e3
    atom.scale, atom.scaled, atom.end = 1e3, True, match.end()
    atom.currency = atom.currency or "dollar"
    atom.plain_int = atom.needs_nummod = atom.hyphen_word = False


def _atoms(text: str) -> list[_Atom]:
    found = sorted(
        [*_fraction_atoms(text), *_vague_atoms(text), *_digit_atoms(text), *_word_atoms(text)],
        key=lambda a: (a.start, -(a.end - a.start)),
    )
    kept: list[_Atom] = []
    for atom in found:
        if kept and atom.start < kept[-1].end:
            continue  # overlaps a longer or earlier reading
        kept.append(atom)
    for atom in kept:
        _grand(text, atom)
    return kept


# ------------------------------------------------------------------------------------------------
# masks, units, qualifiers


_SECTION_LINE = re.compile(r"(?m)^[ \t]*(?P<number>(?P<chapter>\d{1,2})\.\d{1,2}(?:\.\d{1,2})?)[ \t]+(?=[A-Z])")


def _section_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Numbered headings of a report's sections ("12.1 ASML Holding", "12.2 Coherent Inc." on the lines after):
    a number like "12.1" opening a line before a capitalized word, when the line before or after it opens with
    a number of the same chapter. One such line alone ("2.5 Million Jobs Lost") keeps its figure."""
    found: list[tuple[int, int, str, int]] = []
    line, counted_to = 0, 0
    for match in _SECTION_LINE.finditer(text):
        line, counted_to = line + text.count("\n", counted_to, match.start()), match.start()
        found.append((match.start("number"), match.end("number"), match.group("chapter"), line))
    for index, (start, end, chapter, _) in enumerate(found):
        neighbours = found[max(0, index - 1) : index] + found[index + 1 : index + 2]
        if any(other[2] == chapter and other[3] != found[index][3] for other in neighbours):
            yield start, end


# How each pattern of _MASKS is scanned: the spans are those of ``pattern.finditer(text)``, found more cheaply.
# ("full",): finditer. ("needs", R): finditer, only when R occurs (every match contains an R). ("digits", back,
# rewind): every match starts at most ``back`` characters before ``rewind(d)``, d the start of one of its runs
# of digits (rewind: none, the white space before d, or the characters a phone number's label may leave
# before it); only those positions are tried. ("anchors", R, back): the same around the occurrences of R.
_DIGIT_RUN = re.compile(r"\d+")
_MASK_PLANS: list[tuple[Any, ...]] = [
    ("anchors", re.compile(r"[@#]|://|www\."), 64),  # "@"/"#"/"www." start, "://" is 4-5 in, "@" ≤ 64 in
    ("digits", 10, "space"),  # "September." ≤ 10, then white space, then the day
    ("digits", 0, None),
    ("digits", 11, "space"),  # the month, ",", white space, the year
    ("digits", 0, None),
    ("digits", 7, "space"),  # "picture", white space, the number
    ("digits", 0, None),
    ("digits", 1, None),  # "'73": the quote before the digits
    ("digits", 0, None),
    ("digits", 0, None),
    ("digits", 9, "phone"),  # "+", "(", "telephone no.: (" before the first digit
    ("full",),
    ("digits", 15, None),  # "S. Con. Res. " + ". " before the number
    ("needs", re.compile(r"U\.\s?S\.\s?C|C\.\s?F\.\s?R|USC|CFR")),
    ("needs", re.compile(r"U\.\s?S\.\s?C|C\.\s?F\.\s?R|USC|CFR")),
    ("digits", 0, None),
    ("digits", 0, None),
    ("needs", re.compile(r"\d\s?:\s?\d")),
    ("digits", 0, None),
    ("full",),
    ("digits", 6, "space"),  # "B.C.E." and white space before the year (or the year first)
    ("full",),
]
assert len(_MASK_PLANS) == len(_MASKS)
_PHONE_GAP = frozenset("(+:.nNoO")


def _rewind(text: str, pos: int, how: str | None) -> int:
    """``pos`` moved back over the white space (or a phone label's gap characters) before it."""
    if how is None:
        return pos
    phone = how == "phone"
    while pos > 0 and (text[pos - 1].isspace() or (phone and text[pos - 1] in _PHONE_GAP)):
        pos -= 1
    return pos


def _scan(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The spans of ``pattern.finditer(text)`` when every match starts inside one of ``windows`` (inclusive
    ``(low, high)`` pairs, sorted by ``low``) and none is empty: the same positions are tried in the same order,
    the others cannot start a match."""
    return (match.span() for match in _scan_matches(pattern, text, windows))


def _scan_matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` under the conditions of :func:`_scan`."""
    pos = 0
    for low, high in windows:
        start = max(pos, low)
        while start <= high:
            match = pattern.match(text, start)
            if match is None:
                start += 1
            else:
                yield match
                start = match.end()
        pos = max(pos, start)


def _mask_spans(text: str) -> Iterator[tuple[int, int]]:
    runs: list[int] | None = None
    for pattern, plan in zip(_MASKS, _MASK_PLANS, strict=True):
        kind = plan[0]
        if kind == "full" or (kind == "needs" and plan[1].search(text) is not None):
            yield from (m.span() for m in pattern.finditer(text))
        elif kind == "anchors":
            back = plan[2]
            yield from _scan(pattern, text, [(max(0, m.start() - back), m.start()) for m in plan[1].finditer(text)])
        elif kind == "digits":
            if runs is None:
                runs = [m.start() for m in _DIGIT_RUN.finditer(text)]
            back, how = plan[1], plan[2]
            windows = [(max(0, _rewind(text, d, how) - back), d) for d in runs]
            yield from _scan(pattern, text, sorted(windows) if how is not None else windows)


class _Masks:
    def __init__(self, text: str) -> None:
        spans = sorted([*_mask_spans(text), *_section_numbers(text)])
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, end - 1)
        return any(s < end and start < e for s, e in self.spans[max(0, index - 8) : index])


_UNIT_GAP = re.compile(r"\s-\s?|\s|-")


def _unit_after(text: str, pos: int, *, allow_space: bool = True) -> tuple[str | None, int]:
    """The unit written right after ``pos`` (attached, after a space or a hyphen) and where it ends."""
    best: tuple[str | None, int] = (None, pos)
    gaps = [pos]
    if allow_space and (gap := _UNIT_GAP.match(text, pos)) is not None:
        gaps.append(gap.end())
    for gap_end in gaps:
        attached = gap_end == pos
        match = _UNIT_RE.match(text, gap_end)
        if match and match.end() > best[1]:
            surface = match.group()
            canonical = next((c for p, c in _UNIT_PATTERNS if p.fullmatch(surface)), None)
            if canonical is not None:
                if canonical == "=":
                    canonical = surface.upper()
                best = (canonical or surface, match.end())
        match_cs = _UNIT_CS_RE.match(text, gap_end)
        if match_cs and match_cs.end() > best[1]:
            surface = match_cs.group()
            if surface in _ATTACHED_ONLY and not attached:
                continue
            best = (_UNIT_CS_MAP[surface], match_cs.end())
    return best


def _per_after(text: str, pos: int, unit: str | None) -> tuple[str | None, int]:
    """ "$14.95 a month", "325,000 barrels per day": append the denominator to the unit."""
    match = _PER_RE.match(text, pos)
    if match is None:
        return unit, pos
    per_unit, per_end = _unit_after(text, match.end(), allow_space=False)
    if per_unit is None:
        word = re.match(r"(?:gallon|barrel|share|head|person|capita|ounce|square\s+(?:foot|metre|meter)|sq\s?m|sq\s?ft|gram)\b",
                        text[match.end() :], re.IGNORECASE)
        if word is None:
            return unit, pos
        per_unit, per_end = word.group().lower(), match.end() + word.end()
    if match.group().strip().lower() in ("a", "an", "each", "every") and per_unit not in _PER_ARTICLE:
        return unit, pos
    if unit in _SHARE_UNITS and per_unit not in _TIME_UNITS:
        return unit, pos  # "0.29%/Chinese yuan" in a list of market figures: a share is per year or day, not per yuan
    return (f"{unit} per {per_unit}" if unit else f"per {per_unit}"), per_end


_SHARE_UNITS = frozenset({"percent", "percentage point", "basis point", "point"})


_RISING_UP = re.compile(
    r"\b(?:rose|rises?|rising|risen|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|"
    r"gain(?:s|ed|ing)?|went|gone|mov(?:e|es|ed|ing)|edg(?:e|es|ed|ing)|inch(?:es|ed|ing)?|shot|spik(?:e|es|ed|ing)|"
    r"tick(?:s|ed|ing)?|crept|advanc(?:e|es|ed|ing)|rall(?:y|ies|ied|ying)|increas(?:e|es|ed|ing)|grew|grows?|"
    r"grown|rebound(?:s|ed|ing)?|bounc(?:e|es|ed|ing))(?:\s+[a-z]+ly)?\s+$",
    re.IGNORECASE,
)
_HEADLINE_PREPOSITION = {"BY", "OF", "FOR", "WITH", "AT", "IN", "ON", "FROM", "TO", "AND", "OR", "THAN"}
_AMOUNT_VERB = re.compile(
    r"(?:KILL|SAVE|COST|GET|WIN|EARN|PAY|OFFER|CUT|FACE|RAISE|HIRE|CREATE|ADD|LOSE|SHED|AFFECT|HOLD|TAKE|GIVE|"
    r"SELL|BUY|FINE|JAIL|SPEND|ALLOW|LAST|SEAT|FIT|CARR(?:Y|IE)|DRAW|ATTRACT|INJURE|HURT|EVACUATE|DISPLACE|"
    r"STRAND|LEAVE)(?:S|D|ED|ING)?|WON|PAID|GOT|LOST|HELD|TOOK|GAVE|SOLD|BOUGHT|SPENT|LEFT|DREW|MIGHT|MAY|COULD"
)
"""Headline verbs that take an amount as object: "QUAKE KILLS UP TO 300" is at most 300, not a rise."""


def _up_is_a_rise(text: str, up: int) -> bool:
    """ "up to" that reports a rise, not the at_most qualifier: right after a verb of rising ("rose up to
    64.63 dollars" names the level reached; "rose by up to 5%" keeps its at_most), or the headline verb "UP"
    in capitals ("Oil UP to 64.63 dollars"; in an all-caps line, "OIL UP TO 64.63" after a word that is no
    preposition nor a verb taking an amount, while "UP TO 300 DEAD" at the line's start and "QUAKE KILLS UP TO
    300" stay at most)."""
    if _RISING_UP.search(text[max(0, up - 30) : up]):
        return True
    if not text.startswith("UP", up):
        return False
    if not text[up + 2 : up + 5].strip().isupper():
        return True  # "Oil UP to": capitals mark the verb
    line = text[text.rfind("\n", 0, up) + 1 : up]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", line)
    return bool(words) and all(w.isupper() for w in words) and words[-1] not in _HEADLINE_PREPOSITION \
        and _AMOUNT_VERB.fullmatch(words[-1]) is None


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    window = text[max(0, start - 40) : start]
    match = _QUALIFIER_BEFORE.search(window)
    if match is None:
        return None, start
    offset = start - len(window)
    if match.group("tilde") is not None:
        return "approximately", offset + match.start()
    for name in ("approximately", "at_least", "at_most"):
        if match.group(name):
            position = offset + match.start(name)
            rise = re.match(r"up\s+to\s+", text[position:start], re.IGNORECASE)
            if name == "at_most" and rise is not None and _up_is_a_rise(text, position):
                return _after_rise(text, position + rise.end(), start)
            return name, position
    return None, start


def _after_rise(text: str, after: int, start: int) -> tuple[str | None, int]:
    """The qualifier left after a rising "up to": "rose up to about 65" is approximately 65."""
    match = _QUALIFIER_BEFORE.search(text[after:start])
    if match is None or match.group("approximately") is None:
        return None, start
    return "approximately", after + match.start("approximately")


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    return match.group(1) if match is not None else ""


# ------------------------------------------------------------------------------------------------
# the rules that drop numbers which are not amounts


class _Context:
    def __init__(self, text: str) -> None:
        self.text = text
        self.masks = _Masks(text)
        self._title_lines: dict[int, bool] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def title_case_line(self, pos: int) -> bool:
        index = bisect.bisect_right(self.line_starts, pos) - 1
        if index not in self._title_lines:
            start = self.line_starts[index]
            end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.text)
            words = re.findall(r"[A-Za-z][A-Za-z'’-]*", self.text[start:end])
            capital = sum(1 for w in words if w[0].isupper())
            self._title_lines[index] = 2 <= len(words) <= 25 and capital / len(words) >= 0.6
        return self._title_lines[index]


def _name_number(ctx: _Context, atom: _Atom, has_unit: bool) -> bool:
    """``Game 2``, ``FTSE 100``, ``COVID-19``, ``G7``, ``S23``, ``page 3``: a number that names something."""
    text = ctx.text
    start = atom.start
    if atom.currency is not None:
        return False
    before = text[start - 1] if start > 0 else " "
    if before.isalpha():
        return True
    if before in "-–" and start > 1 and text[start - 2].isalpha():
        prefix = re.search(r"([A-Za-z]+)[-–]$", text[max(0, start - 20) : start])
        return not (prefix and prefix.group(1).lower() in ("sub", "minus", "negative", "now", "then"))
    if before in "#№§" or (before == " " and start > 1 and text[start - 2] == "§"):
        return True  # "#3", "Section §6", "§ 12 of the act": a number that names
    after = text[atom.end] if atom.end < len(text) else " "
    if not has_unit and not atom.scaled and (after.isalpha() and not atom.words):
        return True  # "5G", "3D", "1990s", "Model 3s"
    word = _previous_word(text, start)
    bare = word.strip("\"“”‘’'(").lower()
    if bare in _LABEL_WORDS and not has_unit and not atom.scaled:
        return True  # "page 3", "part two", "Top 10"
    listed = _LABEL_LIST.search(text[max(0, start - 60) : start])
    label = listed.group("word").lower() if listed is not None else ""
    if (label in _LABEL_WORDS or label.removesuffix("s") in _LABEL_WORDS) and not has_unit and not atom.scaled:
        return True  # "Stages 1, 2, & 3", "pages 4, 5 and 6": the list goes on labelling
    if word == "of" and not has_unit and not atom.scaled and _group_of(text, start, atom):
        return True  # "a Group of 20 meeting", "the Group of Seven": a name ending in "of" and a number
    if atom.words or has_unit or atom.scaled:
        return False
    if not word or word[-1] in ",;:.!?)\"”’" or bare in _FREE_CAPITALS:
        return False
    if bare.endswith(("'s", "’s")):
        return False
    if _QUALIFIER_AFTER.match(text, atom.end) is not None and _opens_sentence(text, text.rfind(word, 0, start)):
        return False  # "Children 5 and under ride free": a bound after a sentence's first noun, no name's number
    # no exemption at a sentence start: "FTSE 100 rose", "Game 2 was …"; the words that do open a sentence
    # before an amount ("About", "Some", "Only") are in _FREE_CAPITALS
    return any(ch.isupper() for ch in word) and not ctx.title_case_line(start)


def _group_of(text: str, start: int, atom: _Atom) -> bool:
    """ "Group of 20", "Group of Seven": a capitalized noun (not a sentence's first word) before "of" and a
    figure (a capitalized one when in words) that counts no plural noun after it."""
    if atom.words and not text[atom.start : atom.start + 1].isupper():
        return False
    of = text.rfind("of", 0, start)
    owner = _previous_word(text, of)
    if not owner[:1].isupper() or not owner.isalpha() or owner.isupper() or owner.lower() in _FREE_CAPITALS:
        return False
    return not _opens_sentence(text, of - len(owner) - 1) and not _followed_by_count_noun(text, atom.end)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word starting at ``pos`` opens a sentence: the text's or a line's start, or after a full
    stop, question or exclamation mark (and a closing quote)."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    before = text[max(0, pos - 3) : pos].rstrip("\"”’')")
    return pos <= 0 or text[pos - 1] == "\n" or before[-1:] in (".", "!", "?")


_LABEL_LIST = re.compile(r"\b(?P<word>[A-Za-z][\w.]*)\s+\d{1,4}(?:\s*,\s*\d{1,4})*\s*(?:,\s*)?(?:,|&|and|or)\s*$")
"""A label word and the numbers listed after it, before the last of them."""


def _age_after_name(text: str, atom: _Atom) -> bool:
    """ "Mosul, 68," or "Nick Hague (44)": an age printed after a name."""
    if not atom.plain_int or atom.value > 120:
        return False
    before = text[max(0, atom.start - 40) : atom.start]
    after = text[atom.end : atom.end + 4]
    if re.search(r"[A-Z][\w'’.-]*,\s*$", before) and re.match(r"\s*,|\s[―—–]\s|\.(?:\s|$)", after):
        return True  # "Mosul, 68," and "Crutcher, 40 ― a father": a dash or a full stop closes the apposition too
    return bool(re.search(r"[A-Z][\w'’.-]*\s*\($", before) and re.match(r"\s*\)", after))


def _enumerator(text: str, atom: _Atom) -> bool:
    """ "between 1) staying home and 2) voting early": a small number closed by a bracket that no bracket opens
    before it in the text nearby numbers the items of a list inside a sentence."""
    if not atom.plain_int or atom.end - atom.start > 2 or text[atom.end : atom.end + 1] != ")":
        return False
    if atom.start > 0 and not (text[atom.start - 1].isspace() or text[atom.start - 1] in ":;,"):
        return False
    if not text[atom.end + 1 : atom.end + 2].isspace():
        return False
    before = text[max(0, atom.start - 300) : atom.start]
    return before.rfind("(") <= before.rfind(")")


def _followed_by_count_noun(text: str, pos: int) -> bool:
    match = _PLURAL_NOUN.match(text, pos)
    if match is None:
        return False
    return match.group().strip().lower() not in _NOT_PLURAL


# ------------------------------------------------------------------------------------------------
# building quantities

_CONNECTOR = re.compile(r"\s*(?:-|–|—|to|to-|-to-|and|through|thru|up\s+to|or)\s*", re.IGNORECASE)
_DOLLAR_CODES = {"USD", "AUD", "CAD", "NZD", "HKD", "SGD"}


def _same_unit(a: str | None, b: str | None) -> str | bool | None:
    """The shared unit of two range ends (``False`` when they differ); "$" agrees with any dollar code."""
    if a is None or b is None or a == b:
        return a or b
    if {a, b} <= _DOLLAR_CODES | {"dollar"} and "dollar" in (a, b):
        return a if a != "dollar" else b
    return False
_SIGN = re.compile(r"(?:\bminus[\s-]|\bnegative\s|(?<![\w.,%)\]-])[-−])$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:age|aged|age\s+of|(?:died|dies|dead|passed\s+away)\s+at|turn(?:s|ed|ing)?)\s+$", re.IGNORECASE)
"""Words after which a bare figure is an age: "at age 75", "aged 14", "at the age of 75", "died at 75", "turned 18"
(no plural noun after it: "turned 18 votes" counts votes)."""
_AGE_BOUND = re.compile(r"\b(?:(?P<below>under|below|younger\s+than)|over|above|older\s+than)\s+(?:the\s+)?age\s+(?:of\s+)?$",
                        re.IGNORECASE)
"""An age limit: "below the age of 13" is at most 13 years old, "over the age of 65" at least 65."""
_PLUS_OR_MINUS = re.compile(r"\bplus\s+or\s+minus\s+$|\+\s?/\s?-\s?$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|from|until|till|of|the|a|an|during|before|after|early|late|mid|and|or|to|between|circa|"
    r"fiscal|year|season|spring|summer|autumn|fall|winter|around)|['’]s)[\s-]+$",
    re.IGNORECASE,
)
_AMOUNT_OF = re.compile(
    r"\b(?:average|total|sum|maximum|minimum|median|mean|tally|price|cost|fine|fee|salary|wage)\s+of\s+$", re.IGNORECASE
)
_MONEY_UNITS = set(_CURRENCY_PREFIX.values()) | {"dollar", "pence", "cent", "ZAR", "dinar", "riyal", "lira", "franc", "peso", "sen"}


_PREPOSITION_QUALIFIER = re.compile(r"^(?:over|under|above|below|around|beyond)\s", re.IGNORECASE)


def _atom_unit(text: str, atom: _Atom) -> tuple[str | None, int]:
    """The atom's unit and where it ends: the currency prefix, else the unit written after it."""
    if atom.fraction:
        return "fraction", atom.end
    unit, end = _unit_after(text, atom.end)
    if atom.currency is not None:
        if unit is not None and unit in _MONEY_UNITS:
            return atom.currency, end  # "$5 million dollars"
        return atom.currency, atom.end
    if unit is None and atom.scaled and (won := _WON.match(text, atom.end)) is not None:
        return "KRW", won.end()  # "61 mln won", "2.2 billion won" (not "20 won, 5 lost")
    return unit, end


_WON = re.compile(r"\s+won\b(?!\s+(?:the|a|an|by|in|on|at|over|against|his|her|their|its)\b)")


_YEAR_NOUN = re.compile(
    r"[\s-]+(?:revenues?|sales|earnings|profits?|results|figures|budgets?|elections?|seasons?|campaigns?|census|"
    r"forecasts?|estimates?|guidance|levels|output|deficits?|data|olympics|polls|midterms|primaries|dividends?|"
    r"prices|rates|premiums)\b",
    re.IGNORECASE,
)
"""Nouns a year modifies ("2017 revenues exceed …", "the 2016 elections", "at 2015 prices") and hardly a figure
counts; nouns a figure may count ("2000 accounts", "2000 reports", "2000 games") are left out."""
_YEAR_VERB = re.compile(
    r"\s+(?:approaches|nears|begins|ends|draws\s+to|closes|comes|arrives|looms|dawns|unfolds|progresses|rolls\s+(?:a?round|in))\b",
    re.IGNORECASE,
)
"""Verbs of a year coming or going ("as 2018 approaches", "2016 draws to a close"): a year, though the verb ends in -s."""


def _year_by_next_word(text: str, atom: _Atom) -> bool:
    """A figure 1900–2099 before a noun a year modifies or a verb of a year's passing: a year, with or without
    a quantifier before it ("some 2017 revenues"); "some 2016 companies" counts companies."""
    return atom.plain_int and 1900 <= atom.value <= 2099 and atom.end - atom.start == 4 \
        and (_YEAR_NOUN.match(text, atom.end) is not None or _YEAR_VERB.match(text, atom.end) is not None)


def _is_year(text: str, atom: _Atom) -> bool:
    """A bare 4-digit number 1800–2100 without unit or qualifier is a year, unless it counts plural things
    and no preposition or determiner ("in", "the", "since") stands before it; 1000–1799 only after one."""
    if not (atom.plain_int and 1000 <= atom.value <= 2100 and atom.end - atom.start == 4):
        return False
    if _AMOUNT_OF.search(text[max(0, atom.start - 20) : atom.start]):
        return False  # "up by an average of 1500", "a total of 2000": the "of" of an amount
    if _YEAR_BEFORE.search(text[max(0, atom.start - 12) : atom.start]):
        return True
    if _year_by_next_word(text, atom):
        return True
    if atom.value < 1800:
        return False  # older years come with "in", "since", "A.D." …; "at 1112 p" is a price
    return not _followed_by_count_noun(text, atom.end)


_SIZE = re.compile(r"[-–]by[-–](?=\d)|\s+by\s+(?=\d+(?:\.\d+)?[\s-](?:inch|inches|foot|feet|ft|cm|mm|metres?|meters?)\b)",
                   re.IGNORECASE)
"""After a figure: "-by-" and a figure ("8-by-11-inch"), or " by " and a length ("8 by 10 inches"): a size."""
_HEIGHT = re.compile(r"\s?['’′](?P<inches>1[01]|[0-9])(?:[\"”″]|['’′]{2})(?![\w])")
"""After a figure of feet: inches closed by a double quote ("5’2”", "6'1\"")."""
_NICKNAME_ADJECTIVES = frozenset({"big", "final", "fab", "elite", "sweet", "great", "magnificent", "famous"})


def _nickname_number(ctx: _Context, atom: _Atom) -> bool:
    """ "the big four", "the Big Ten", "the Final Four": a number in words after "the" and an adjective names a
    group (a name when capitalized, or after "big"/"final" …) unless it counts a plural noun after it."""
    text = ctx.text
    printed = _previous_word(text, atom.start)
    word = printed.lstrip("“‘\"'")
    if not word.isalpha() or _followed_by_count_noun(text, atom.end):
        return False
    quoted = word != printed and text[atom.end : atom.end + 1] in ("”", "’", '"', "'")
    article = _previous_word(text, atom.start - len(printed) - 1)
    if article.lower() != "the" and not quoted:
        return False
    if word.lower() in _NICKNAME_ADJECTIVES:
        return True  # "the big four", "the original “big four” negotiators"
    return word[0].isupper() and text[atom.start].isupper() and not ctx.title_case_line(atom.start)


def _number_word_of_a_name(ctx: _Context, atom: _Atom) -> bool:
    """ "Radio One DJ", "a Formula One race": a capitalized number word after a capitalized word ends a name
    when no plural noun follows (outside a headline); "200 Navy staff" and "Two officers" (a sentence's
    first word) keep their counts."""
    text = ctx.text
    printed = text[atom.start : atom.end]
    if " " in printed or not _numerator_of_a_name(text, atom.start, printed) or ctx.title_case_line(atom.start):
        return False
    word = _previous_word(text, atom.start)
    if word.endswith("'") or _opens_sentence(text, atom.start) or _opens_sentence(text, atom.start - len(word) - 1):
        return False
    return not _followed_by_count_noun(text, atom.end)


def _bound_in_a_name(ctx: _Context, start: int, end: int) -> bool:
    """A capitalized bound ("Under", "Over") that opens no sentence, before a capitalized word: "the Under 30
    Summit", "Forbes Over 50 List" name something."""
    text = ctx.text
    opening = start
    while opening > 0 and text[opening - 1] in "\"“‘'([ \t\xa0":
        opening -= 1  # ' "More than 9,000 …' opens its sentence after the quote
    if not text[start : start + 1].isupper() or _opens_sentence(text, opening) or ctx.title_case_line(start):
        return False
    following = re.match(r"\s+([A-Z][\w’'-]*)", text[end : end + 30])
    return following is not None


def _build(ctx: _Context, atoms: Sequence[_Atom]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    index = 0
    while index < len(atoms):
        a = atoms[index]
        index += 1
        if ctx.masks.covers(a.start, a.end):
            continue
        a_unit, a_end = _atom_unit(text, a)
        if a_unit is None and a.currency is None and not a.needs_nummod and not a.fraction and a.vague is None \
                and (stone := _STONE.match(text, a.end)) is not None:
            a_unit, a_end = "stone", stone.end()
        if _unit_of_a_name(ctx, a, a_unit, a_end) or _age_group(text, a, a_unit, a_end):
            continue
        size = _SIZE.match(text, a.end)
        if size is not None and not a.words and a.currency is None:
            if index < len(atoms) and atoms[index].start == size.end():
                index += 1  # "8-by-11-inch paper", "a 3-by-5 card": a size, neither side a count
            continue
        height = _HEIGHT.match(text, a.end) if a.plain_int and 3 <= a.value <= 8 else None
        if height is not None:
            if index < len(atoms) and atoms[index].start == height.start("inches"):
                index += 1
            out.append(_Candidate(start=a.start, end=height.end(), number_end=height.end(),
                                  value=round(a.value + int(height.group("inches")) / 12, 4), low=None, high=None,
                                  qualifier="exact", unit="foot", atoms=[a]))
            continue  # "5’2”": a height in feet and inches, one measure
        if a.words and (_nickname_number(ctx, a) or _number_word_of_a_name(ctx, a)):
            continue
        if index < len(atoms) and not a.fraction and a.vague is None:
            ranged = _try_range(ctx, a, a_unit, a_end, atoms[index])
            if ranged is not None:
                index += 1
                if ranged.qualifier != "skip":
                    out.append(ranged)
                continue
        if a.hyphen_word and a_unit is None:
            continue  # "one-off", "two-way", "three-pointer"
        if _name_number(ctx, a, a_unit is not None) or _age_after_name(text, a) or _street_address(text, a.end) \
                or _enumerator(text, a):
            continue
        value, number_start = a.value, a.start
        if a.vague is None and not a.words:
            sign = _SIGN.search(text[max(0, a.start - 9) : a.start])
            if sign is not None and not _PLUS_OR_MINUS.search(text[max(0, a.start - 20) : a.start]):
                value, number_start = -value, a.start - len(sign.group())
        qualifier, start = _qualifier_before(text, number_start)
        if qualifier is not None and _bound_in_a_name(ctx, start, a_end):
            continue  # "the Forbes Under 30 Summit": a capitalized bound inside a name is part of the name
        if re.search(r"\bsub-$", text[max(0, a.start - 4) : a.start], re.IGNORECASE):
            qualifier, start = "at_most", a.start - 4
        unit, end = _per_after(text, a_end, a_unit)
        if unit is None and a.plain_int and a.value <= 130 and (age := _AGE_BEFORE.search(text[max(0, a.start - 20) : a.start])) \
                and not (age.group().lower().startswith("turn") and _followed_by_count_noun(text, a.end)):
            unit = "years old"  # "died at age 75", "any male aged 14 or over", "died at 75"
            bound = _AGE_BOUND.search(text[max(0, a.start - 30) : a.start])
            if bound is not None and qualifier is None:  # "under the age of 13": at most 13 years old
                qualifier = "at_most" if bound.group("below") else "at_least"
                start = a.start - (len(text[max(0, a.start - 30) : a.start]) - bound.start())
        after = _QUALIFIER_AFTER.match(text, end)
        if after is not None:
            qualifier = next(k for k in ("at_least", "at_most", "approximately") if after.group(k))
            end = after.end()
            if unit is None:  # "40-plus dollars"
                unit, end = _unit_after(text, end)
        if qualifier == "at_least" and unit in _TIME_UNITS and out and _spread_over(text, out[-1], start):
            qualifier, start = None, number_start  # "a 6% raise over 4 years", "$1.9tn over 10 years": spread across, not more than
        if a.plain_int and unit is None and qualifier is None and _is_year(text, a):
            continue
        if a.plain_int and unit is None and qualifier is not None and 1900 <= a.value <= 2100 \
                and ((_PREPOSITION_QUALIFIER.search(text[start : a.start]) and not _followed_by_count_noun(text, a.end))
                     or _year_by_next_word(text, a)):
            continue  # "debate over 2020 census question", "before 2000", "some 2017 revenues"
        if a.plain_int and unit is None and qualifier is None and a.end - a.start >= 7:
            continue  # an id or a code, not an amount
        if qualifier is None and out and a.vague is None:
            qualifier = _inherited_qualifier(text, out[-1], start)
        if a.vague is not None:
            low, high = a.vague
            out.append(_Candidate(start=start, end=end, number_end=a.end, value=None, low=low, high=high,
                                  qualifier="range", unit=unit, atoms=[a]))
            continue
        out.append(_Candidate(start=start, end=end, number_end=a.end, value=value, low=None, high=None,
                              qualifier=qualifier or "exact", unit=unit, atoms=[a]))
    return out


_COMMON_UNITS = _TIME_UNITS | {"mile", "foot", "inch", "yard", "acre", "times", "point", "dollar", "pound", "ton"}
"""Units written as common words: capitalized only at a line's or a title's start, or in a name. Units named
after a person ("Celsius", "Fahrenheit") and symbols ("Mbps") are capitalized anywhere."""


def _unit_of_a_name(ctx: _Context, atom: _Atom, unit: str | None, unit_end: int) -> bool:
    """ "60 Minutes", "48 Hours", "28 Days Later": a unit word capitalized inside a sentence (a line that is
    neither in title case nor in capitals) is a name's; the figure is no duration."""
    surface = ctx.text[atom.end : unit_end].strip(" -")
    return unit in _COMMON_UNITS and atom.currency is None and surface.isalpha() and surface.istitle() \
        and not ctx.title_case_line(atom.start)


_AGE_GROUP = re.compile(
    r"-\s+(?:and|or|to|through|&)\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[\s-]+(?:year|month|week|day)s?[\s-]olds\b",
    re.IGNORECASE,
)


def _age_group(text: str, atom: _Atom, unit: str | None, unit_end: int) -> bool:
    """ "4-year-olds", "3- and 4-year-olds", "18- to 24-year-olds": an age that names a group of people is no
    amount (the count of them is a figure of its own: "two 4-year-olds"); a person's age ("a 65-year-old
    teacher", "64 years old") stays one."""
    if unit == "years old" and text[atom.end : unit_end].lower().endswith("olds"):
        return True
    return unit is None and _AGE_GROUP.match(text, atom.end) is not None


_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Boulevard|Blvd|Drive|Dr|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Hwy|"
    "Parkway|Pkwy|Crescent|Close|Row|Plaza|Center|Centre"
)
_STREET = re.compile(
    r"\s+(?:(?:[A-Z][\w.'’-]*|\d+(?:st|nd|rd|th|ST|ND|RD|TH))\s+){0,3}"
    rf"(?:{_STREET_TYPES}|{_STREET_TYPES.upper()})\b"
)
"""The street after a house number, in title case or in capitals ("9 WALL STREET" in a headline)."""


def _spread_over(text: str, previous: _Candidate, start: int) -> bool:
    """ "over" a duration right after another figure of the sentence: the span it is spread across."""
    gap = text[previous.end : start]
    return len(gap) <= 60 and not re.search(r"[.!?;]\s", gap) and bool(re.match(r"\s*over\s", text[start : start + 6], re.IGNORECASE))


def _street_address(text: str, end: int) -> bool:
    """ "575 Wilbraham Road", "9 E 71st St", "Two World Trade Center": a house number (or a building's). A
    plural noun after the street counts what the figure counts: "two Wall Street banks", "the two Trade
    Center towers"."""
    street = _STREET.match(text, end)
    return street is not None and not _followed_by_count_noun(text, street.end())


def _inherited_qualifier(text: str, previous: _Candidate, start: int) -> str | None:
    """A conversion in brackets keeps the qualifier of the figure it converts: "more than 100 km (60 miles)",
    "just under 296 hp (224 kW / 300 PS)"."""
    if previous.qualifier in ("exact", "range"):
        return None
    gap = text[previous.end : start]
    if re.fullmatch(r"\s*\(\s*", gap) or (re.fullmatch(r"\s*/\s*", gap) and "(" in text[previous.start - 2 : previous.start]):
        return previous.qualifier
    return None


def _skip() -> _Candidate:
    return _Candidate(start=-1, end=-1, number_end=-1, value=None, low=None, high=None, qualifier="skip", unit=None)


_ALTERNATIVES_SPREAD = 10.0
"""At most this ratio between the two figures of "A or B" read as one estimate ("two or three", "25 or 30
minutes", "five or ten years"); "5 or 600 workers" is two figures."""


def _alternatives(ctx: _Context, a: _Atom, a_unit: str | None, b: _Atom, gap: str, q_start: int) -> _Candidate | None:
    """ "two or three districts", "about six or seven months", "one or two percent": a writer's estimate
    between two figures, one range ``(A, B)`` with B's unit; read as two figures, the dossier showed "three"
    and "seven months" as exact amounts (and lost "one", which counts no noun alone). Not a range: a
    descending or far-apart pair, years ("in 2016 or 2017"), a suspended hyphen ("a 7- or 8-inch screen":
    two sizes), a currency printed before B only ("about 8 or $9", as NewsQuant reads it: two figures);
    numbers of a name go both ("option 1 or 2")."""
    text = ctx.text
    if gap.lower() != " or " or a.hyphen_word:
        return None
    b_unit, b_end = _atom_unit(text, b)
    shared = _same_unit(a_unit, b_unit)
    if shared is False or (a_unit is not None and b_unit is None):
        return None
    if b.currency is not None and a.currency is None:
        return None  # "about 8 or $9": the currency printed before B alone does not say what A is
    low = a.value * b.scale if b.scaled and not a.scaled and a.value < b.value / b.scale else a.value
    if not 0 < low < b.value <= _ALTERNATIVES_SPREAD * low:
        return None  # "a 0 or a 1", "5 or 600 workers", "3 or 2"
    if a.plain_int and b.plain_int and (_is_year(text, a) or _is_year(text, b)):
        return None
    if _name_number(ctx, a, a_unit is not None or b_unit is not None) or _street_address(text, b.end):
        return _skip()
    unit, end = _per_after(text, b_end, shared if isinstance(shared, str) else None)
    return _Candidate(start=q_start, end=end, number_end=b.end, value=None, low=low, high=b.value,
                      qualifier="range", unit=unit, atoms=[a, b])


def _currency_range(a: _Atom, b: _Atom, a_unit: str, joined: bool) -> bool:
    """ "$1350-1356", "$2-3 billion": a second end that drops the currency (and shares the scale word) after
    a dash, or after "to" when only it carries the scale; an ascending pair of the first end's currency."""
    if not joined or a.currency is None or b.currency is not None or a_unit not in _MONEY_UNITS | _DOLLAR_CODES:
        return False
    low = a.value * b.scale if b.scaled and not a.scaled and a.value < b.value / b.scale else a.value
    return 0 < low < b.value


def _try_range(ctx: _Context, a: _Atom, a_unit: str | None, a_end: int, b: _Atom) -> _Candidate | None:
    """``a`` and ``b`` as one range; ``None`` when they are not one, a ``skip`` candidate when both go."""
    text = ctx.text
    gap = text[a_end : b.start]
    connector = _CONNECTOR.fullmatch(gap)
    if connector is None or b.fraction or b.vague is not None or ctx.masks.covers(b.start, b.end):
        return None
    word = connector.group().strip().lower()
    _, q_start = _qualifier_before(text, a.start)
    window_start = max(0, q_start - 26)
    opener = _RANGE_START.search(text[window_start:q_start])
    opener_word = opener.group("word").lower() if opener else None
    if word == "or":
        return _alternatives(ctx, a, a_unit, b, gap, q_start)
    dash = word in ("-", "–", "—")
    if word == "and" and opener_word != "between":
        return None
    if word.startswith("up") and opener_word != "from":
        return None
    if dash and gap != word and not (gap.startswith(" ") and gap.endswith(" ")):
        return None  # "Stoxx 50 -1.3%": a sign, not a range
    if dash and gap == word and a.plain_int and b.plain_int and a.value >= b.value and a_unit is None:
        return _skip()  # "2-2", "52-48", "2014-15": scores, votes, seasons
    b_unit, b_end = _atom_unit(text, b)
    shared = _same_unit(a_unit, b_unit)
    if shared is False:
        return None
    if a_unit is not None and b_unit is None and opener_word is None \
            and not _currency_range(a, b, a_unit, dash or (word == "to" and b.scaled and not a.scaled)):
        return None  # "fell 0.4 per cent to 13176" (but "$1350-1356", "$89 to 93 billion" are ranges of dollars)
    if opener_word is None and a_unit is not None and re.search(r"\bby\s+$", text[window_start:q_start], re.IGNORECASE):
        return None  # "increased by $43.6 billion to $419.2 billion" (but "dropped by 1 to 1.5 degrees" is a range)
    if a_unit is None and (b_unit is not None or (b.scaled and not a.scaled)) and _is_year(text, a):
        return None  # "from 20 mpg in 2008 to 29 mpg", "61 mln won in 2016 to 2.2 bln won"
    if opener_word is None and a_unit is None and b_unit is None and a.value >= b.value:
        if (word in ("to", "-to-") or dash) and a.plain_int and b.plain_int and not _followed_by_count_noun(text, b.end):
            return _skip()  # "passed 52 to 48", "a 134-to-63 vote", "odds of 3 to 1", "won 3 – 1": a tally, not two amounts
        return None
    if a.hyphen_word or (a.words and a.needs_nummod):
        return None
    low, high = a.value, b.value
    if b.scaled and not a.scaled and a.value < b.value / b.scale:
        low = a.value * b.scale  # "$89 to $93 billion", "1 to 2 thousand"
    both_bare = a.plain_int and b.plain_int and a_unit is None and b_unit is None
    if both_bare and _is_year(text, a) and (1000 <= b.value <= 2100 or b.value < 100) \
            and not _followed_by_count_noun(text, b.end):
        return _skip()  # "between 1600 and 1900", "2014 to 2016"
    if _name_number(ctx, a, a_unit is not None or b_unit is not None):
        return _skip()
    if _street_address(text, b.end):
        return _skip()
    unit, end = _per_after(text, b_end, shared if isinstance(shared, str) else None)
    if unit == "years old" and text[b.end : end].lower().endswith("olds"):
        return _skip()  # "18-to-34-year-olds": an age group, no amount
    if unit is None and opener is not None and opener.group("ages") and a.plain_int and b.plain_int and b.value <= 130:
        unit = "years old"  # "between the ages of 18 and 29"
    start = window_start + opener.start("word") if opener is not None else q_start
    return _Candidate(start=start, end=end, number_end=b.end, value=None, low=min(low, high), high=max(low, high),
                      qualifier="range", unit=unit, atoms=[a, b])


# ------------------------------------------------------------------------------------------------
# the counted thing, from the parse


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences (cheap rules; abbreviations do not end a sentence)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("\n"):
            starts.append(match.end())
            continue
        before = re.search(r"(\S+)$", text[max(0, match.start() - 12) : match.start()])
        word = before.group(1).lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        starts.append(match.end())
    return starts




def _counted(doc: Any, base: int, candidate: _Candidate) -> tuple[int, int, int] | None:
    """Absolute ``(start, end, noun_end)`` of the noun phrase the number counts, or ``None``; ``noun_end``
    is where the phrase ends without its restricting post-modifier (the quantity's span stops there).

    The noun is the head the number modifies (``nummod``, reached through ``quantmod``/``compound`` chains
    inside the number), else the object of an "of" right after the quantity ("tens of thousands of
    civilians", "1.2m tons of ilmenite"); with a unit already read, only the "of" route is taken.
    """
    number_start = candidate.atoms[0].start - base
    number_end = candidate.number_end - base
    expression_end = candidate.end - base
    starts = _token_starts(doc)
    first = max(0, bisect.bisect_right(starts, number_start) - 1)
    last = bisect.bisect_left(starts, number_end)
    tokens = [t for t in doc[first:last] if t.idx < number_end and t.idx + len(t.text) > number_start]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    noun = None
    if candidate.unit is None or _is_ratio(doc.text[max(0, number_start) : number_end], candidate.unit):
        for token in reversed(tokens):
            anchor, hops = token, 0
            while anchor.head.i in inside and anchor.head.i != anchor.i and hops < 8:
                anchor, hops = anchor.head, hops + 1
            head = anchor.head
            if (anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and head.i > max(inside)
                    and head.tag_.startswith("NN") and head.idx >= expression_end):
                noun = _named_noun(head)
                break
        if noun is not None and _bound_after_a_noun(doc, tokens[0], candidate, base, noun):
            return None
    if noun is None:
        after = bisect.bisect_left(starts, expression_end)
        following = next((t for t in doc[after : after + 3] if not t.is_space), None)
        if following is not None and following.lower_ == "of":
            objects = [c for c in following.children if c.dep_ == "pobj" and c.tag_.startswith("NN")]
            noun = _possessed(doc, objects[0]) if objects else None
    if noun is not None and noun.lower_ == "worth":
        return None  # "about $4 of every $5 worth", "$5 worth": a value, no thing counted
    if noun is None and candidate.unit is None and LEVEL_SUBJECTS:
        noun = _level_of(tokens, inside)
    if noun is None or not any(ch.isalpha() for ch in noun.text):
        return None
    measure = noun
    noun = _measured(doc, noun, number_end, after_article=tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ in ("a", "an"))
    # left edge: contiguous modifiers of the noun, not the quantity, determiners or possessives, nor the
    # noun of another figure's measure ("24 500-pound bombs" count bombs)
    start_i = noun.i
    for i in range(noun.i - 1, -1, -1):
        token = doc[i]
        if (token.idx < expression_end and noun.idx >= expression_end) or token.i in inside \
                or token.dep_ in ("det", "poss", "predet", "case", "prep") or token.tag_ == "CD" \
                or (i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].i not in inside
                    and (doc[i - 2].tag_ == "CD" or doc[i - 2].like_num)):
            break
        if not _descends_from(token, noun):
            break
        start_i = i
    # right edge: coordinated nouns ("officers and volunteers"), not those of a measured thing ("a 500-seat
    # auditorium and a pool": the seats are the auditorium's)
    end_i = noun.i
    for conj in _conjuncts(noun) if measure is noun else ():
        if _thing_of_its_own(noun, conj):
            break
        between = range(end_i + 1, conj.i)
        if all((doc[i].dep_ in ("cc", "punct", "amod", "compound", "nmod", "det") or _descends_from(doc[i], conj))
               and not doc[i].like_num and doc[i].tag_ != "CD" for i in between):
            end_i = conj.i
    while start_i <= end_i and (doc[start_i].is_punct or doc[start_i].dep_ == "cc"):
        start_i += 1
    if start_i > end_i:
        return None
    if end_i == noun.i and end_i > start_i and _bare_verb_after_object(doc, noun, start_i):
        end_i -= 1  # "had one female contestant twirl before him": the verb is no part of the thing
    noun_end = doc[end_i].idx + len(doc[end_i].text)
    bare = doc.text[doc[start_i].idx : noun_end]
    if measure is noun and end_i == noun.i and noun.tag_ != "NNP" and _unit_after(bare, 0)[1] != len(bare):
        end_i = _restricted_to(doc, noun, end_i)  # (not after a name, "one Graham filed", nor a unit: "miles")
    start_char = doc[start_i].idx
    end_char = doc[end_i].idx + len(doc[end_i].text)
    if noun.lower_ == "olds" and start_i == noun.i:  # "two 4-year-olds": the age is part of the thing counted
        age = _AGE_OLDS.search(doc.text, max(number_end, start_char - 40), start_char)
        if age is not None:
            start_char = age.start()
    if "." in doc[end_i].text and doc.text[end_char : end_char + 3] in (".’s", ".'s"):
        end_char = noun_end = end_char + 3  # "83 e.v.’s": an abbreviation's plural
    if end_char - start_char > 120:
        end_char = noun_end
        if end_char - start_char > 120:
            return None
    return base + start_char, base + end_char, base + noun_end


_HYPHENS = frozenset({"-", "–"})


def _possessed(doc: Any, noun: Any) -> Any:
    """The object of "of" when the parse took its possessor for it: in "6,000 of America’s finest fighting men"
    (a curly apostrophe) "America" may come out as the object, its "’s" hanging on it; the figure counts the
    plural noun after the possessive (``None`` when there is none close by)."""
    case = next((c for c in noun.children if c.dep_ == "case" and c.tag_ == "POS"), None)
    if case is None:
        return noun
    for token in doc[case.i + 1 : case.i + 6]:
        if token.tag_ in ("NNS", "NNPS"):
            return token
        if token.is_punct or token.tag_ in ("IN", "VBD", "VBZ", "VBP", "MD", "CC"):
            break
    return None
_PREPOSITION_BOUND = re.compile(r"(?:over|under|above|below)\s", re.IGNORECASE)


def _bound_after_a_noun(doc: Any, first: Any, candidate: _Candidate, base: int, noun: Any) -> bool:
    """ "help people under 30 engage", "Kids under 12 ride free": a bound written as a preposition right after a
    noun or pronoun limits that noun (an age), and the singular word after the figure is the sentence's verb,
    tagged a noun; the figure counts no noun after it."""
    if noun.tag_ != "NN" or first.i == 0 or _PREPOSITION_BOUND.match(doc.text, candidate.start - base) is None:
        return False
    qualifier = doc[first.i - 1]
    if qualifier.idx != candidate.start - base or qualifier.i == 0:
        return False
    before = doc[qualifier.i - 1]
    return before.tag_ in ("NNS", "NNPS", "PRP") or before.lower_ in ("those", "anyone", "everyone", "people")


_CAUSATIVE = frozenset({"had", "have", "has", "having", "made", "make", "makes", "making", "let", "lets", "letting",
                        "watched", "watch", "saw", "see", "heard", "hear", "helped", "help", "helps"})


def _bare_verb_after_object(doc: Any, noun: Any, start_i: int) -> bool:
    """ "had one female contestant twirl before him": after a causative or perception verb, a singular "noun"
    that two modifiers precede and a preposition or adverb follows is the bare verb of the object before it."""
    if noun.tag_ != "NN" or noun.dep_ != "dobj" or noun.head.lower_ not in _CAUSATIVE or noun.i - start_i < 2:
        return False
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return following is not None and following.tag_ in ("IN", "RP", "RB", "TO") \
        and doc[noun.i - 1].tag_ in ("NN", "JJ") and doc[noun.i - 1].head.i == noun.i
def _verb_rooted(token: Any) -> bool:
    """Whether the root of ``token``'s sentence is a verb (or an auxiliary): a participle hanging on a noun
    of a sentence without one is that sentence's verb, mis-tagged."""
    hops = 0
    while token.head.i != token.i and hops < 40:
        token, hops = token.head, hops + 1
    return bool(token.tag_.startswith("VB") or token.tag_ == "MD")


_WHERE_PARTICIPLES = frozenset({"living", "residing", "based", "located", "situated", "stationed", "housed"})
"""Participles that only say where the counted things are ("1 million civilians living in the city"): like
"nationwide" or "in Mosul", no restriction that makes them another thing than the same figure printed bare."""
_RESTRICTING_PREPOSITIONS = frozenset({"with", "without"})
_RELATIVE_WORDS = frozenset({"that", "who", "which", "whose", "where"})
_MAX_RESTRICTION = 8


def _restricted_to(doc: Any, noun: Any, end_i: int) -> int:
    """Where the counted phrase ends with the post-modifier that restricts its noun, printed right after it
    (no comma): a participle ("gas stations equipped to pump it", "buses fitted with ramps"), a relative
    clause ("stations that sell E15") or "with"/"without" ("buses with ramps"). "2,300 gas stations equipped to
    pump it" are not the country's 150,000 gas stations; the dossier must not read the two figures as one
    thing counted twice. The modifier is kept whole when it is short; a long participle keeps its first word,
    a long clause is left out."""
    for child in noun.rights:
        if child.left_edge.i != end_i + 1:
            return end_i
        restricting = (child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and child.lower_ not in _WHERE_PARTICIPLES) \
            or (child.dep_ == "relcl" and doc[child.left_edge.i].lower_ in _RELATIVE_WORDS) \
            or (child.dep_ == "prep" and child.lower_ in _RESTRICTING_PREPOSITIONS
                and any(c.dep_ == "pobj" for c in child.children))
        if not restricting or (doc[child.left_edge.i].text[:1].isupper() and not doc[child.left_edge.i].is_sent_start):
            return end_i  # "Generations That Built an Empire": a title
        if child.dep_ == "acl" and not _verb_rooted(noun):
            return end_i  # "51 percent of Americans disapproved": the sentence's own verb, tagged a participle
        last: int = child.i
        for i in range(child.i + 1, child.right_edge.i + 1):
            if doc[i].is_punct or doc[i].is_space or i - end_i > _MAX_RESTRICTION:
                break
            last = i
        if last == child.right_edge.i:
            while last > child.i and doc[last].dep_ in ("cc", "prep", "det", "mark", "aux", "punct"):
                last -= 1
            return last
        # too long to keep whole: a past participle alone still restricts ("delegates needed", "votes cast");
        # a clause, a present participle ("papers ranging") or a "with" cut short does not read
        return int(child.i) if child.dep_ == "acl" and child.tag_ == "VBN" else end_i
    return end_i
_AGE_OLDS = re.compile(r"(?<![\w-])(?:\d{1,3}|[A-Za-z]+)\s?[-–]\s?(?:year|month|week|day)s?\s?[-–]\s?$")


def _named_noun(noun: Any) -> Any:
    """The common noun a name before it modifies: in "14 New York Times best-sellers" the parse may hang the
    figure on "Times", but the figure counts best-sellers (the name stays in the phrase, as "Islamic State" does
    in "Islamic State fighters")."""
    head = noun.head
    if noun.tag_ == "NNP" and noun.dep_ in ("nmod", "compound") and head.i > noun.i and head.i - noun.i <= 4 \
            and head.tag_ in ("NN", "NNS") and any(ch.isalpha() for ch in head.text):
        return head
    return noun


def _measured(doc: Any, noun: Any, number_end: int, *, after_article: bool = False) -> Any:
    """The thing a hyphenated measure describes: in "the 48-page indictment" and "a 35-word oath" the figure
    counts the pages of the indictment and the words of the oath, so the counted phrase runs on to that noun
    ("page indictment": head "indictment"), and "48-page indictment" and "47-page indictment" are one thing
    printed with two values. A singular noun joined to the figure by a hyphen (or by a space after "a":
    "a 35 word oath"), and modifying a common noun after it; "40 pages", "12 members of the jury" and "a
    29-page Federal Bureau of Investigation file" (a name after it) keep their noun."""
    gap = doc.text[number_end : noun.idx]
    if not (gap in _HYPHENS or (after_article and gap == " ")) or noun.tag_ != "NN" or not noun.text.isalpha():
        return noun
    head = noun.head
    if head.i <= noun.i or head.tag_ not in ("NN", "NNS") or noun.dep_ not in ("compound", "amod", "nmod") \
            or head.i - noun.i > 4 or not any(ch.isalpha() for ch in head.text):
        return noun
    return head


LEVEL_SUBJECTS = True
"""A figure with no noun of its own that is the level its sentence's subject reaches counts that
subject (:func:`_level_of`): "The death toll rose to 1,500" counts "death toll", "The number of
confirmed cases topped 10,000" counts "confirmed cases", "Officials put the number of displaced at
200,000" counts "displaced". The figure a level rose *from* counts nothing (it is no longer the
level), and figures with a unit keep their unit only."""

# verbs (as printed: the quantity parse has no lemmatizer) whose "to N" / "at N" is the level their
# subject reaches, whose object N is, or that "put the X at N"
def _forms(*verbs: str) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs:
        base, *irregular = verb.split("/")
        stem = base[:-1] if base.endswith("e") else base
        forms.update({base, base + "s", stem + "ed", stem + "ing", *irregular})
    return frozenset(forms)


_LEVEL_TO = _forms("rise/rose/risen/rising", "climb", "jump", "soar", "grow/grew/grown", "increase", "swell",
                   "surge", "fall/fell/fallen", "drop/dropped/dropping", "decline", "decrease", "dip/dipped/dipping",
                   "sink/sank/sunk", "plunge", "stand/stood", "edge", "creep/crept", "mount", "balloon", "tumble",
                   "shrink/shrank/shrunk", "go/went/gone/goes")
_LEVEL_OBJECT = _forms("reach/reaches", "top/topped/topping", "hit/hitting", "pass/passes", "surpass/surpasses",
                       "exceed", "near", "approach/approaches", "cross/crosses")
_LEVEL_PUT = _forms("put/putting", "estimate", "place", "set/setting", "peg/pegged/pegging")
_LEVEL_BE = frozenset({"is", "was", "are", "were", "'s", "stands", "stood"})
_LEVEL_OF = frozenset({"number", "total", "count", "tally"})


def _level_of(tokens: list[Any], inside: set[int]) -> Any:
    """The noun whose level a bare figure states (see :data:`LEVEL_SUBJECTS`), or ``None``."""
    anchor = tokens[-1]
    hops = 0
    while anchor.head.i in inside and anchor.head.i != anchor.i and hops < 8:
        anchor, hops = anchor.head, hops + 1
    head = anchor.head
    owner = None
    if anchor.dep_ == "pobj" and head.lower_ in {"to", "at"} and head.head.tag_.startswith("VB"):
        verb = head.head
        if verb.lower_ in _LEVEL_PUT and head.lower_ == "at":
            owner = next((c for c in verb.children if c.dep_ == "dobj"), None)
        elif verb.lower_ in _LEVEL_TO:
            owner = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    elif (anchor.dep_ == "dobj" and head.lower_ in _LEVEL_OBJECT) or (anchor.dep_ == "attr" and head.lower_ in _LEVEL_BE):
        owner = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if owner is None or not owner.tag_.startswith("NN") or owner.i in inside:
        return None
    if owner.tag_ == "NNP" and head.lower_ in _LEVEL_BE:
        return None  # "While Garland is 63": a person's age, no level of a thing counted
    unit, unit_end = _unit_after(owner.text, 0)
    if unit is not None and unit_end == len(owner.text):
        return None  # "74 percent of voters were 45 or older": the 45 is no level of "percent"
    if owner.lower_ in _LEVEL_OF:  # "the number of confirmed cases": the cases
        of = next((c for c in owner.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return counted
    return owner


def _token_starts(doc: Any) -> list[int]:
    """Character offsets of the doc's tokens (computed once per doc) for bisecting."""
    starts: list[int] | None = doc.user_data.get("storytrace_starts")
    if starts is None:
        starts = [t.idx for t in doc]
        doc.user_data["storytrace_starts"] = starts
    return starts


def _descends_from(token: Any, ancestor: Any) -> bool:
    hops = 0
    while token.i != ancestor.i and token.head.i != token.i and hops < 12:
        token, hops = token.head, hops + 1
    return bool(token.i == ancestor.i)


_OWN_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
_NUMBER_NOUNS = frozenset({*_FRACTIONS, *_SMALL, *_TENS, *_SCALES, *_PLURAL_SCALES, "dozen"})


def _thing_of_its_own(noun: Any, conj: Any) -> bool:
    """A noun coordinated with the counted one that the figure does not count: a name after a common noun
    ("nine felonies and Acme Payroll Corporation", "18 states and the District"), a noun with its own article
    ("five children and a retired nurse") or a figure of its own ("nine of 10 limes and half")."""
    if conj.tag_ in ("NNP", "NNPS") and noun.tag_ in ("NN", "NNS"):
        return True
    if conj.lower_ in _NUMBER_NOUNS:
        return True
    return any(child.dep_ == "det" and child.lower_ in _OWN_DETERMINERS for child in conj.children)


def _conjuncts(noun: Any) -> Iterator[Any]:
    for child in noun.children:
        if child.dep_ == "conj" and child.i > noun.i and child.tag_.startswith("NN"):
            yield child
            yield from _conjuncts(child)


_RATIO = re.compile(r"(?:\s|-)(?:in|out\s+of)(?:\s|-)", re.IGNORECASE)


def _is_ratio(number: str, unit: str | None) -> bool:
    """ "One in five", "nine out of ten", "1-in-8": a share whose counted noun follows ("… adults")."""
    return unit == "fraction" and _RATIO.search(number) is not None


def _bare_one(candidate: _Candidate) -> bool:
    """A lone "one"/"zero" (not the first figure of "one or two"): kept only when it counts a noun."""
    return len(candidate.atoms) == 1 and candidate.atoms[0].needs_nummod


def _needs_parse(text: str, candidate: _Candidate) -> bool:
    if _bare_one(candidate):
        return True
    if candidate.unit is None or _is_ratio(text[candidate.start : candidate.number_end], candidate.unit):
        return True
    return bool(re.match(r"\s+of\s", text[candidate.end : candidate.end + 4]))


def _attach_counted(text: str, candidates: list[_Candidate], parsed: Mapping[str, Any] | None = None) -> list[_Candidate]:
    wanted = [c for c in candidates if _needs_parse(text, c)]
    if not wanted:
        return candidates
    from .nlp import load_nlp

    nlp = load_nlp(disable=_PARSE_DISABLED)
    bounds = _sentence_bounds(text)
    groups: dict[tuple[int, int], list[_Candidate]] = {}
    for candidate in wanted:
        index = bisect.bisect_right(bounds, candidate.start) - 1
        s_start = bounds[index]
        s_end = bounds[index + 1] if index + 1 < len(bounds) else len(text)
        if s_end - s_start > _MAX_SENTENCE:
            # a run-on "sentence": parse it in fixed blocks (shared by the numbers inside each block) with some
            # overlap at the end so that a number near a block's end keeps the words after it
            block = (candidate.start - s_start) // _MAX_SENTENCE
            s_start = s_start + block * _MAX_SENTENCE
            s_end = min(s_end, s_start + _MAX_SENTENCE + 200)
        groups.setdefault((s_start, s_end), []).append(candidate)
    keys: list[tuple[int, int]] = []
    budget = _MAX_PARSED_CHARS
    for key in groups:
        budget -= key[1] - key[0]
        if budget < 0:
            break
        keys.append(key)
    dropped = {id(c) for key in list(groups)[len(keys) :] for c in groups[key] if _bare_one(c)}
    # A sentence the quote stage parsed already (the same words, the full pipeline: the same tags
    # and labels) is not parsed again.
    bases: dict[tuple[int, int], int] = {}
    reused: dict[tuple[int, int], Any] = {}
    for a, b in keys:
        stripped = text[a:b].strip()
        doc = parsed.get(stripped) if parsed and stripped else None
        if doc is not None:
            reused[(a, b)] = doc
            bases[(a, b)] = a + len(text[a:b]) - len(text[a:b].lstrip())
    own = [key for key in keys if key not in reused]
    fresh = dict(zip(own, PARSED.parse([text[a:b] for a, b in own], lambda texts: map(_space_tags, nlp.pipe(texts))),
                     strict=True))
    for key in keys:
        doc = reused.get(key)
        s_start = bases[key] if doc is not None else key[0]
        if doc is None:
            doc = fresh[key]
        for candidate in groups[key]:
            atom = candidate.atoms[0]
            if _bare_one(candidate) and not _counts_a_noun(doc, atom.start - s_start, atom.end - s_start):
                dropped.add(id(candidate))
                continue
            if _names_a_thing(doc, s_start, candidate) or _labels_a_thing(doc, s_start, candidate):
                dropped.add(id(candidate))
                continue
            found = _counted(doc, s_start, candidate)
            if found is not None:
                _set_counted(text, candidate, *found)
    return [c for c in candidates if id(c) not in dropped]


# The rules read the tagger's tags and the parser's labels, nothing the attribute ruler adds but the
# two things it changes there: a whitespace token's tag ("_SP") and label ("dep" for any label), as
# :func:`_space_tags` sets them without running the ruler (which runs after the parser).
_PARSE_DISABLED = ("attribute_ruler", "lemmatizer", "ner")


def _space_tags(doc: Any) -> Any:
    """The attribute ruler's whitespace patterns of ``en_core_web_sm`` on ``doc``: every space token
    gets the tag ``_SP``, and the label ``dep`` when it has one."""
    for index in doc.to_array("IS_SPACE").nonzero()[0].tolist():
        token = doc[index]
        if token.dep_ != "":
            token.dep_ = "dep"
        token.tag_ = "_SP"
    return doc


PARSED = DocCache(10_000)
"""The sentences :func:`_attach_counted` parsed lately, by their text (a copied sentence is parsed once
per process)."""


_COUNTED_GAP = re.compile(r'(?:[-–](?=\w))?[ \t]*(?P<quote>[“"‘])?(?:of\s+(?:(?:the|its|their|his|her|our|these|those|this|that|all)\s+)?)?')


def _set_counted(text: str, candidate: _Candidate, start: int, end: int, noun_end: int) -> None:
    """Record the counted phrase; a phrase that is itself a unit ("hundreds of miles") becomes the unit; the
    quantity's span runs on through the phrase (up to ``noun_end``: not through its restricting post-modifier)
    when only "of", an article or a quote stands between."""
    phrase = text[start:end]
    if phrase.endswith(("-", "–")):
        return  # "20 percent of third- through eighth-grade students": a suspended compound, cut in two
    unit, unit_end = _unit_after(phrase, 0)
    if unit is not None and unit_end == len(phrase):
        if candidate.unit is not None:
            return
        candidate.unit = unit
    else:
        candidate.counted = phrase
    gap = _COUNTED_GAP.match(text, candidate.end)
    if gap is not None and gap.end() == start and start > candidate.end - 1:
        end = noun_end
        if gap.group("quote") and end < len(text) and text[end] in "”\"’":
            end += 1
        candidate.counted_end = end


_COLLECTIVE = frozenset({"staff", "personnel", "police", "cattle", "crew", "people", "livestock", "clergy"})


def _bare_figure(doc: Any, base: int, candidate: _Candidate) -> int | None:
    """The token index of a candidate that is one bare whole number of 2 or more (no unit, no qualifier),
    tagged as a number where its atom starts; ``None`` for any other candidate."""
    atom = candidate.atoms[0]
    if len(candidate.atoms) != 1 or not atom.plain_int or atom.value < 2 or candidate.unit is not None \
            or candidate.qualifier != "exact":
        return None
    index = bisect.bisect_left(_token_starts(doc), atom.start - base)
    if index >= len(doc) or doc[index].idx != atom.start - base or doc[index].tag_ != "CD":
        return None
    return index


def _names_a_thing(doc: Any, base: int, candidate: _Candidate) -> bool:
    """A bare figure before a capitalized name whose noun is singular: part of the name, no amount
    ("Boeing's 787 Dreamliner", "the iPhone 11 Pro", "the 90049 ZIP Code", "6 Music", "2 Timothy").
    A count's noun is plural ("two new 737 Max jets", "2 Texas voters", "200 National Guard troops") or a
    collective ("300 Navy staff"), and is kept."""
    index = _bare_figure(doc, base, candidate)
    if index is None or index + 1 >= len(doc):
        return False
    following = doc[index + 1]
    if following.tag_ not in ("NN", "NNP") or not following.text[:1].isupper() or sum(c.isalpha() for c in following.text) < 2:
        return False  # "a 5 W charger", "18 R": a unit symbol, not a name
    letters = [c for c in doc.text if c.isalpha()]
    if sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return False  # a sentence in capitals ("2598 EFP'S FOR MARCH"): every word looks like a name
    noun, hops = doc[index], 0
    while noun.head.i > noun.i and noun.head.tag_.startswith("NN") and hops < 6:
        noun, hops = noun.head, hops + 1
    if hops == 0:
        noun = following  # the parse hangs the figure on no noun after it ("6 Music plays …")
    return noun.tag_ in ("NN", "NNP") and noun.lower_ not in _COLLECTIVE


def _labels_a_thing(doc: Any, base: int, candidate: _Candidate) -> bool:
    """A bare figure between "a"/"an" and a singular noun that ends the phrase labels the thing, it does not
    count it: "a 999 call", "a 911 call", "a 737 jet" (one call, one jet). A figure that measures a noun
    after it ("a 35 word oath", "a 3 bedroom house") or counts a collective ("a 300 staff") is kept."""
    index = _bare_figure(doc, base, candidate)
    if index is None or index < 1 or index + 1 >= len(doc):
        return False
    noun = doc[index + 1]
    article = doc[index - 1]
    return doc[index].head.i == noun.i and noun.tag_ == "NN" and noun.lower_ not in _COLLECTIVE \
        and article.lower_ in ("a", "an") and article.head.i == noun.i \
        and noun.dep_ not in ("compound", "amod", "nmod")


def _counts_a_noun(doc: Any, start: int, end: int) -> bool:
    """Whether the word at ``start`` modifies a noun after it as a number ("one soldier", not "one of")."""
    starts = _token_starts(doc)
    index = bisect.bisect_left(starts, start)
    if index >= len(doc) or doc[index].idx >= end:
        return False
    token = doc[index]
    return bool(token.dep_ == "nummod" and token.head.tag_.startswith("NN") and token.head.i > token.i)


# ------------------------------------------------------------------------------------------------
# public


def extract_quantities(text: str, *, parsed: Mapping[str, Any] | None = None) -> list[Quantity]:
    """Every quantity stated in ``text`` (an article's clean text), in order of appearance.

    ``parsed``: docs the caller has already parsed with the full pipeline, by their exact text (the
    quote stage's sentences); a sentence found there is not parsed again (same tags and labels, same
    result).

    Spans are ``[start, end)`` offsets into ``text``; ``Quantity.text`` is ``text[start:end]`` and covers
    the qualifier, the number(s), the unit and, when it follows directly, the counted noun phrase.
    Never raises on odd input; a very long text is cut at 5 M characters.
    """
    if not isinstance(text, str) or not text or not re.search(r"\d|[a-z]", text, re.IGNORECASE):
        return []
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT]
    try:
        return _extract(text, parsed)
    except RecursionError:  # pragma: no cover - defensive: never crash the claims stage
        log.warning("quantities: recursion limit on a %d-character text", len(text))
        return []


def _extract(text: str, parsed: Mapping[str, Any] | None = None) -> list[Quantity]:
    if not _has_candidate(text):
        return []
    ctx = _Context(text)
    candidates = [c for c in _build(ctx, _atoms(text)) if c.qualifier != "skip"]
    candidates = _attach_counted(text, candidates, parsed)
    quantities: list[Quantity] = []
    for c in candidates:
        end = max(c.end, c.counted_end or 0)
        value, low, high = c.value, c.low, c.high
        if c.qualifier == "at_least":
            low = value
        elif c.qualifier == "at_most":
            high = value
        quantities.append(Quantity(
            text=text[c.start:end], span=(c.start, end), value=value, low=low, high=high, qualifier=c.qualifier,
            unit=c.unit, counted=c.counted,
        ))
    return quantities


_CANDIDATE_RE = re.compile(
    rf"\d|\b(?:{_WORD_NUMBER}|dozens|hundreds|thousands|millions|billions|trillions|half|third|thirds|quarter)\b",
    re.IGNORECASE,
)


def _has_candidate(text: str) -> bool:
    return _CANDIDATE_RE.search(text) is not None
