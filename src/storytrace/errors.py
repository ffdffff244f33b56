"""One exception tree for storytrace, with stable error codes.

Every error a user can meet carries a stable ``code`` (``E`` + three digits) and a stable
``reason`` slug. Codes never change meaning once released; new ones are appended. Library code
raises these; only ``cli.py`` (and later the web layer) turns them into exit codes or HTTP errors.

::

    StorytraceError                     E000 generic
    ├── UsageError                      E001 bad option or argument
    ├── InputError                      E1xx a source could not become an article
    │   ├── MissingPathError            E101 missing_path
    │   ├── EmptyInputError             E102 empty_input
    │   ├── BinaryInputError            E103 binary_input
    │   ├── TooLargeError               E104 too_large
    │   ├── CorruptArchiveError         E105 corrupt_archive      (truncated gzip / WARC)
    │   ├── NoArticleError              E106 no_article           (page without article text)
    │   ├── UnsupportedFormatError      E107 unsupported_format
    │   ├── BadRecordError              E108 bad_record           (CSV/JSONL row, feed item)
    │   ├── BadFeedError                E109 bad_feed
    │   ├── DuplicateInputError         E110 duplicate            (not a failure: same content twice in a run)
    │   ├── UnreadableInputError        E111 unreadable           (permission, I/O error)
    │   ├── LinkNotFollowedError        E112 link_not_followed    (not an error: feed link kept)
    │   ├── TooComplexError             E113 too_complex          (nesting too deep to read safely)
    │   ├── DocumentTimeoutError        E114 timeout              (over the per-document time cap)
    │   └── StorytraceOutputError       E115 storytrace_output    (not a failure: a store, dossier or report storytrace wrote)
    ├── FetchError                      E2xx a URL could not be fetched
    │   ├── UnsafeAddressError          E201 unsafe_address       (loopback/private/link-local/…)
    │   ├── FetchFailedError            E202 fetch_failed         (DNS, connection, TLS)
    │   ├── FetchTooLargeError          E203 fetch_too_large
    │   ├── TooManyRedirectsError       E204 too_many_redirects
    │   ├── HttpStatusError             E205 http_status
    │   ├── UnsupportedSchemeError      E206 unsupported_scheme
    │   └── FetchTimeoutError           E207 fetch_timeout
    ├── StoreError                      E3xx the article store
    │   ├── SchemaTooNewError           E301 schema_too_new
    │   ├── NotAStoreError              E302 not_a_store
    │   ├── StoreMissingError           E303 store_missing
    │   ├── NoAnalysisError             E304 no_analysis          (reports/web before `storytrace analyze`)
    │   └── StoreNotWritableError       E305 store_not_writable   (a new store in a read-only folder; an upgrade)
    ├── EvalError                       E4xx evaluation data
    │   └── EvalDataError               E401 eval_data
    ├── ModelError                      E5xx a shipped model
    │   └── ModelMissingError           E501 model_missing        (model files absent from the install)
    ├── ConfigError                     E6xx a user's configuration file
    │   └── AliasFileError              E601 alias_file           (malformed entity alias YAML)
    ├── BatchError                      E700 batch                (a batch job or its output folder)
    │   └── BatchIncompleteError        E701 batch_incomplete     (batch load before the stages finished)
    └── OutputError                     E800 output               (a dossier or report file cannot be written)

E9xx are not exceptions: they are the codes of the errors the HTTP layer answers itself (a bad
request, a wrong token, no such page, a body over ``--max-body`` …), listed with their reasons in
:data:`storytrace.web.app.HTTP_ERRORS` and docs/web.md.
"""

from __future__ import annotations

__all__ = [
    "AliasFileError",
    "BadFeedError",
    "BadRecordError",
    "BatchError",
    "BatchIncompleteError",
    "BinaryInputError",
    "ConfigError",
    "CorruptArchiveError",
    "DocumentTimeoutError",
    "DuplicateInputError",
    "EmptyInputError",
    "EvalDataError",
    "EvalError",
    "FetchError",
    "FetchFailedError",
    "FetchTimeoutError",
    "FetchTooLargeError",
    "HttpStatusError",
    "InputError",
    "LinkNotFollowedError",
    "MissingPathError",
    "ModelError",
    "ModelMissingError",
    "NoAnalysisError",
    "NoArticleError",
    "NotAStoreError",
    "OutputError",
    "SchemaTooNewError",
    "StoreError",
    "StoreMissingError",
    "StoreNotWritableError",
    "StorytraceError",
    "TooComplexError",
    "TooLargeError",
    "TooManyRedirectsError",
    "UnreadableInputError",
    "UnsafeAddressError",
    "UnsupportedFormatError",
    "UnsupportedSchemeError",
    "UsageError",
]


