"""A service's own start date at this facility (setting service_start.video, operator data): what
visitors read in every language on Step 1, in the account answer, on Done and on the handout,
and what staff are told once the date has passed. The day is injected, never read from the
machine's clock."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date

from helpers import visible_texts
from kiosk.cli import main
from kiosk.core.content import ContentError, load_content
from kiosk.core.i18n import LANGUAGES
from kiosk.core.paths import resource
from kiosk.core.rollout import (
    StatusWording,
    announced_start,
    day_problem,
    stale_wording,
    status_wording,
)
from kiosk.core.settings import Settings, load_settings
from kiosk.core.settings_store import save_settings
from kiosk.handout.content import build_handout

TODAY = dt.date(2026, 12, 15)
VIDEO_START = dt.date(2027, 1, 15)
VIDEO_LINE = "Video calls start at this facility on {date}."


def settings_from(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.problems == [], settings.problems
    return settings


def babel_date(code: str, day: dt.date) -> str:
    """The day as Babel writes it in the language (Hmong, without a CLDR locale: English)."""
    return format_date(day, format="long", locale=LANGUAGES[code].babel_code or "en")


def open_page(window, code: str, page: str, *chosen: str) -> list[str]:
    """The texts a visitor sees on ``page`` after choosing ``chosen`` on Step 2."""
    session = window.session
    session.start_over()
    session.set_language(code)
    for key in chosen:
        session.toggle_service(key)
    session.go_to(page)
    return visible_texts(window.pages[page])


def cards(window) -> dict[str, str]:
    return {card.objectName(): card.status.text() for card in window.pages["changes"].cards}


# -- the setting -------------------------------------------------------------------------------
def test_a_toml_date_or_text_is_kept_as_the_day(tmp_path):
    settings = settings_from(tmp_path, "[service_start]\nvideo = 2027-01-15\n")
    assert settings["service_start.video"] == "2027-01-15"  # as text, as every editor shows it
    assert settings.service_start("video") == VIDEO_START
    assert settings.service_start("phone") is None
    settings = settings_from(tmp_path, 'service_start.messaging = "2027-02-01"\n')
    assert settings.service_start("messaging") == dt.date(2027, 2, 1)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"2027-1-15"', 'is not a day like "2027-01-15"'),
        ('"15 January 2027"', 'is not a day like "2027-01-15"'),
        ('"2027-02-30"', "is not a day of the calendar"),
        ('"2027-13-01"', "is not a day of the calendar"),
        ("2019-12-31", "2019 is not a year from 2020 to 2099"),
        ('"2100-01-01"', "2100 is not a year from 2020 to 2099"),
        ("2027-01-15T09:00:00", "has a time of day: give the day alone"),
        ("20270115", "expected text in quotes"),
        ('"\uff12\uff10\uff12\uff17-01-15"', "is not a day like"),  # full-width digits
    ],
)
def test_a_wrong_day_is_named_and_not_used(tmp_path, value, problem):
    path = tmp_path / "settings.toml"
    path.write_text(f"[service_start]\nvideo = {value}\n", encoding="utf-8")
    settings = load_settings(path)
    assert len(settings.problems) == 1
    assert f"{path}: service_start.video: " in settings.problems[0]
    assert problem in settings.problems[0]
    assert settings.problems[0].endswith("using the default ''")
    assert settings.service_start("video") is None


def test_day_problem_accepts_the_limits():
    assert day_problem("2020-01-01") is None
    assert day_problem("2099-12-31") is None
    assert day_problem("2028-02-29") is None


def test_the_admin_screen_saves_a_day_that_reads_back(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[service_start]\nphone = 2027-03-01\n", encoding="utf-8")
    save_settings(path, {"service_start.video": "2027-01-15"})
    settings = load_settings(path)
    assert settings.problems == []
    assert settings.service_start("video") == VIDEO_START
    assert settings.service_start("phone") == dt.date(2027, 3, 1)  # the operator's TOML date
    with pytest.raises(ValueError, match=r"service_start\.video: .* is not a day of the calendar"):
        save_settings(path, {"service_start.video": "2027-02-30"})


def test_only_the_date_texts_take_a_date(tmp_path):
    bundled = resource("content/pack.toml").read_text(encoding="utf-8")
    old = 'text = "For free phone calls, you do not need an online account." }'
    new = 'text = "For free phone calls, you do not need an online account from {date}." }'
    path = tmp_path / "pack.toml"
    path.write_text(bundled.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_content(path)
    assert refused.value.field == "services[0].answer.text"
    assert "{date} is not filled in here" in refused.value.problem


# -- how a service is worded -------------------------------------------------------------------
def test_available_wins_and_the_day_itself_says_it_has_begun(tmp_path):
    settings = settings_from(tmp_path, "[service_start]\nvideo = 2027-01-15\n")
    assert announced_start(settings, "video", TODAY) == VIDEO_START
    assert announced_start(settings, "video", VIDEO_START) is None
    assert announced_start(settings, "phone", TODAY) is None
    settings.values["service_status.video"] = "available"
    assert announced_start(settings, "video", TODAY) is None
    assert status_wording("available", TODAY, None, VIDEO_START) is StatusWording.AVAILABLE


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_video_start_shows_in_every_language(make_window, pack, translators, tmp_path, code):
    settings = settings_from(
        tmp_path, 'facility_name = "Centinela"\n[service_start]\nvideo = 2027-01-15\n'
    )
    window = make_window(settings, today=lambda: TODAY)
    tr = translators[code]
    date = babel_date(code, VIDEO_START)
    written = tr.isolate(date)
    assert tr.long_date(VIDEO_START) == date
    starts = tr.text(pack.changes.status_starts_on, date=written)
    line = tr.text(pack.service("video").starts_on, date=written)
    assert date in starts and date in line
    if code != "en":
        assert tr.has(pack.changes.status_starts_on.text), code
        assert tr.has(VIDEO_LINE), code
        assert line != VIDEO_LINE.format(date=written), (code, "translated")

    # Step 1: the video card says when it starts; the others keep the rollout's wording.
    open_page(window, code, "changes")
    ctx = window.context()
    coming = ctx.t(pack.changes.status_coming)
    assert cards(window) == {
        "status-phone": coming,
        "status-video": starts,
        "status-messaging": coming,
    }, code
    # Step 2 and Done, video calls chosen: the answer, then its start date.
    for page in ("account", "done"):
        texts = open_page(window, code, page, "video")
        answer = ctx.t(pack.service("video").answer)
        assert answer in texts and line in texts, (code, page)
        answers = window.pages[page].answer_box.answers.texts()
        assert answers == [answer, line], (code, page)
    # Phone calls alone: nothing about video calls' date.
    assert line not in open_page(window, code, "account", "phone")
    # The handout, which covers every service.
    handout = build_handout(pack, settings, tr, today=TODAY)
    assert line in handout.texts(), code
    index = handout.service_answers.index(line)
    assert handout.service_answers[index - 1] == tr.text(pack.service("video").answer)


def test_not_sure_lists_every_dated_service_after_the_answer(make_window, pack, tmp_path):
    settings = settings_from(
        tmp_path, "[service_start]\nvideo = 2027-01-15\nmessaging = 2027-02-01\n"
    )
    window = make_window(settings, today=lambda: TODAY)
    open_page(window, "en", "account")
    window.session.toggle_not_sure()
    box = window.pages["account"].answer_box
    assert box.answers.texts() == []
    assert box.details.texts() == [
        *(text.text for text in pack.account.outcomes.not_sure.detail),
        "Video calls start at this facility on January 15, 2027.",
        "Messaging starts at this facility on February 1, 2027.",
    ]


def test_the_handout_pdf_says_the_date(kiosk_app, tmp_path, capsys):
    settings = tmp_path / "settings.toml"
    settings.write_text("[service_start]\nvideo = 2027-01-15\n", encoding="utf-8")
    out = tmp_path / "es.pdf"
    args = ["handout", "--lang", "es", "-o", str(out), "--settings", str(settings)]
    assert main([*args, "--today", "2026-12-15"]) == 0
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Las videollamadas empiezan en este centro el 15 de enero de 2027." in text
    # On the day itself the date is no longer ahead: the page does not announce it.
    assert main([*args, "--today", "2027-01-15", "-o", str(tmp_path / "day.pdf")]) == 0
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "day.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2027" not in text


# -- a date that has passed, "available", and no date at all ------------------------------------
def test_a_past_date_with_coming_is_not_presented_as_future(make_window, pack, tmp_path):
    settings = settings_from(tmp_path, "[service_start]\nvideo = 2026-11-01\n")
    window = make_window(settings, today=lambda: TODAY)
    open_page(window, "en", "changes")
    started = "The rollout has begun. Ask the facility if this service has started here."
    assert cards(window)["status-video"] == started
    for page in ("changes", "account", "done"):
        texts = open_page(window, "en", page, "video")
        assert not any("November 1, 2026" in t or "Starts on" in t for t in texts), page
    handout = build_handout(pack, settings, window.context().tr, today=TODAY)
    assert not any("2026" in t for t in handout.service_answers)


def test_available_wins_over_a_date_ahead(make_window, pack, translators, tmp_path):
    settings = settings_from(
        tmp_path, '[service_status]\nvideo = "available"\n[service_start]\nvideo = 2027-01-15\n'
    )
    window = make_window(settings, today=lambda: TODAY)
    for code in ("en", "es", "ar"):
        tr = translators[code]
        open_page(window, code, "changes")
        assert cards(window)["status-video"] == tr.text(pack.changes.status_available)
        date = babel_date(code, VIDEO_START)
        assert not any(date in t for t in open_page(window, code, "done", "video")), code
        handout = build_handout(pack, settings, tr, today=TODAY)
        assert not any(date in t for t in handout.texts()), code


def test_without_the_setting_the_wording_is_unchanged(make_window, pack, translators, tmp_path):
    plain = make_window(Settings(), today=lambda: TODAY)
    # A date for video alone leaves phone calls and messaging as they were.
    dated = make_window(
        settings_from(tmp_path, "[service_start]\nvideo = 2027-01-15\n"), today=lambda: TODAY
    )
    for code in ("en", "es", "zh_Hant", "ar"):
        for page, chosen in (("account", ("phone",)), ("done", ("phone",))):
            assert open_page(plain, code, page, *chosen) == open_page(dated, code, page, *chosen)
        open_page(plain, code, "changes")
        open_page(dated, code, "changes")
        coming = plain.context().t(pack.changes.status_coming)
        assert set(cards(plain).values()) == {coming}, code
        assert cards(dated)["status-phone"] == cards(dated)["status-messaging"] == coming, code
        handout = build_handout(pack, Settings(), translators[code], today=TODAY)
        assert handout.service_answers == tuple(
            translators[code].text(service.answer) for service in pack.services
        )


# -- staff: kiosk check and the admin screen's notes ------------------------------------------
def test_stale_start_dates_are_flagged(pack):
    settings = Settings()
    settings.values["rollout_start"] = "2026-09"
    settings.values["service_start.video"] = "2026-12-14"
    settings.values["service_start.messaging"] = "2028-01-15"
    settings.values["service_start.phone"] = "2027-01-15"
    settings.values["service_status.phone"] = "available"
    problems, notes = stale_wording(pack, settings, TODAY)
    assert problems == [
        "service_start.video is 2026-12-14, which has passed, but service_status.video is "
        "still 'coming': visitors no longer read the date, they are told to ask the facility. "
        "If it has started here, set service_status.video to 'available'; if the date moved, "
        "set the new one, or remove service_start.video",
        "service_start.messaging is 2028-01-15, more than a year away: visitors read that it "
        "starts on that day. Check the year, or leave service_start.messaging empty until the "
        "day is known",
    ]
    assert notes == [
        "service_start.phone is 2027-01-15, but service_status.phone is 'available': visitors "
        "read that it is available now, not the date"
    ]
    # On the day itself, and a year ahead to the day, nothing is flagged yet.
    settings.values["service_start.video"] = "2026-12-15"
    settings.values["service_start.messaging"] = "2027-12-15"
    problems, notes = stale_wording(pack, settings, TODAY)
    assert problems == []
    # A dated service is not in the rollout month's note: its own date speaks for it.
    settings.values["service_status.phone"] = "coming"
    settings.values["service_start.phone"] = ""
    _problems, notes = stale_wording(pack, settings, TODAY)
    assert notes == [
        "rollout_start is 2026-09 and that month is over, but service_status.phone is still "
        "'coming': visitors are told to ask the facility whether it has started. If it has "
        "started here, set service_status to 'available'"
    ]


@pytest.fixture
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


@pytest.mark.usefixtures("_qt")
def test_kiosk_check_fails_on_a_past_date_still_coming(capsys, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[service_start]\nvideo = 2026-12-01\n", encoding="utf-8")
    args = ["check", "--settings", str(path)]
    assert main([*args, "--today", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "rollout: video starts here on 2026-12-01 (service_start.video): visitors read" in out
    assert main([*args, "--today", "2026-12-01"]) == 0  # the day itself
    assert "video starts here" not in capsys.readouterr().out
    assert main([*args, "--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    assert (
        "  ✗ rollout: service_start.video is 2026-12-01, which has passed, but "
        "service_status.video is still 'coming'"
    ) in out
    # Marking it available is the fix.
    path.write_text(
        '[service_status]\nvideo = "available"\n[service_start]\nvideo = 2026-12-01\n',
        encoding="utf-8",
    )
    assert main([*args, "--today", "2026-12-02"]) == 0
    assert "service_start" not in capsys.readouterr().out


def test_the_handout_with_every_service_dated_still_fits(kiosk_app, pack, translators):
    """The longest handout: three start-date lines more, on Letter (the shorter page)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    from kiosk.handout.render import RESOLUTION, SMALLEST_BODY_PT, page_layout, paint_handout

    settings = Settings()
    for key in ("phone", "video", "messaging"):
        settings.values[f"service_start.{key}"] = "2027-09-30"  # September: a long month name
    settings.values["facility_name"] = "W" * 80
    for code in LANGUAGES:
        handout = build_handout(pack, settings, translators[code], today=TODAY)
        assert len(handout.service_answers) == 6, code
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(page_layout("letter"))
        assert paint_handout(writer, handout) >= SMALLEST_BODY_PT, code


