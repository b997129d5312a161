"""Read aloud (Section 508 402.2, 402.3): what each page says, in every language, and the
controls a visitor has over it (pause, repeat, stop, volume, reset for the next visitor).

A fake engine stands at the seam for the pages; Qt's ``mock`` engine makes one English round
trip through QtTextToSpeech. Nothing here speaks out loud or starts speech-dispatcher.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from helpers import tap, visible_texts
from helpers.fakes import FakeSpeechEngine, SlowStopSpeech
from kiosk.core.i18n import LANGUAGES
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.screens import states
from kiosk.ui.speech.controller import NO_ENGINE, NO_VOICE, ReadAloud, spoken_form
from kiosk.ui.speech.engine import QtSpeechEngine
from kiosk.ui.speech.page_text import Spoken, speech_for
from kiosk.ui.speech.voices import best_locale

# Loading QtMultimedia (under QtTextToSpeech) on a machine without PipeWire warns once per
# process, from whichever test loads it first. Nothing else is ignored.
PIPEWIRE_WARNINGS = pytest.mark.qt_log_ignore(r"^Couldn't (load|resolve) pipewire-0\.3 ")


def shown(window, lang: str, page: str, setup) -> QWidget:
    """Reach a page state as `kiosk screens` does; return what the visitor sees on top."""
    session = window.session
    window.chrome.overlay.hide()
    window.chrome.idle_overlay.hide()
    session.start_over()
    session.go_to(page)
    if setup is not None:
        setup(window)
    for overlay in (window.chrome.overlay, window.chrome.idle_overlay):
        if overlay.isVisible():
            return overlay
    root = window.stack.currentWidget()
    if isinstance(root, WelcomePage):
        root.show_language(lang)  # the attract screen cycles; this is its turn in `lang`
    return root


def title_of(root: QWidget) -> str:
    if isinstance(root, WelcomePage):
        return root.headline.text()
    assert isinstance(root, ScrollingPage) or hasattr(root, "title"), root
    return root.title.text()


def english_texts(window, lang: str) -> set[str]:
    """Every content text as English shows it (placeholders filled), to catch leftovers;
    except those the language translates as the same words (Tagalog's "Website")."""
    ctx = window.context().for_language("en")
    tr = window.translators[lang]
    texts = [
        text
        for _path, text in window.pack.texts()
        if not (tr.has(text.text) and tr.gettext(text.text) == text.text)
    ]
    given = ctx.values()
    extras: dict[str, object] = {
        name: "" for text in texts for name in text.placeholders() if name not in given
    }
    extras.update(number=1, total=5, seconds=window.settings["idle_warning_s"])
    return {ctx.t(text, **extras) for text in texts}


def says_something(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_every_page_is_read_title_first_and_all_in_its_language(make_window, lang):
    window = make_window()
    window.session.default_language = lang  # Start over keeps the language: fast restyles
    english = english_texts(window, lang)
    engine = FakeSpeechEngine()
    read_aloud = ReadAloud(engine)
    for page, state, setup in states():
        root = shown(window, lang, page, setup)
        where = f"{lang} {page} {state}".strip()
        speech = speech_for(root)

        assert speech, where
        assert speech[0] == title_of(root), f"{where}: starts with {speech[0]!r}"
        # Exactly what the visitor can see: every visible label and button, nothing hidden.
        seen = [text for text in visible_texts(root) if says_something(text)]
        assert sorted(speech) == sorted(seen), where

        names = {LANGUAGES[code].native_name for code in ALL_LANGUAGES}
        if lang != "en":
            leftovers = {t for t in speech if t in english and t not in names}
            assert not leftovers, f"{where}: English read aloud: {leftovers}"

        read_aloud.read(speech, lang)
        assert read_aloud.state == "speaking", where
        expected = [(spoken_form(text), getattr(text, "language", None) or lang) for text in speech]
        assert engine.said == expected, where
        assert all(code == lang for text, code in engine.said if text not in names), where
        read_aloud.stop()


def test_the_visitors_options_are_read_in_place(make_window):
    window = make_window()
    account = shown(window, "en", "account", None)
    speech = speech_for(account)
    choices = [account.choices[k].label_text() for k in ("phone", "video", "messaging")]
    choices.append(account.not_sure.label_text())
    prompt = speech.index(account.prompt.text())
    answer = speech.index(account.answer_box.caption.text())
    assert speech[prompt + 1 : answer] == choices

    setup = shown(window, "en", "setup", None)
    assert setup.have_account.label_text() in speech_for(setup)

    picker = shown(window, "en", "language", None)
    spoken = speech_for(picker)
    offered = window.settings.offered_languages
    assert spoken[2:] == [LANGUAGES[code].native_name for code in offered]
    # Each language's name is marked as being in that language, to be read in its voice.
    assert [getattr(t, "language", None) for t in spoken[2:]] == offered


def test_overlays_are_read_with_their_buttons(make_window):
    window = make_window()
    overlay = shown(window, "es", "changes", lambda w: w.show_language_overlay())
    speech = speech_for(overlay)
    assert speech[0] == overlay.title.text()
    assert speech[-1] == overlay.close_button.label_text()

    still_there = next(setup for _page, state, setup in states() if state == "still-there")
    idle = shown(window, "es", "setup", still_there)
    speech = speech_for(idle)
    assert speech == [
        idle.title.text(),
        idle.countdown.text(),
        idle.privacy.text(),
        idle.button.label_text(),
    ]


def test_reading_order_follows_the_layout_not_creation_order():
    from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

    root = QWidget()
    later = QLabel("Second")  # created first, laid out second
    first = QLabel("First")
    bullet = QLabel("\u2022")
    hidden = QLabel("Hidden")
    hidden.hide()
    grid = QGridLayout()
    cells = {(1, 0): "C", (0, 1): "B", (0, 0): "A"}  # added out of reading order
    for (row, column), text in cells.items():
        grid.addWidget(QLabel(text), row, column)
    layout = QVBoxLayout(root)
    for widget in (first, bullet, later, hidden):
        layout.addWidget(widget)
    layout.addLayout(grid)
    assert speech_for(root) == ["First", "Second", "A", "B", "C"]
    root.deleteLater()


def test_speech_follows_the_page_not_the_taps_on_it(make_window):
    window = make_window()
    engine = FakeSpeechEngine()
    read_aloud = ReadAloud(engine)
    window.rendered.connect(lambda page: read_aloud.on_view(page, window.session.language))
    window.session.go_to("account")
    account = window.stack.currentWidget()
    read_aloud.read(speech_for(account), "en")

    tap(account.choices["video"])  # the page re-renders with an answer; keep reading
    assert read_aloud.state == "speaking"
    window.session.set_language("es")  # the page is now in Spanish: stop the English
    assert read_aloud.state == "idle"

    read_aloud.read(speech_for(account), "es")
    window.session.go_next()
    assert read_aloud.state == "idle" and engine.said == []


# -- the controller ---------------------------------------------------------------------------


def test_pause_resume_repeat_and_stop(qapp):
    engine = FakeSpeechEngine()
    read_aloud = ReadAloud(engine)
    states_seen: list[str] = []
    read_aloud.state_changed.connect(states_seen.append)

    read_aloud.read(["Heading", "Body text"], "es")
    assert read_aloud.state == "speaking"
    assert engine.said == [("Heading", "es"), ("Body text", "es")]

    read_aloud.pause()
    assert read_aloud.state == "paused" and engine.paused
    read_aloud.resume()
    assert read_aloud.state == "speaking" and not engine.paused

    read_aloud.repeat()  # from the top again, not added after what is still queued
    assert engine.texts() == ["Heading", "Body text"]
    assert read_aloud.state == "speaking"

    engine.finish()
    assert read_aloud.state == "idle"
    read_aloud.repeat()  # after the end, too
    assert engine.texts() == ["Heading", "Body text"]

    read_aloud.stop()
    assert read_aloud.state == "idle" and engine.said == []
    assert states_seen == ["speaking", "paused", "speaking", "idle", "speaking", "idle"]


def test_one_button_reads_pauses_and_resumes(qapp):
    engine = FakeSpeechEngine()
    read_aloud = ReadAloud(engine)
    read_aloud.toggle(["Title"], "en")
    assert read_aloud.state == "speaking"
    read_aloud.toggle(["Title"], "en")
    assert read_aloud.state == "paused"
    read_aloud.toggle(["Title"], "en")
    assert read_aloud.state == "speaking"
    assert engine.spoken == [("Title", "en")]  # resumed, not started again


def test_volume_steps_and_limits_and_reset_for_the_next_visitor(qapp):
    engine = FakeSpeechEngine()
    read_aloud = ReadAloud(engine, default_volume=0.8)
    assert engine.volume == pytest.approx(0.8)
    read_aloud.volume_up()
    read_aloud.volume_up()
    read_aloud.volume_up()
    assert read_aloud.volume == pytest.approx(1.0) and not read_aloud.can_volume_up
    for _ in range(20):
        read_aloud.volume_down()
    assert read_aloud.volume == pytest.approx(0.1) and not read_aloud.can_volume_down
    assert engine.volume == pytest.approx(0.1)  # never silent: that would look broken

    read_aloud.read(["Title"], "en")
    read_aloud.reset()
    assert read_aloud.state == "idle" and engine.said == []
    assert read_aloud.volume == pytest.approx(0.8) and engine.volume == pytest.approx(0.8)
    read_aloud.repeat()  # nothing of the last visitor's page to repeat
    assert engine.said == []


def test_availability_says_why_not(qapp):
    assert ReadAloud(None).availability("en") == NO_ENGINE
    assert ReadAloud(FakeSpeechEngine(available=False)).availability("en") == NO_ENGINE
    some = ReadAloud(FakeSpeechEngine(voices={"en", "es"}))
    assert some.availability("es") is None
    assert some.availability("km") == NO_VOICE


def test_no_voice_means_silence_not_the_wrong_voice(qapp):
    engine = FakeSpeechEngine(voices={"en", "es"})
    read_aloud = ReadAloud(engine)
    read_aloud.read(["ចំណងជើង"], "km")
    assert read_aloud.state == "idle" and engine.said == []
    assert ReadAloud(None).state == "idle"
    ReadAloud(None).read(["Title"], "en")  # no engine at all: nothing happens, nothing fails

    # The language picker: each name in its own voice; without one, a Latin name in the
    # page's voice, and a name in another script left out rather than spelled out.
    names = [Spoken("Español", "es"), Spoken("Hmoob", "hmn"), Spoken("ភាសាខ្មែរ", "km")]
    read_aloud.read(["Choose your language", *names], "en")
    assert engine.said == [("Choose your language", "en"), ("Español", "es"), ("Hmoob", "en")]


def test_direction_marks_are_not_spoken():
    isolated = "Website: \u2066https://securustech.net\u2069"
    assert spoken_form(isolated) == "Website: https://securustech.net"
    assert spoken_form("two\nlines  here ") == "two lines here"
    assert spoken_form("ក\u200bខ") == "ក\u200bខ"  # Khmer word breaks stay


# -- choosing a voice -------------------------------------------------------------------------


def test_each_language_finds_its_voice_and_hmong_none():
    offered = [QLocale(n) for n in ("en_GB", "en_US", "es_ES", "es_419", "ar_MR", "ar_EG")]
    offered += [QLocale(n) for n in ("yue_HK", "pa_PK", "fil_PH", "C")]
    chosen = {code: best_locale(code, offered) for code in ALL_LANGUAGES}
    assert chosen["en"].name() == "en_US"
    assert chosen["es"].name() == "es_419"  # Latin American before Spain's
    assert chosen["ar"].name() == "ar_EG"
    assert chosen["zh_Hant"].name() == "yue_HK"  # Cantonese reads Traditional characters
    assert chosen["tl"].name() == "fil_PH"
    assert chosen["pa"] is None  # Shahmukhi (Pakistan) cannot read Gurmukhi
    assert chosen["hmn"] is None  # no locale in Qt: never the "C" voices
    assert chosen["km"] is None


# -- through QtTextToSpeech ---------------------------------------------------------------------


@PIPEWIRE_WARNINGS
def test_english_round_trip_through_qt_mock_engine(qtbot):
    engine = QtSpeechEngine("mock")
    assert engine.is_available() and engine.problem is None
    read_aloud = ReadAloud(engine)
    assert read_aloud.availability("en") is None
    assert read_aloud.availability("es") == NO_VOICE  # the mock speaks only English here
    assert read_aloud.availability("hmn") == NO_VOICE

    words: list[str] = []
    engine.qt.sayingWord.connect(lambda word, *_rest: words.append(word))
    read_aloud.read(["Do you need an account?", "Phone calls"], "en")
    assert read_aloud.state == "speaking"
    qtbot.waitUntil(lambda: len(words) > 0, timeout=10_000)
    # Pause silences at once; Resume says the interrupted text again from its start.
    read_aloud.pause()
    assert read_aloud.state == "paused"
    paused_at = len(words)
    with qtbot.waitSignal(
        read_aloud.state_changed, check_params_cb=lambda state: state == "idle", timeout=10_000
    ):
        read_aloud.resume()
    assert words[paused_at:] == ["Do", "you", "need", "an", "account", "Phone", "calls"]


@PIPEWIRE_WARNINGS
def test_volume_reaches_the_qt_engine(qapp):
    engine = QtSpeechEngine("mock")
    read_aloud = ReadAloud(engine, default_volume=0.5)
    assert engine.qt.volume() == pytest.approx(0.5)
    read_aloud.volume_up()
    assert engine.qt.volume() == pytest.approx(0.6)


@PIPEWIRE_WARNINGS
def test_a_missing_engine_is_unavailable_not_an_error(qapp):
    engine = QtSpeechEngine("no-such-engine")
    assert not engine.is_available()
    assert "no-such-engine" in engine.problem
    assert ReadAloud(engine).availability("en") == NO_ENGINE


def test_without_qttexttospeech_the_kiosk_still_runs(qapp, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)  # import fails
    engine = QtSpeechEngine()
    assert not engine.is_available()
    assert "QtTextToSpeech" in engine.problem
    read_aloud = ReadAloud(engine)
    assert read_aloud.availability("en") == NO_ENGINE
    read_aloud.read(["Title"], "en")
    assert read_aloud.state == "idle"


@PIPEWIRE_WARNINGS
def test_a_late_stop_confirmation_does_not_end_the_next_reading(qtbot):
    tts = SlowStopSpeech()
    engine = QtSpeechEngine(tts=tts)
    read_aloud = ReadAloud(engine)
    read_aloud.read(["One", "Two"], "en")
    assert tts.said == ["One"]  # one text at a time
    tts.confirm()
    assert tts.said == ["One", "Two"]

    read_aloud.repeat()  # stop (not yet confirmed), then the same texts from the top
    assert tts.said == ["One", "Two"]  # nothing new until the engine has stopped
    tts.confirm()  # the stop's late Ready: not the end of the new reading
    assert read_aloud.state == "speaking"
    assert tts.said == ["One", "Two", "One"]
    tts.confirm()
    tts.confirm()
    assert tts.said == ["One", "Two", "One", "Two"]
    assert read_aloud.state == "idle"


@PIPEWIRE_WARNINGS
def test_a_stop_never_confirmed_does_not_silence_it_for_ever(qtbot):
    tts = SlowStopSpeech()
    engine = QtSpeechEngine(tts=tts, stop_guard_ms=1)
    read_aloud = ReadAloud(engine)
    read_aloud.read(["One"], "en")
    read_aloud.repeat()
    qtbot.waitUntil(lambda: tts.said == ["One", "One"], timeout=2_000)
    assert read_aloud.state == "speaking"


@PIPEWIRE_WARNINGS
def test_speech_that_never_ends_is_given_up_and_logged(qtbot, caplog):
    # speech-dispatcher without a working audio output says Speaking and never finishes.
    tts = SlowStopSpeech()
    engine = QtSpeechEngine(tts=tts, stop_guard_ms=1, overdue_ms=(1, 0))
    read_aloud = ReadAloud(engine)
    read_aloud.read(["One", "Two"], "en")
    qtbot.waitUntil(lambda: read_aloud.state == "idle", timeout=2_000)
    assert tts.said == ["One"]  # the rest is not tried: the engine is stuck
    assert "is the audio output working?" in caplog.text
