"""Every way polemos can fail, written down in one place.

`PolemosError` is the root of what the library raises; an input that cannot be coded is not an
exception but a `Rejection` record carrying one of the `RejectReason` codes below.
"""

from __future__ import annotations

from enum import Enum


class RejectReason(str, Enum):
    """Why an input was not coded. The values are stored and counted: never rename one."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    NOT_ENGLISH = "not_english"
    NO_BODY = "no_body"
    BAD_RECORD = "bad_record"
    UNREADABLE = "unreadable"
    FETCH_FAILED = "fetch_failed"
    TIME_LIMIT = "time_limit"  # coding it ran over the per-article time limit (limits.py)

    @property
    def exit_code(self) -> int:
        """The CLI's exit code when every input was rejected for this reason."""
        return EXIT_REJECTED


# Exit codes a script can rely on (documented in the README).
EXIT_OK = 0
EXIT_REJECTED = 3  # every input was rejected
EXIT_PARTIAL = 4  # some inputs coded, some rejected
EXIT_USAGE = 2  # bad arguments, missing path
EXIT_INTERNAL = 70  # a bug: please report it


class PolemosError(Exception):
    """Base of everything polemos raises on purpose."""


class ConfigurationError(PolemosError):
    """A setting, data file or model is missing or malformed; the message says which and how to fix it."""


class KnowledgeBaseError(ConfigurationError):
    """An actor, trigger or alias file could not be read."""


class ModelNotInstalledError(ConfigurationError):
    """The spaCy model package is not installed."""


class InputError(PolemosError):
    """A path or argument given by the user cannot be used."""


class SchedulerError(PolemosError):
    """The Dask scheduler could not be reached or started, or it (or the process pool) lost the work it was given."""


class StoreError(PolemosError):
    """The event store could not be opened, migrated or written."""
