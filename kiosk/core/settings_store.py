"""Saving settings from the admin screen, without losing anything the operator wrote.

The operator's file is edited in place with tomlkit, which keeps comments, order and keys the
kiosk does not know (a newer version's, or a typo the operator will want to see). Every value
is validated before anything is written, and the file is written through
:func:`kiosk.core.storage.write_atomically`, which keeps the previous version as ``.bak``.

A file that is not valid TOML is never overwritten: it may hold the operator's only copy of
their work. The admin shows the problem instead, and the operator fixes or removes the file.

A managed key (set centrally, in the managed file beside this one: kiosk/core/settings.py) is
refused here: the deployment tool owns it, and a local value would be hidden by its value.
"""

from __future__ import annotations

import codecs
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Table
from tomlkit.toml_document import TOMLDocument

from kiosk.core.settings import (
    BY_KEY,
    MAX_SETTINGS_BYTES,
    Settings,
    apply_table,
    load_settings,
    other_website_problem,
)
from kiosk.core.storage import StorageError, reason_for, write_atomically


class SettingsFileError(StorageError):
    """The existing settings file cannot be edited safely, so it was left as it is."""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}; the file was not changed"


def save_settings(path: Path, changes: dict[str, Any]) -> None:
    """Apply ``changes`` (dotted keys: ``"service_status.video"``) to the settings file.

    A value of None removes the key, so the setting goes back to its default. Raises ValueError
    naming the key for an unknown key or a bad value (nothing is written), SettingsFileError when
    the current file cannot be edited safely, StorageError when it cannot be written.
    """
    path = Path(path)
    current = load_settings(path)
    for key, value in changes.items():
        setting = BY_KEY.get(key)
        if setting is None:
            raise ValueError(f"{key}: unknown setting")
        if key in current.managed:
            raise ValueError(
                f"{key}: set centrally (in {current.managed_source}); change it where this "
                "kiosk's settings are deployed from"
            )
        if value is not None:
            problem = setting.validate(value)
            if problem:
                raise ValueError(f"{key}: {problem}")
    document, bom = _read_document(path)
    in_force = Settings()
    apply_table(in_force, document.unwrap(), path, website_rule=False)
    for key, value in changes.items():
        in_force.values[key] = BY_KEY[key].default if value is None else value
    for key in current.managed:  # the central values stay in force
        in_force.values[key] = current.values[key]
    problem = other_website_problem(in_force.values)
    if problem:
        raise ValueError(f"securus_url: {problem}")
    for key, value in changes.items():
        _apply(document, key, value)
    text = document.as_string()
    _check_round_trip(path, text, changes)
    write_atomically(path, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))


def _read_document(path: Path) -> tuple[TOMLDocument, bool]:
    """The file as a tomlkit document, and whether it starts with a byte-order mark (kept)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return tomlkit.document(), False
    except OSError as exc:
        raise SettingsFileError(path, f"cannot read it ({reason_for(exc)})", exc.errno) from exc
    if len(data) > MAX_SETTINGS_BYTES:
        raise SettingsFileError(path, f"{len(data)} bytes, more than a settings file can be")
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8-sig")
        tomllib.loads(text)  # the reader's verdict decides, not the writer's
        return tomlkit.parse(text), bom
    except UnicodeDecodeError as exc:
        raise SettingsFileError(path, f"not UTF-8 text ({exc.reason})") from exc
    except (tomllib.TOMLDecodeError, TOMLKitError, RecursionError) as exc:
        raise SettingsFileError(path, f"not a valid settings file ({exc})") from exc


def _apply(document: TOMLDocument, key: str, value: Any) -> None:
    *tables, name = key.split(".")
    container: Any = document
    for table_name in tables:
        inner = container.get(table_name)
        if not isinstance(inner, dict):
            if value is None:
                return  # nothing to remove
            # Missing, or a wrong value such as `service_status = 3` (kept in the .bak file).
            inner = tomlkit.table()
            container[table_name] = inner
            inner = container[table_name]
        container = inner
    if value is None:
        if name in container:
            del container[name]
        if tables and isinstance(container, Table) and not container:
            del document[tables[0]]  # an empty [service_status] says nothing
        return
    container[name] = value


def _check_round_trip(path: Path, text: str, changes: dict[str, Any]) -> None:
    """Read back what is about to be written, so a writer quirk can never save a broken file."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - a tomlkit bug
        raise SettingsFileError(path, f"the edited file would not be valid TOML ({exc})") from exc
    for key, value in changes.items():
        found: Any = table
        for part in key.split("."):
            found = found.get(part) if isinstance(found, dict) else None
        if found != value:  # pragma: no cover - a tomlkit bug
            raise SettingsFileError(path, f"{key}: the edited file would not hold {value!r}")
