"""The Read aloud controls in the kiosk's bottom bar, wired to the controller."""

from __future__ import annotations

from helpers import tap
from helpers.fakes import FakeSpeechEngine
from kiosk.ui.speech.controller import ReadAloud


def make(make_window, voices=None):
    engine = FakeSpeechEngine(voices=voices)
    speech = ReadAloud(engine)
    window = make_window(read_aloud=speech)
    window.session.go_to("changes")
    return window, speech, engine


def test_read_aloud_speaks_the_page_then_pauses_repeats_and_stops(make_window):
    window, speech, engine = make(make_window)
    bar = window.chrome.bar
    assert bar.read.isEnabled() and not bar.no_voice.isVisible()
    tap(bar.read)
    assert speech.state == "speaking"
    spoken = [text for text, _code in engine.spoken]
    assert spoken[0] == "Step 1 of 5"
    assert spoken[1] == "What is changing"
    assert bar.read.label_text() == "Pause"
    assert bar.repeat.isVisible() and bar.volume_up.isVisible()
    tap(bar.read)
    assert speech.state == "paused"
    tap(bar.volume_down)
    assert speech.volume < 0.8
    tap(window.chrome.bar.next)  # another page: speech stops
    assert speech.state == "idle"
    tap(bar.start_over)  # the next visitor gets the default volume
    assert abs(speech.volume - 0.8) < 1e-9


def test_speech_follows_the_visitors_language(make_window):
    window, _speech, engine = make(make_window)
    window.session.set_language("es")
    tap(window.chrome.bar.read)
    assert {code for _text, code in engine.spoken} == {"es"}


def test_without_a_voice_the_control_is_disabled_with_a_reason(make_window):
    window, _speech, _engine = make(make_window, voices={"en", "es"})
    window.session.set_language("km")
    bar = window.chrome.bar
    assert not bar.read.isEnabled()
    assert bar.no_voice.isVisible()
    assert bar.no_voice.text() != "Read aloud is not available in this language on this kiosk."
    window.session.set_language("en")
    assert bar.read.isEnabled() and not bar.no_voice.isVisible()


def test_the_engine_can_arrive_after_the_first_frame(make_window):
    speech = ReadAloud(None)
    window = make_window(read_aloud=speech)
    window.session.go_to("changes")
    assert not window.chrome.bar.read.isEnabled()
    speech.set_engine(FakeSpeechEngine())
    assert window.chrome.bar.read.isEnabled()