class StorytraceError(Exception):
    """Root of every storytrace error. ``code`` and ``reason`` are stable across releases."""

    code = "E000"
    reason = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "reason": self.reason, "message": self.message, "hint": self.hint}


class UsageError(StorytraceError):
    code, reason = "E001", "usage"


class InputError(StorytraceError):
    code, reason = "E100", "input"


class MissingPathError(InputError):
    code, reason = "E101", "missing_path"


class EmptyInputError(InputError):
    code, reason = "E102", "empty_input"


class BinaryInputError(InputError):
    code, reason = "E103", "binary_input"


class TooLargeError(InputError):
    code, reason = "E104", "too_large"


class CorruptArchiveError(InputError):
    code, reason = "E105", "corrupt_archive"


class NoArticleError(InputError):
    code, reason = "E106", "no_article"


class UnsupportedFormatError(InputError):
    code, reason = "E107", "unsupported_format"


class BadRecordError(InputError):
    code, reason = "E108", "bad_record"


class BadFeedError(InputError):
    code, reason = "E109", "bad_feed"


class DuplicateInputError(InputError):
    code, reason = "E110", "duplicate"


class UnreadableInputError(InputError):
    code, reason = "E111", "unreadable"


class LinkNotFollowedError(InputError):
    code, reason = "E112", "link_not_followed"


class TooComplexError(InputError):
    code, reason = "E113", "too_complex"


class DocumentTimeoutError(InputError):
    code, reason = "E114", "timeout"


class StorytraceOutputError(InputError):
    """A file storytrace wrote (its store and the store's companion files, a dossier, a report)
    met among the inputs: listed, never read, and not a failure (``--strict`` ignores it)."""

    code, reason = "E115", "storytrace_output"


class FetchError(StorytraceError):
    code, reason = "E200", "fetch"


class UnsafeAddressError(FetchError):
    code, reason = "E201", "unsafe_address"


class FetchFailedError(FetchError):
    code, reason = "E202", "fetch_failed"


class FetchTooLargeError(FetchError):
    code, reason = "E203", "fetch_too_large"


class TooManyRedirectsError(FetchError):
    code, reason = "E204", "too_many_redirects"


class HttpStatusError(FetchError):
    code, reason = "E205", "http_status"


class UnsupportedSchemeError(FetchError):
    code, reason = "E206", "unsupported_scheme"


class FetchTimeoutError(FetchError):
    code, reason = "E207", "fetch_timeout"


class StoreError(StorytraceError):
    code, reason = "E300", "store"


class SchemaTooNewError(StoreError):
    code, reason = "E301", "schema_too_new"


class NotAStoreError(StoreError):
    code, reason = "E302", "not_a_store"


class StoreMissingError(StoreError):
    code, reason = "E303", "store_missing"


class NoAnalysisError(StoreError):
    code, reason = "E304", "no_analysis"


class StoreNotWritableError(StoreError):
    """A store that must be written cannot be: a new store in a folder without write permission, or a
    read-only store whose schema needs an upgrade before it can be read."""

    code, reason = "E305", "store_not_writable"


class EvalError(StorytraceError):
    code, reason = "E400", "eval"


class EvalDataError(EvalError):
    code, reason = "E401", "eval_data"


class ModelError(StorytraceError):
    code, reason = "E500", "model"


class ModelMissingError(ModelError):
    code, reason = "E501", "model_missing"


class ConfigError(StorytraceError):
    code, reason = "E600", "config"


class AliasFileError(ConfigError):
    code, reason = "E601", "alias_file"


class BatchError(StorytraceError):
    """A batch job (``storytrace batch``) could not run or its output folder is not usable."""

    code, reason = "E700", "batch"


class BatchIncompleteError(BatchError):
    """``storytrace batch load`` on a folder whose stages have not finished."""

    code, reason = "E701", "batch_incomplete"


class OutputError(StorytraceError):
    """A file the user asked for (``--out``: a dossier or a report) cannot be written: permission denied,
    a parent that is a file, a full disk."""

    code, reason = "E800", "output"