def test_every_month_of_a_start_date_renders_in_the_bundled_fonts(kiosk_app, pack, translators):
    """Babel writes the month's name, and the bundled fonts are subsets: every month's name
    must have its glyphs, in every language, in the sentences that hold a start date."""
    from kiosk.ui.fonts import font_for, register_bundled_fonts
    from kiosk.ui.glyphs import text_problems

    bundled = set(register_bundled_fonts())
    for code in LANGUAGES:
        tr = translators[code]
        font = font_for(code)
        font.setPixelSize(30)
        for month in range(1, 13):
            date = tr.isolate(tr.long_date(dt.date(2027, month, 28)))
            for text in (pack.changes.status_starts_on, pack.service("messaging").starts_on):
                sentence = tr.text(text, date=date)
                assert text_problems(sentence, font, bundled) == [], (code, sentence)


def test_the_sentence_and_the_date_meet_without_a_doubled_word_or_stop(pack, translators):
    """Babel writes the date; the sentence around it must not say a word twice where they meet
    (Vietnamese "vào ngày ngày 15 ...", Khmer "ថ្ងៃទី ថ្ងៃទី") or end on two stops (Russian:
    Babel's date already ends with the year's abbreviation and its stop)."""
    texts = [pack.changes.status_starts_on, *(service.starts_on for service in pack.services)]
    separators = re.compile(r"[\s\u200b\u2066-\u2069]+")
    for code in LANGUAGES:
        tr = translators[code]
        for month in (1, 5, 9, 11):
            date = tr.isolate(tr.long_date(dt.date(2027, month, 1)))
            for text in texts:
                sentence = tr.text(text, date=date)
                words = [w.casefold() for w in separators.split(sentence) if w]
                doubled = [a for a, b in itertools.pairwise(words) if a == b]
                assert doubled == [], (code, sentence)
                bare = separators.sub("", sentence)
                assert not re.search("[.\u3002\u0589\u0964\u17d4]{2}", bare), (code, sentence)
