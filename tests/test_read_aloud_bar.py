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
    assert not unavailable(bar.read) and not bar.no_voice.isVisible()
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


def unavailable(button) -> bool:
    return button.property("unavailable") == "true"  # drawn dashed


def test_without_a_voice_a_tap_on_read_aloud_says_why_and_reads_nothing(make_window):
    window, speech, engine = make(make_window, voices={"en", "es"})
    window.session.set_language("km")
    bar = window.chrome.bar
    assert unavailable(bar.read)
    assert not bar.no_voice.isVisible()  # no row of its own until it is asked for
    tap(bar.read)
    assert bar.no_voice.isVisible() and not bar.read.isChecked()
    assert bar.no_voice.text() != "Read aloud is not available in this language on this kiosk."
    assert engine.spoken == [] and speech.state == "idle"
    tap(bar.read)  # a second tap puts the reason away
    assert not bar.no_voice.isVisible()
    tap(bar.read)
    window.session.set_language("en")  # another language: the reason goes with it
    assert not unavailable(bar.read) and not bar.no_voice.isVisible()


def test_the_reason_goes_with_the_page(make_window):
    window, _speech, _engine = make(make_window, voices={"en"})
    window.session.set_language("km")
    bar = window.chrome.bar
    tap(bar.read)
    assert bar.no_voice.isVisible()
    tap(bar.next)
    assert not bar.no_voice.isVisible()


def test_the_engine_can_arrive_after_the_first_frame(make_window):
    speech = ReadAloud(None)
    window = make_window(read_aloud=speech)
    window.session.go_to("changes")
    assert unavailable(window.chrome.bar.read)
    speech.set_engine(FakeSpeechEngine())
    assert not unavailable(window.chrome.bar.read)
