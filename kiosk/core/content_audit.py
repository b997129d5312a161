"""Installing a content pack from the admin screen, recorded in the audit log.

Each pack installed or refused is recorded with its version, where it came from, the SHA-256 of
its bytes and, for a refusal, the reason.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from kiosk.core.audit import AuditEvent, AuditLog
from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_source import MAX_PACK_BYTES, install_content, operator_pack_path


def install_and_record(source: Path, audit: AuditLog, target: Path | None = None) -> ContentPack:
    """:func:`kiosk.core.content_source.install_content`, recorded. Raises ContentError as it
    does."""
    try:
        pack = install_content(source, target)
    except ContentError as exc:
        audit.record(
            AuditEvent.CONTENT_REFUSED,
            source=str(source),
            sha256=_sha256(source),
            version=_stated_version(source),
            reason=str(exc),
        )
        raise
    audit.record(
        AuditEvent.CONTENT_INSTALLED,
        version=pack.content_version,
        checked_on=pack.checked_on.isoformat(),
        source=str(source),
        sha256=_sha256(target or operator_pack_path()),
    )
    return pack


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read(MAX_PACK_BYTES + 1)
    except OSError:
        return None


def _sha256(path: Path) -> str | None:
    """The SHA-256 of the file (of its first MAX_PACK_BYTES + 1 bytes), or None if unreadable."""
    data = _read(path)
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _stated_version(path: Path) -> str | None:
    """The content_version a refused pack states, if it can be read at all."""
    data = _read(path)
    if data is None or len(data) > MAX_PACK_BYTES:
        return None
    try:
        version = tomllib.loads(data.decode("utf-8")).get("content_version")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return str(version) if version is not None else None
