"""The kiosk's log, and the count of unexpected errors the admin screen shows.

The log is a rotating file (``kiosk.log``, 1 MB, 5 old files kept) in the platformdirs log
folder. It records what the kiosk did (started, settings problems, content loaded, errors;
what staff did goes to the audit log, kiosk/core/audit.py), never what a visitor chose: no
service, no account answer, no language, no page sequence. A log line has a time, and a time
next to a choice would describe a person. For the same reason an unexpected error is logged
with its type and where it happened but without its message, which could hold a value the
visitor chose.

An unexpected exception must not end the kiosk: :func:`install_excepthook` records it in the
:class:`CrashCounter` and calls back the UI, which returns to Welcome.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

from kiosk.core.settings import APP_NAME
from kiosk.core.storage import StorageError, reason_for, write_atomically

LOG_FILE_NAME = "kiosk.log"
MAX_LOG_BYTES = 1024 * 1024
LOG_BACKUPS = 5
CRASH_FILE_NAME = "crashes.json"

log = logging.getLogger(__name__)
_handler: logging.Handler | None = None
_held: _Held | None = None
_log_file: Path | None = None  # where setup_logging sends the log
#: Why the log file could not be opened (logging then goes to stderr), or None.
logging_problem: str | None = None


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file_in(folder: Path | None = None) -> Path:
    """The log file in `folder` (by default the platformdirs log folder)."""
    return (folder or default_log_dir()) / LOG_FILE_NAME


class _Held(logging.Handler):
    """Log records kept in memory until the log file is open (see :func:`hold_logging`)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_logging() -> None:
    """Keep the log's records in memory until :func:`setup_logging` opens the file, which
    writes them there first, with their own times. The kiosk opens its log file just after its
    first frame: the rotating handler's module (logging.handlers, which imports socket and
    pickle) is imported then, not before the first frame."""
    global _held
    if _held is None and _handler is None:
        _held = _Held()
        _at_least_info(logging.getLogger()).addHandler(_held)


def ensure_logging() -> Path | None:
    """Open the log file (:func:`setup_logging`) unless it is open already. Returns the log
    file, or None when the log goes to stderr (its folder cannot be written)."""
    if _handler is None:
        setup_logging()
    return None if logging_problem else _log_file


def _at_least_info(root: logging.Logger) -> logging.Logger:
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return root


def setup_logging(log_dir: Path | None = None) -> Path:
    """Send the kiosk's log to a rotating file; returns the file's path.

    Never raises: if the folder cannot be written, the log goes to stderr and
    :data:`logging_problem` says why. Calling it again replaces the previous handler.
    Records held since :func:`hold_logging` are written first.
    """
    import logging.handlers

    global _handler, _held, _log_file, logging_problem
    stop_logging()
    file = log_file_in(log_dir)
    _log_file = file
    folder = file.parent
    handler: logging.Handler
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        logging_problem = None
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        logging_problem = f"{file}: cannot write the log ({reason_for(exc)}); logging to stderr"
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = _at_least_info(logging.getLogger())
    root.addHandler(handler)
    _handler = handler
    if _held is not None:
        root.removeHandler(_held)
        for record in _held.records:
            handler.handle(record)
        _held = None
    if logging_problem:
        log.warning("%s", logging_problem)
    return file


def stop_logging() -> None:
    """Detach and close the handler set up by :func:`setup_logging` (tests, and at exit)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def default_crash_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / CRASH_FILE_NAME


def describe_error(exc: BaseException) -> str:
    """The exception's type and where it happened (with its causes), without its message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__)).rstrip()
        parts.append(f"{type(current).__module__}.{type(current).__qualname__}\n{stack}")
        current = current.__cause__ or current.__context__
    return "\n caused by or during: ".join(parts)


def where_it_failed(exc: BaseException) -> str:
    """The exception's type and the last place in the kiosk's own code it went through, without
    its message: ``ValueError in kiosk/ui/pages/setup.py, line 88``."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/kiosk/" in f.filename.replace("\\", "/")]
    name = type(exc).__qualname__
    if not (ours or frames):
        return name
    frame = (ours or frames)[-1]
    file = frame.filename.replace("\\", "/")
    file = file[file.rfind("/kiosk/") + 1 :] if "/kiosk/" in file else Path(file).name
    return f"{name} in {file}, line {frame.lineno}"


class CrashCounter:
    """Unexpected errors: how many in this run, and in total since the count file was made."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_crash_path()
        self.this_run = 0
        self.total = self._read_total()
        self.last: BaseException | None = None  # the latest error recorded

    def record(self, exc: BaseException) -> None:
        """Log the error (without its message) and count it. Never raises."""
        self.this_run += 1
        self.total += 1
        self.last = exc
        log.error(
            "unexpected error (number %d in this run): %s", self.this_run, describe_error(exc)
        )
        try:
            data = json.dumps({"total": self.total}) + "\n"
            write_atomically(self.path, data.encode("ascii"), keep_backup=False)
        except StorageError as error:
            log.warning("error count not saved: %s", error)

    def _read_total(self) -> int:
        try:
            total = json.loads(self.path.read_text(encoding="ascii"))["total"]
        except FileNotFoundError:
            return 0
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            log.warning("%s: the error count is damaged; counting from zero", self.path)
            return 0
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            log.warning("%s: the error count is damaged; counting from zero", self.path)
            return 0
        return total


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthook(counter: CrashCounter, on_error: Callable[[], None]) -> ExceptHook:
    """Route unexpected exceptions to ``counter`` and ``on_error`` (return to Welcome).

    Returns the previous hook, to put back with ``sys.excepthook = previous``. Ctrl+C and
    SystemExit still go to the previous hook. Qt calls ``sys.excepthook`` for an exception in
    a slot and then carries on, so the kiosk keeps running.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            previous(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        counter.record(exc)
        try:
            on_error()
        except Exception as again:  # recovering failed too; count it, never recurse
            counter.record(again)

    sys.excepthook = hook
    return previous
