"""Faults in the running kiosk, each to the end of its story.

The core tests (test_settings*, test_storage, test_usage, test_content*, test_catalogs) check
each fault where it is read. Here each one goes further, as a kiosk starts with it: the
operator gets a clear message naming the file and the problem (`kiosk check`, the admin
screen), the kiosk still serves a visitor from Welcome to the last step, and the operator's
file is byte-for-byte what it was.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from helpers import button, tap
from kiosk.cli import main
from kiosk.core.i18n import Translators
from kiosk.core.paths import app_root
from kiosk.core.pin import PinStore
from kiosk.core.session import STEP_PAGES
from kiosk.core.settings import MAX_SETTINGS_BYTES, load_settings
from kiosk.ui.admin.services import AdminServices

PIN = "350842"


def serves_a_visitor(window, code: str = "en") -> None:
    """Welcome -> language -> all five steps, by touch, as a visitor would."""
    window.start_over()
    tap(button(window, "StartButton"))
    tap(button(window, f"lang-{code}"))
    for page in STEP_PAGES:
        assert window.session.page == page
        assert window.stack.currentWidget() is window.pages[page]
        if page != "done":
            tap(button(window, "ContinueButton"))
    assert window.session.page == "done"


def admin_problems(window) -> str:
    window.admin.open(window.context(), window.settings)
    text = window.admin.problems.text()
    window.admin.hide()
    return text


def kiosk_check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


# -- a damaged settings file ----------------------------------------------------------------------
SETTINGS_FAULTS = {
    "corrupt": (b'idle_timeout_s = [\nfacility_name = "Valley', "not a valid settings file"),
    "binary": (bytes(range(256)) * 8, "not UTF-8 text"),
    "huge": (b"# " + b"x" * (MAX_SETTINGS_BYTES + 10) + b"\n", "more than a settings file can be"),
    "wrong types": (b'idle_timeout_s = "soon"\ntext_size = "big"\n', "idle_timeout_s: "),
    "out of range": (b"idle_timeout_s = 99999\nidle_warning_s = 1\n", "idle_warning_s: "),
}


@pytest.mark.parametrize("fault", SETTINGS_FAULTS, ids=list(SETTINGS_FAULTS))
def test_a_damaged_settings_file_is_named_and_the_kiosk_serves_on(
    fault, tmp_path, make_window, capsys
):
    data, problem = SETTINGS_FAULTS[fault]
    path = tmp_path / "settings.toml"
    path.write_bytes(data)

    settings = load_settings(path)
    assert any(p.startswith(f"{path}: ") and problem in p for p in settings.problems), (
        settings.problems
    )
    code, out = kiosk_check(capsys, "--settings", str(path))
    assert code == 1
    assert f"✗ settings: {path}: " in out and problem in out
    window = make_window(settings)
    shown = admin_problems(window)
    assert str(path) in shown and problem in shown
    serves_a_visitor(window)
    assert path.read_bytes() == data


def test_an_empty_settings_file_is_simply_the_defaults(tmp_path, make_window, capsys):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"")
    settings = load_settings(path)
    assert settings.problems == []
    assert settings["idle_timeout_s"] == load_settings()["idle_timeout_s"]
    serves_a_visitor(make_window(settings))
    assert path.read_bytes() == b""


# -- a read-only folder or a full disk while the admin saves --------------------------------------
@pytest.fixture
def staff_window(make_window, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('# the staff wrote this\nfacility_name = "Valley State Prison"\n')
    pins = PinStore(tmp_path / "pin.json")
    pins.set_pin(PIN)
    window = make_window(load_settings(path), pins=pins, admin_services=AdminServices())
    window.session.go_to("changes")
    return window


def open_admin(window):
    for _ in range(5):
        tap(window, QPoint(20, 20))
    for key in (*PIN, "ok"):
        tap(button(window, f"pin-{key}"))
    assert window.admin.isVisible()
    return window.admin


@pytest.mark.parametrize(
    ("where", "code", "reason"),
    [
        ("_create_temp", errno.EROFS, "the folder is read-only"),
        ("_write_all", errno.ENOSPC, "the disk is full"),
        ("_replace", errno.ENOSPC, "the disk is full"),
    ],
    ids=["read-only folder", "disk full while writing", "disk full while replacing"],
)
def test_a_failed_admin_save_says_why_and_loses_nothing(
    staff_window, monkeypatch, tmp_path, where, code, reason
):
    import kiosk.core.storage as storage

    path = staff_window.settings.source
    before = path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, where, fail)
    admin = open_admin(staff_window)
    tap(button(staff_window, "theme=high_contrast"))
    tap(button(staff_window, "AdminSave"))
    message = admin.message.text()
    assert message.startswith("Not saved"), message
    assert str(path) in message and reason in message, message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no temp file left
    assert staff_window.settings["theme"] == "default"
    tap(button(staff_window, "AdminClose"))
    serves_a_visitor(staff_window)


# -- a damaged catalog in the running window ------------------------------------------------------
def catalogs_copy(tmp_path: Path) -> Path:
    """A copy of translations/ the test may damage (the .mo files stay behind)."""
    root = tmp_path / "translations"
    for po in (app_root() / "translations").glob("*/LC_MESSAGES/*.po"):
        target = root / po.relative_to(app_root() / "translations")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(po.read_bytes())
    return root


def spanish_po(root: Path) -> Path:
    return next(root.glob("es/LC_MESSAGES/*.po"))


def damage_missing(po: Path) -> None:
    po.unlink()


def damage_corrupt(po: Path) -> None:
    po.write_bytes(b'msgid "x"\nmsgstr "\xff\xfe broken\n\x00\x00')


def damage_placeholders(po: Path) -> None:
    """Every {placeholder} in the Spanish translations renamed: the sentences cannot be filled."""
    text = po.read_text(encoding="utf-8")
    lines = [
        line.replace("{", "{wrong_") if line.startswith("msgstr") else line
        for line in text.splitlines()
    ]
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")


DAMAGES = {
    "missing": damage_missing,
    "corrupt": damage_corrupt,
    "wrong placeholders": damage_placeholders,
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_catalog_is_named_and_the_kiosk_serves_on(
    damage, tmp_path, kiosk_app, qtbot, pack, settings
):
    from kiosk.ui.window import KioskWindow

    root = catalogs_copy(tmp_path)
    po = spanish_po(root)
    DAMAGES[damage](po)
    after = po.read_bytes() if po.exists() else None
    translators = Translators(root=root)
    problems = translators.problems(["es"])
    if damage == "wrong placeholders":
        assert problems == []  # the file reads; each sentence falls back to English instead
    else:
        assert len(problems) == 1 and str(po) in problems[0], problems
        assert "showing English" in problems[0]
    window = KioskWindow(pack, settings, translators, kiosk_mode=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    serves_a_visitor(window, "es")
    # A step label with its number filled in, never a raw {placeholder}.
    assert "{" not in window.chrome.step_label.text() and "5" in window.chrome.step_label.text()
    assert (po.read_bytes() if po.exists() else None) == after


# -- a bundled font file missing ------------------------------------------------------------------
CHECK_WITH_ROOT = """
import sys
from pathlib import Path
import kiosk.core.paths as paths
root = Path(sys.argv[1])
paths.app_root = lambda: root
from kiosk.cli import main
sys.exit(main(["check"]))
"""


def test_a_missing_font_file_fails_the_check(tmp_path):
    root = tmp_path / "app"
    (root / "resources").mkdir(parents=True)
    for item in (app_root() / "resources").iterdir():
        if item.name != "fonts":
            (root / "resources" / item.name).symlink_to(item)
    (root / "translations").symlink_to(app_root() / "translations")
    fonts = root / "resources" / "fonts"
    fonts.mkdir()
    gone = [f for f in (app_root() / "resources" / "fonts").iterdir() if "Khmer" in f.name]
    assert gone, "the Khmer font is bundled"
    for item in (app_root() / "resources" / "fonts").iterdir():
        if item not in gone:
            (fonts / item.name).symlink_to(item)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHECK_WITH_ROOT, str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    # One line names the missing family, its language and the folder, before the glyph lines.
    problems = [line for line in done.stdout.splitlines() if line.strip().startswith("✗ fonts:")]
    assert problems[0].strip() == f"✗ fonts: Noto Sans Khmer (km) is missing from {fonts}", (
        done.stdout
    )


# -- a damaged usage-count store ------------------------------------------------------------------
def test_a_damaged_usage_store_is_named_kept_and_counting_goes_on(tmp_path, make_window):
    from kiosk.core.usage import UsageCounts

    path = tmp_path / "usage.json"
    data = b'{"days": {"2026-11-2'
    path.write_bytes(data)
    usage = UsageCounts(path)
    assert usage.problem and str(path) in usage.problem, usage.problem
    window = make_window(usage=usage, admin_services=AdminServices(usage=usage))
    shown = admin_problems(window)
    assert str(path) in shown
    serves_a_visitor(window)
    usage.flush()
    kept = [p for p in tmp_path.iterdir() if p.read_bytes() == data]
    assert kept, "the damaged counts were lost"
