"""The one place the kiosk writes files: settings, the PIN hash, usage counts, installed content,
the lockout state and the audit log.

Every write is atomic: the new bytes go to a temporary file in the same folder, are flushed to
the disk (fsync), and only then replace the file by ``os.replace``; the folder is fsynced so the
rename itself survives a power cut. A kiosk is switched off at the wall, so a half-written
settings file must be impossible. The previous version is kept as ``NAME.bak``.

The audit log grows by whole lines instead (:func:`append_durably`): each line is flushed to the
disk before the call returns, so a power cut can leave at most the last line torn. Writers of
one such file take turns through :func:`exclusive_lock`.

On any failure the original file (and its backup) are left exactly as they were, the temporary
file is removed, and :class:`StorageError` says which file and why in words an operator
understands ("the disk is full", "the folder is read-only").

The low-level calls go through :func:`_create_temp`, :func:`_write_all` and :func:`_replace`, so
a test can inject EROFS or ENOSPC by replacing one of them (tests run as root, where file
permissions prove nothing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

#: Plain words for the errors an operator can do something about.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "the kiosk is not allowed to write there",
    errno.EPERM: "the kiosk is not allowed to write there",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a file stands where the folder should be",
    errno.EISDIR: "a folder stands where the file should be",
    errno.EIO: "the disk reported an input/output error",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "the disk quota is full"


def reason_for(exc: OSError) -> str:
    """An operator-readable reason for an OSError."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return exc.strerror or str(exc) or type(exc).__name__


class StorageError(OSError):
    """A file could not be written; the original is untouched. ``str()`` names the file."""

    def __init__(self, path: Path | str, reason: str, error_number: int | None = None) -> None:
        super().__init__(error_number, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot save {self.path}: {self.reason}"


def backup_path(path: Path) -> Path:
    return path.with_suffix(path.suffix + ".bak")


# -- the low-level calls (tests replace these to inject faults) --------------------------------
def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new, empty temporary file next to the target; returns (fd, path)."""
    for attempt in range(100):
        temp = folder / f".{name}.{os.getpid()}.{attempt}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many leftover temporary files", str(folder))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace(source: Path, target: Path) -> None:
    os.replace(source, target)


# -- the public operations ---------------------------------------------------------------------
def write_atomically(
    path: Path, data: bytes, keep_backup: bool = True, *, private: bool = False
) -> None:
    """Replace ``path`` with ``data`` atomically; keep the previous version as ``path.bak``.

    ``private`` makes a new file readable by the kiosk's user only (the PIN hash). An existing
    file keeps its permissions. Raises StorageError and leaves everything untouched on failure.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _storage_error(path, exc) from exc
    mode: int | None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o600 if private else None
    except OSError as exc:
        raise _storage_error(path, exc) from exc

    new_temp = _write_temp(path, data, mode)
    try:
        if keep_backup and path.exists():
            # The previous version is copied (not moved) to the backup, so that at every
            # moment a complete settings file exists under its own name.
            old = path.read_bytes()
            backup = backup_path(path)
            backup_temp = _write_temp(backup, old, mode)
            try:
                _replace(backup_temp, backup)
            except OSError:
                _remove_quietly(backup_temp)
                raise
        _replace(new_temp, path)
    except OSError as exc:
        _remove_quietly(new_temp)
        raise _storage_error(path, exc) from exc
    _sync_folder(path.parent)


def set_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to ``path.LABEL`` (``-2``, ``-3``... if taken) and return the new name.

    Used to keep a corrupt file for the operator instead of overwriting it.
    """
    path = Path(path)
    for n in range(1, 1000):
        suffix = f".{label}" if n == 1 else f".{label}-{n}"
        target = path.with_name(path.name + suffix)
        if not target.exists():
            break
    else:
        raise StorageError(path, f"too many files named {path.name}.{label}-N already")
    try:
        _replace(path, target)
    except OSError as exc:
        raise _storage_error(path, exc) from exc
    _sync_folder(path.parent)
    return target


def append_durably(path: Path, data: bytes, *, private: bool = False) -> None:
    """Append ``data`` to ``path`` (made if missing) and flush it to the disk before returning.

    ``private`` makes a new file readable by the kiosk's user only. Raises StorageError.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o600 if private else 0o666)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _storage_error(path, exc) from exc
    if new:
        _sync_folder(path.parent)


def cut_durably(path: Path, size: int) -> None:
    """Cut ``path`` to its first ``size`` bytes, on the disk before returning (a torn last line
    of the audit log). Raises StorageError."""
    try:
        with open(path, "r+b") as file:
            file.truncate(size)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        raise _storage_error(path, exc) from exc


def rename_durably(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target`` (a rotated audit file). Raises StorageError."""
    try:
        _replace(source, target)
    except OSError as exc:
        raise _storage_error(source, exc) from exc
    _sync_folder(Path(target).parent)


def remove_durably(path: Path) -> None:
    """Delete ``path`` if it exists (the oldest rotated audit file). Raises StorageError."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _storage_error(path, exc) from exc
    _sync_folder(Path(path).parent)


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold the lock file ``path`` (made if missing) for the ``with`` block, waiting for another
    process that holds it: the kiosk and `kiosk set-pin` may append to the audit log at once.
    Raises StorageError when the lock file cannot be made."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise _storage_error(path, exc) from exc
    try:
        try:
            _lock(fd, True)
        except OSError as exc:
            raise _storage_error(path, exc) from exc
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                _lock(fd, False)
    finally:
        os.close(fd)


def _lock(fd: int, on: bool) -> None:
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK if on else msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX if on else fcntl.LOCK_UN)


def probe_writable(folder: Path, *, create: bool = True) -> str | None:
    """Why the kiosk could not write in ``folder``, or None when it can (tried for real: a test
    file is written and removed). ``create=False`` makes no folder: a missing one is tried in
    the nearest folder above it that exists, where the kiosk would make it."""
    folder = Path(folder)
    where = folder
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        else:
            while not where.exists() and where.parent != where:
                where = where.parent
            if not where.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(where))
        fd, temp = _create_temp(where, "write-test")
    except OSError as exc:
        return f"cannot write in {folder}: {reason_for(exc)}"
    try:
        _write_all(fd, b"ok")
    except OSError as exc:
        return f"cannot write in {folder}: {reason_for(exc)}"
    finally:
        os.close(fd)
        _remove_quietly(temp)
    return None


