"""The one place files are written: atomic, with a backup, and harmless when the disk says no.

Faults are injected at the low-level calls (tests run as root, where permissions prove nothing).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from kiosk.core import storage
from kiosk.core.storage import StorageError, probe_writable, set_aside, write_atomically


def fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_creating_its_folder(tmp_path):
    path = tmp_path / "a" / "b" / "settings.toml"
    write_atomically(path, b"one")
    assert path.read_bytes() == b"one"
    assert not storage.backup_path(path).exists()  # nothing before it to keep
    assert leftovers(path.parent) == []


def test_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "settings.toml"
    write_atomically(path, b"one")
    write_atomically(path, b"two")
    write_atomically(path, b"three")
    assert path.read_bytes() == b"three"
    assert (tmp_path / "settings.toml.bak").read_bytes() == b"two"
    assert leftovers(tmp_path) == []


def test_without_backup_no_bak_file(tmp_path):
    path = tmp_path / "usage.json"
    write_atomically(path, b"one", keep_backup=False)
    write_atomically(path, b"two", keep_backup=False)
    assert path.read_bytes() == b"two"
    assert not (tmp_path / "usage.json.bak").exists()


def test_existing_permissions_are_kept_and_private_files_are_private(tmp_path):
    shared = tmp_path / "settings.toml"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    write_atomically(shared, b"new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    secret = tmp_path / "admin-pin.json"
    write_atomically(secret, b"hash", private=True)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("hook", "code", "reason"),
    [
        ("_write_all", errno.ENOSPC, "the disk is full"),
        ("_create_temp", errno.EROFS, "the folder is read-only"),
        ("_replace", errno.EROFS, "the folder is read-only"),
        ("_write_all", errno.EIO, "the disk reported an input/output error"),
    ],
)
def test_a_failed_write_leaves_file_and_backup_byte_identical(
    tmp_path, monkeypatch, hook, code, reason
):
    path = tmp_path / "settings.toml"
    write_atomically(path, b"first version")
    write_atomically(path, b"second version")
    monkeypatch.setattr(storage, hook, fail_with(code))
    with pytest.raises(StorageError) as caught:
        write_atomically(path, b"third version")
    assert str(caught.value) == f"cannot save {path}: {reason}"
    assert caught.value.errno == code
    assert isinstance(caught.value, OSError)
    assert path.read_bytes() == b"second version"
    assert (tmp_path / "settings.toml.bak").read_bytes() == b"first version"
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_keeping_the_backup_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    write_atomically(path, b"first")
    write_atomically(path, b"second")
    real_write = storage._write_all
    calls = []

    def second_write_fails(fd: int, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 2:  # the new file fits, its backup copy does not
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(fd, data)

    monkeypatch.setattr(storage, "_write_all", second_write_fails)
    with pytest.raises(StorageError) as caught:
        write_atomically(path, b"third")
    # The message names the file being saved, not its backup.
    assert str(caught.value) == f"cannot save {path}: the disk is full"
    assert path.read_bytes() == b"second"
    assert (tmp_path / "settings.toml.bak").read_bytes() == b"first"
    assert leftovers(tmp_path) == []


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "kiosk").write_bytes(b"not a folder")
    with pytest.raises(StorageError) as caught:
        write_atomically(tmp_path / "kiosk" / "settings.toml", b"x")
    assert "settings.toml" in str(caught.value)
    assert (tmp_path / "kiosk").read_bytes() == b"not a folder"


def test_set_aside_keeps_the_file_under_a_new_name(tmp_path):
    path = tmp_path / "usage.json"
    path.write_bytes(b"damaged 1")
    first = set_aside(path, "corrupt-20261126")
    path.write_bytes(b"damaged 2")
    second = set_aside(path, "corrupt-20261126")
    assert first.name == "usage.json.corrupt-20261126"
    assert second.name == "usage.json.corrupt-20261126-2"
    assert first.read_bytes() == b"damaged 1"
    assert second.read_bytes() == b"damaged 2"
    assert not path.exists()


def test_set_aside_on_a_read_only_folder_leaves_the_file(tmp_path, monkeypatch):
    path = tmp_path / "usage.json"
    path.write_bytes(b"damaged")
    monkeypatch.setattr(storage, "_replace", fail_with(errno.EROFS))
    with pytest.raises(StorageError, match="read-only"):
        set_aside(path, "corrupt-20261126")
    assert path.read_bytes() == b"damaged"


def test_probe_writable_tries_for_real(tmp_path, monkeypatch):
    assert probe_writable(tmp_path / "logs") is None
    assert list((tmp_path / "logs").iterdir()) == []  # the probe cleans up after itself
    with monkeypatch.context() as patch:
        patch.setattr(storage, "_create_temp", fail_with(errno.EROFS))
        assert probe_writable(tmp_path / "logs") == (
            f"cannot write in {tmp_path / 'logs'}: the folder is read-only"
        )
    monkeypatch.setattr(storage, "_write_all", fail_with(errno.ENOSPC))
    assert "the disk is full" in (probe_writable(tmp_path / "logs") or "")
    assert list((tmp_path / "logs").iterdir()) == []
