"""Paths a person gives on the command line: `kiosk handout -o`, `kiosk stats -o`, `kiosk
review-packet -o`, `kiosk screens OUTDIR`, `kiosk --helper --out`. The kiosk writes only a
regular file or a new name in a folder that exists; anything else (a device, a pipe, a symbolic
link, a folder, a missing folder) is refused with exit code 2, a message naming it, and nothing
there is touched.

Why: as root, `kiosk handout -o /dev/full` replaced the device with a PDF; `-o` replaced a
symbolic link, and made missing folders without saying so. (Tests never write to a real /dev
node: a device node made in tmp_path, a FIFO and a symbolic link stand in.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.exit_codes import USAGE_ERROR
from kiosk.core.storage import StorageError
from kiosk.handout.save import save_pdf


def device_node(tmp_path: Path) -> Path:
    """A character device (as /dev/null is) made in tmp_path; skipped where that is not allowed."""
    path = tmp_path / "device"
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def symlink(tmp_path: Path) -> Path:
    target = tmp_path / "precious.txt"
    target.write_text("the operator's own notes\n", encoding="utf-8")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    return link


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "a-folder"
    path.mkdir()
    (path / "kept.txt").write_text("kept\n", encoding="utf-8")
    return path


def missing_folder(tmp_path: Path) -> Path:
    return tmp_path / "no-such-folder" / "out.pdf"


TARGETS = {
    "device": (device_node, "is not a regular file (a device, a pipe or a socket)"),
    "fifo": (fifo, "is not a regular file (a device, a pipe or a socket)"),
    "symlink": (symlink, "is a symbolic link: give the path of a regular file"),
    "folder": (folder, "is a folder: give a file name"),
    "missing folder": (missing_folder, "does not exist: make it first, or give another path"),
}


def snapshot(tmp_path: Path) -> dict[str, object]:
    """What is in tmp_path: kind, link target and contents of each entry (never opening a pipe
    or a device)."""
    seen: dict[str, object] = {}
    for path in sorted(tmp_path.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            seen[path.name] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            seen[path.name] = ("file", path.read_bytes())
        else:
            seen[path.name] = (stat.S_IFMT(info.st_mode), info.st_rdev, info.st_ino)
    return seen


COMMANDS = {
    "handout": ["handout", "--lang", "en", "-o"],
    "stats": ["stats", "-o"],
}
#: Checked for refusals only: tests/test_review_packet.py writes packets (seconds each).
REFUSING = {**COMMANDS, "review-packet": ["review-packet", "--lang", "es", "-o"]}


@pytest.mark.parametrize("command", REFUSING, ids=list(REFUSING))
@pytest.mark.parametrize("target", TARGETS, ids=list(TARGETS))
def test_o_refuses_what_is_not_a_regular_file(command, target, tmp_path, kiosk_app, capsys):
    make, problem = TARGETS[target]
    path = make(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(SystemExit) as ended:
        main([*REFUSING[command], str(path)])
    assert ended.value.code == USAGE_ERROR == 2
    err = capsys.readouterr().err
    assert f"kiosk {command}: error: argument -o/--output: " in err
    assert problem in err and "nothing was written" in err
    assert str(path) in err or str(path.parent) in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
def test_o_writes_a_regular_file_and_a_new_name(command, tmp_path, kiosk_app, capsys):
    new = tmp_path / "new.out"
    assert main([*COMMANDS[command], str(new)]) == 0
    assert new.is_file() and new.stat().st_size > 0
    old = tmp_path / "old.out"
    old.write_bytes(b"yesterday's")
    assert main([*COMMANDS[command], str(old)]) == 0
    assert old.read_bytes() != b"yesterday's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.out", "old.out"]


def test_screens_outdir_must_be_a_folder_or_a_new_name_in_one(tmp_path, kiosk_app, capsys):
    for path, problem in (
        (tmp_path / "missing" / "screens", "the folder"),
        (symlink(tmp_path), "is not a folder"),
        (fifo(tmp_path), "is not a folder"),
    ):
        before = snapshot(tmp_path)
        with pytest.raises(SystemExit) as ended:
            main(["screens", str(path), "--lang", "en"])
        assert ended.value.code == 2
        assert problem in capsys.readouterr().err
        assert snapshot(tmp_path) == before


def test_screens_never_writes_through_a_link_inside_outdir(tmp_path, kiosk_app, capsys):
    out = tmp_path / "screens"
    out.mkdir()
    target = symlink(tmp_path)
    link = out / "00-welcome-en-1920x1080.png"
    link.symlink_to(target)
    before = snapshot(tmp_path)
    assert main(["screens", str(out), "--lang", "en"]) == 2
    assert f"kiosk screens: cannot save {link}: {link} is a symbolic link" in (
        capsys.readouterr().err
    )
    assert snapshot(tmp_path) == before


def test_helper_out_must_be_a_folder(tmp_path, capsys):
    target = fifo(tmp_path)
    with pytest.raises(SystemExit) as ended:
        main(["--helper", "--out", str(target)])
    assert ended.value.code == 2
    assert f"argument --out: {target} is not a folder" in capsys.readouterr().err


def test_the_help_desk_saves_no_pdf_over_a_link(tmp_path):
    link = symlink(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(StorageError, match="is a symbolic link"):
        save_pdf(link, b"%PDF-1.4")
    assert snapshot(tmp_path) == before
    made = tmp_path / "new-folder" / "securus-steps-en-letter.pdf"
    save_pdf(made, b"%PDF-1.4")  # the help desk's own folder is made when missing
    assert made.read_bytes() == b"%PDF-1.4"