# -- paths a person gives on the command line ----------------------------------------------------
def output_file_problem(path: Path, *, folder_is_made: bool = False) -> str | None:
    """Why the kiosk will not write a file at ``path`` (``-o FILE``), or None when it may: it
    writes only a regular file, or a new name in a folder that exists. A device, a pipe, a
    symbolic link or a folder there, or a missing folder, is refused, and left as it is.
    ``folder_is_made``: a missing folder is fine (the kiosk's own handout folder)."""
    path = Path(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None if folder_is_made else _folder_missing(path.parent)
    except OSError as exc:
        return f"{path}: {reason_for(exc)}"
    if stat.S_ISLNK(info.st_mode):
        return f"{path} is a symbolic link: give the path of a regular file"
    if stat.S_ISDIR(info.st_mode):
        return f"{path} is a folder: give a file name"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file (a device, a pipe or a socket): give another path"
    return None


def output_folder_problem(path: Path) -> str | None:
    """Why the kiosk will not write files into ``path`` (an output folder), or None when it may:
    a folder that exists, or a new name in a folder that exists (made when first needed)."""
    path = Path(path)
    if path.is_dir():
        return None
    if path.exists() or path.is_symlink():
        return f"{path} is not a folder: give a folder, or a new name in one"
    return _folder_missing(path.parent)


def _folder_missing(folder: Path) -> str | None:
    if folder.is_dir():
        return None
    if folder.exists():
        return f"{folder} is not a folder"
    return f"the folder {folder} does not exist: make it first, or give another path"


# -- helpers -----------------------------------------------------------------------------------
def _write_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """Write ``data`` to a new fsynced temporary file next to ``target``; returns its path."""
    try:
        fd, temp = _create_temp(target.parent, target.name)
    except OSError as exc:
        raise _storage_error(target, exc) from exc
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp, mode)
    except OSError as exc:
        _remove_quietly(temp)
        raise _storage_error(target, exc) from exc
    return temp


def _storage_error(path: Path, exc: OSError) -> StorageError:
    if isinstance(exc, StorageError):  # e.g. from the backup: name the file being saved
        return StorageError(path, exc.reason, exc.errno)
    return StorageError(path, reason_for(exc), exc.errno)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):  # nothing more can be done; a leftover .tmp harms nothing
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is already synced
    finally:
        os.close(fd)
