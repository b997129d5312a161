"""Operator data never leaves a dead kiosk. A content pack or settings file that fails, at load or
while shown, makes the kiosk fall back to the bundled pack or the default settings; it keeps
serving, and the reason is in the log, the admin screen and `kiosk check`. An error before the
first frame ends the kiosk with exit code 70, one sentence on stderr and the traceback in the log.
`kiosk check` always ends with a report, never a traceback."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from helpers import button, tap
from helpers.pins import GOOD_PIN as PIN
from helpers.processes import child_env
from kiosk.cli import main
from kiosk.core import logs
from kiosk.core.audit import AuditLog, read_entries
from kiosk.core.content import load_content
from kiosk.core.content_source import choose_content, install_content, operator_pack_path
from kiosk.core.exit_codes import START_FAILED
from kiosk.core.fallback import Refusals
from kiosk.core.i18n import Translators
from kiosk.core.logs import CrashCounter, default_log_dir
from kiosk.core.paths import app_root, resource
from kiosk.core.pin import PinStore
from kiosk.core.settings import default_settings_path, load_settings
from kiosk.core.usage import default_usage_path
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.startup import StartWatch

SCRIPT = Path(__file__).parent / "scripts" / "start_kiosk.py"
BUNDLED = resource("content/pack.toml").read_text(encoding="utf-8")
BROKEN_VERSION = "2026.12.9"  # tests/scripts/start_kiosk.py breaks Welcome for this version
HEADLINE = "Calls and messages with your loved one are changing."


@pytest.fixture(autouse=True)
def clean_logging():
    root = logging.getLogger()
    level, handlers, hook = root.level, list(root.handlers), sys.excepthook
    yield
    logs.stop_logging()
    root.handlers[:] = handlers
    root.setLevel(level)
    sys.excepthook = hook


def operator_pack(folder: Path, *replacements: tuple[str, str], version: str = "2026.12.5"):
    """A pack newer than the bundled one (so it would be used), with replacements."""
    text = BUNDLED.replace('content_version = "2026.12.3"', f'content_version = "{version}"')
    text = text.replace("checked_on = 2026-11-26", "checked_on = 2026-11-28")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def installed(*replacements: tuple[str, str], version: str = "2026.12.5") -> Path:
    return operator_pack(operator_pack_path().parent, *replacements, version=version)


def start(isolated_dirs, fault: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), fault, *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
        cwd=app_root(),
    )


def seen(done: subprocess.CompletedProcess[str]) -> dict:
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out


# -- a pack the checks used to accept -------------------------------------------------------------
def test_a_pack_with_a_format_spec_leaves_the_kiosk_serving_the_bundled_one(
    isolated_dirs, kiosk_app, capsys
):
    """Why: `{website:{0}}` in Welcome's text stopped every start (exit 1, nothing said, no log
    line), and `kiosk check` crashed with an IndexError traceback."""
    path = installed((f'text = "{HEADLINE}"', 'text = "Calls {website:{0}}"'))
    done = start(isolated_dirs, "none")
    shown = seen(done)
    assert shown["content_version"] == "2026.12.3" and shown["headline"] == HEADLINE
    (note,) = shown["staff_notes"]
    assert note.startswith(f"installed content pack not used, showing the bundled one: {path}: ")
    assert "welcome.headline.text: {website:{0}}: a placeholder is a name in braces" in note
    log = (default_log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert f"WARNING kiosk.ui.startup: content: {note}" in log
    code, out = check(capsys)
    assert code == 1
    assert "✗ content pack: installed content pack not used" in out and "{website:{0}}" in out


def test_a_typo_in_a_step_1_text_never_sends_visitors_back_to_welcome(make_window):
    """Why: `{month:02d}` in a Step 1 text loaded fine, then sent every visitor back to Welcome
    after the language step."""
    path = installed(('text = "What is changing"', 'text = "What is changing in {month:02d}"'))
    choice = choose_content()
    assert choice.source is None  # the bundled pack runs
    (problem,) = choice.problems
    assert f"{path}: changes.title.text: {{month:02d}}: a placeholder is a name" in problem
    window = make_window(admin_services=AdminServices(content_notes=choice.problems))
    tap(button(window, "StartButton"))
    tap(button(window, "lang-es"))
    assert window.session.page == "changes"
    assert window.stack.currentWidget() is window.pages["changes"]


def test_a_pack_dated_in_the_future_never_wins(isolated_dirs):
    """Why: `checked_on = 2099-12-31` was never old and always beat a newer bundled pack."""
    path = installed(("checked_on = 2026-11-28", "checked_on = 2099-12-31"))
    choice = choose_content(today=load_content().checked_on)
    assert choice.source is None and choice.pack.checked_on.year == 2026
    (problem,) = choice.problems
    assert f"{path}: checked_on: 2099-12-31 is in the future" in problem


def test_an_error_before_the_first_frame_is_said_logged_and_ends_with_70(isolated_dirs):
    """Why: an error before the first frame ended the kiosk with exit 1, nothing printed, and
    the log folder never made: the records held until then were lost."""
    folder = default_log_dir()
    assert not folder.exists()
    done = start(isolated_dirs, "welcome-fails")
    assert done.returncode == START_FAILED == 70
    said = [line for line in done.stderr.splitlines() if line.startswith("The kiosk")]
    assert said == [
        "The kiosk could not start: an unexpected error (RuntimeError in "
        "kiosk/ui/window.py, line "
        + said[0].split("kiosk/ui/window.py, line ")[1].split(")")[0]
        + ") came before its first screen; the details are in "
        f"{folder / 'kiosk.log'}"
    ]
    log = (folder / "kiosk.log").read_text(encoding="utf-8")
    assert "INFO kiosk.ui.startup: kiosk starting (windowed)" in log  # held, then written
    assert "ERROR kiosk.ui.startup: the kiosk could not start\nTraceback" in log
    assert "RuntimeError: " in log
    assert log.rstrip().endswith("kiosk stopped with exit code 70")


def test_an_error_in_the_event_loop_before_the_first_frame_ends_the_start(
    make_window, isolated_dirs, capsys
):
    class App:
        code: int | None = None

        def exit(self, code: int) -> None:
            self.code = code

    from kiosk.ui.window import KioskWindow

    window = KioskWindow(load_content(), load_settings(), kiosk_mode=False)  # never shown
    crashes = CrashCounter()
    app = App()
    watch = StartWatch(app, window, crashes)  # type: ignore[arg-type]
    try:
        raise KeyError("a first-frame error")
    except KeyError as exc:
        crashes.record(exc)
    watch.on_error()
    watch.on_error()  # a second error says nothing more
    assert app.code == watch.failed == START_FAILED
    assert capsys.readouterr().err.count("The kiosk could not start") == 1
    window.deleteLater()


# -- a pack that validates but fails while shown --------------------------------------------------
def break_welcome_for(monkeypatch, version: str) -> None:
    render = WelcomePage.render_state

    def broken(self, ctx, session):
        if ctx.pack.content_version == version:
            raise RuntimeError("a render error")
        render(self, ctx, session)

    monkeypatch.setattr(WelcomePage, "render_state", broken)


def open_admin(window):
    for _ in range(5):
        tap(window, QPoint(20, 20))
    for key in (*PIN, "ok"):
        tap(button(window, f"pin-{key}"))
    assert window.admin.isVisible()
    return window.admin


def test_a_bad_pack_loaded_on_a_running_kiosk_falls_back_and_staff_see_why(
    make_window, tmp_path, monkeypatch, capsys, caplog
):
    """Done when: a bad pack installed on a running kiosk leaves it serving the bundled content,
    with the reason visible to staff (admin screen, `kiosk check`, the log, the next start)."""
    break_welcome_for(monkeypatch, BROKEN_VERSION)
    stick = operator_pack(tmp_path / "stick", version=BROKEN_VERSION)
    pins = PinStore()
    pins.set_pin(PIN)
    services = AdminServices(
        media_packs=lambda: [stick],
        install_content=install_content,
        installed_pack_file=operator_pack_path(),
        audit=AuditLog(tmp_path / "audit"),
    )
    window = make_window(pins=pins, admin_services=services, refusals=Refusals())
    fell_back: list[str] = []
    window.fell_back.connect(fell_back.append)
    admin = open_admin(window)
    tap(button(admin, "load-content"))
    assert operator_pack_path().read_bytes() == stick.read_bytes()  # it validated
    assert window.pack.content_version == BROKEN_VERSION
    tap(button(admin, "AdminClose"))
    window.start_over()  # the next visitor's Welcome cannot be shown with it
    assert window.pack.content_version == "2026.12.3"
    assert window.pages["welcome"].headline.text() == HEADLINE
    (problem,) = fell_back
    assert problem.startswith(f"installed content pack {operator_pack_path()} failed while shown")
    assert "(RuntimeError in kiosk/ui/window.py, line" in problem
    assert problem in caplog.text
    fallbacks = [
        e.data for e in read_entries(tmp_path / "audit") if e.data and e.data["event"] == "fallback"
    ]
    assert fallbacks == [fallbacks[0] | {"what": "content pack", "problem": problem}]
    tap(button(window, "StartButton"))
    assert window.session.page == "language"
    assert problem in open_admin(window).problems.text()
    # `kiosk check` and the next start know the same file failed.
    code, out = check(capsys)
    assert code == 1
    assert (
        f"✗ content pack: installed content pack not used, showing the bundled one: "
        f"{operator_pack_path()}: it failed on "
    ) in out
    assert "while the kiosk showed it (RuntimeError in kiosk/ui/window.py" in out
    choice = choose_content()
    assert choice.source is None and choice.pack.content_version == "2026.12.3"
    # A corrected pack (other bytes) is used again.
    fixed = operator_pack(tmp_path / "fixed", version="2026.12.6")
    install_content(fixed)
    assert choose_content().source == operator_pack_path()


def test_settings_that_fail_while_shown_fall_back_to_the_defaults(
    make_window, tmp_path, monkeypatch, capsys
):
    path = tmp_path / "settings.toml"
    path.write_text('facility_name = "Valley State Prison"\n', encoding="utf-8")
    render = WelcomePage.render_state

    def broken(self, ctx, session):
        if ctx.settings["facility_name"]:
            raise RuntimeError("a render error")
        render(self, ctx, session)

    monkeypatch.setattr(WelcomePage, "render_state", broken)
    window = make_window(load_settings(path), refusals=Refusals())
    assert window.settings["facility_name"] == ""  # the defaults
    (problem,) = window.admin_services.content_notes
    assert problem.startswith(f"settings {path} failed while shown (RuntimeError in ")
    assert path.read_text(encoding="utf-8") == 'facility_name = "Valley State Prison"\n'
    again = load_settings(path)  # the next start
    assert again["facility_name"] == ""
    assert again.problems[0].startswith(f"{path}: not used: it failed on ")
    code, out = check(capsys, "--settings", str(path))
    assert code == 1 and f"✗ settings: {path}: not used: it failed on " in out
    path.write_text('facility_name = "Valley State"\n', encoding="utf-8")  # changed: used again
    assert load_settings(path)["facility_name"] == "Valley State"


def test_without_operator_data_a_render_error_is_raised(make_window, monkeypatch):
    """The bundled pack and the defaults have nothing to fall back to: the error goes on to
    sys.excepthook (counted, back to Welcome: tests/test_admin.py)."""
    window = make_window(refusals=Refusals())
    render = WelcomePage.render_state

    def broken(self, ctx, session):
        raise RuntimeError("a render error")

    monkeypatch.setattr(WelcomePage, "render_state", broken)
    with pytest.raises(RuntimeError):
        window.render_state()
    monkeypatch.setattr(WelcomePage, "render_state", render)


# -- translations checked per language ------------------------------------------------------------
def spanish_headline_broken(tmp_path: Path) -> Path:
    root = tmp_path / "translations"
    for po in (app_root() / "translations").glob("*/LC_MESSAGES/*.po"):
        target = root / po.relative_to(app_root() / "translations")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(po.read_bytes())
    po = root / "es" / "LC_MESSAGES" / "kiosk.po"
    text = po.read_text(encoding="utf-8")
    good = 'msgstr "Las llamadas y los mensajes con su ser querido están cambiando."'
    po.write_text(text.replace(good, 'msgstr "Llamadas en {seconds}"'), encoding="utf-8")
    return root


def shown(qtbot, pack, settings, translators, **kwargs):
    """A kiosk window as make_window makes one, with these translators."""
    from kiosk.ui.window import KioskWindow

    window = KioskWindow(pack, settings, translators, kiosk_mode=False, **kwargs)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.first_frame_done and not window.builder.is_busy())
    return window


def test_the_default_language_is_checked_before_the_first_frame(kiosk_app, qtbot, tmp_path):
    root = spanish_headline_broken(tmp_path)
    path = installed()
    settings = tmp_path / "settings.toml"
    settings.write_text('default_language = "es"\n', encoding="utf-8")
    window = shown(
        qtbot,
        load_content(path),
        load_settings(settings),
        Translators(root),
        pack_file=path,
        refusals=Refusals(),
    )
    notes = window.admin_services.content_notes
    assert notes[0].startswith(f"installed content pack {path} failed while shown (")
    assert "welcome.headline (in Spanish, es): the translation: {seconds} is not filled" in notes[0]
    assert window.pack_file is None and window.pack.content_version == "2026.12.3"
    assert any(n.endswith("that text shows in English") for n in notes[1:])
    assert window.pages["welcome"].headline.text() == HEADLINE  # English, never broken
    assert "Llamadas" not in window.pages["welcome"].headline.text()


def test_the_other_languages_are_checked_after_the_first_frame_whatever_a_visitor_does(
    kiosk_app, qtbot, pack, settings, tmp_path
):
    """So the log never tells which language a visitor chose."""
    root = spanish_headline_broken(tmp_path)
    window = shown(qtbot, pack, settings, Translators(root))  # English
    (note,) = window.admin_services.content_notes
    assert note.startswith(f"content: {root / 'es' / 'LC_MESSAGES' / 'kiosk.po'}: ")
    assert note.endswith("; that text shows in English")


# -- kiosk check ----------------------------------------------------------------------------------
def test_kiosk_check_ends_with_a_report_even_when_a_check_breaks(
    isolated_dirs, kiosk_app, capsys, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("an unforeseen failure")

    monkeypatch.setattr("kiosk.ui.glyphs.check_glyphs", broken)
    code, out = check(capsys)
    assert code == 1
    assert "  content: version 2026.12.3" in out  # what was found before it is kept
    assert "✗ the check itself failed (RuntimeError in " in out
    assert out.rstrip().endswith("Result: NOT ready: fix the problems above")


FOLDERS = {
    "settings": lambda: default_settings_path().parent,
    "data folder (usage counts, PIN, lockout, error count)": lambda: default_usage_path().parent,
    "installed content": lambda: operator_pack_path().parent,
    "log": lambda: default_log_dir(),
}


@pytest.mark.parametrize("what", FOLDERS, ids=list(FOLDERS))
def test_kiosk_check_tries_every_folder_the_kiosk_writes(what, isolated_dirs, kiosk_app, capsys):
    """Why: `kiosk check` tried the log folder, not the usage counts', the installed pack's or
    the settings' (saved from the admin screen)."""
    folder = FOLDERS[what]()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"a file where the folder should be")
    code, out = check(capsys)
    assert code == 1, out
    assert f"✗ {what}: cannot write in {folder}: " in out
    assert folder.read_bytes() == b"a file where the folder should be"


def test_kiosk_check_makes_no_folder(isolated_dirs, kiosk_app, capsys):
    code, out = check(capsys)
    assert code == 0, out
    for folder in ("settings folder", "installed content folder", "log folder"):
        assert f"  {folder}: " in out
    assert not isolated_dirs.exists() or not any(isolated_dirs.rglob("*.toml"))
    assert not default_log_dir().exists() and not operator_pack_path().parent.exists()
