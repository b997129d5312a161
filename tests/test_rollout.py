# ruff: noqa: RUF001, RUF003  (test data in Russian and Armenian: their letters, not look-alikes)
"""The rollout's date: what visitors read before, in and after the rollout month, in every
language, and what staff are told when the wording goes stale. The day is injected, never read
from the machine's clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton

from helpers import tap, visible_texts
from kiosk.cli import main
from kiosk.core.content import ContentError, RolloutText, load_content
from kiosk.core.i18n import LANGUAGES
from kiosk.core.paths import resource
from kiosk.core.pin import PinStore
from kiosk.core.rollout import (
    Phase,
    StatusWording,
    YearMonth,
    phase_on,
    rollout_start,
    stale_wording,
    status_wording,
    undated_deadline,
    year_month_problem,
)
from kiosk.core.settings import Settings, load_settings
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.context import ViewContext
from kiosk.ui.theme import DEFAULT, Metrics

SEPTEMBER_2026 = YearMonth(2026, 9)
AUGUST = dt.date(2026, 8, 15)
ROLLOUT_MONTH = dt.date(2026, 9, 1)
DECEMBER = dt.date(2026, 12, 15)

#: How each language names the month inside each kind of sentence, pinned by hand (the month
#: with its preposition or particle), for a rollout in September and, when dated, 2026:
#: (undated, before, started, the "create" step before, the "watch" step before).
MONTH_FORMS = {
    "en": ("in September.", "begins in September 2026.", "began in September 2026.",
           "start in September 2026.", "As September 2026 comes closer"),
    "es": ("en septiembre.", "empieza en septiembre de 2026.", "empezó en septiembre de 2026.",
           "servicios en septiembre de 2026.", "se acerque septiembre de 2026,"),
    "zh_Hant": ("將於9月開始", "將於2026年9月開始", "已於2026年9月開始", "在2026年9月服務",
                "快到2026年9月時"),
    # Running text takes the lower-case "tháng 9", never "Tháng 9".
    "vi": ("vào tháng 9.", "khai bắt đầu vào tháng 9 năm 2026.", "đã bắt đầu vào tháng 9 năm 2026.",
           "bắt đầu vào tháng 9 năm 2026.", "Khi gần đến tháng 9 năm 2026,"),
    "tl": ("sa Setyembre.", "sa Setyembre 2026.", "noong Setyembre 2026.",
           "serbisyo sa Setyembre 2026.", "papalapit ang Setyembre 2026,"),
    "ko": ("9월에 시작됩니다", "2026년 9월에 시작됩니다", "2026년 9월에 시작되었습니다",
           "2026년 9월에 서비스가", "2026년 9월이 다가오면"),
    # Armenian: the format (genitive) form with the article makes the dative "in September".
    "hy": ("սկսվում է սեպտեմբերին", "սկսվում է 2026 թ․ սեպտեմբերին",
           "սկսվել է 2026 թ․ սեպտեմբերին", "կսկսվեն 2026 թ․ սեպտեմբերին",
           "մոտենանք 2026 թ․ սեպտեմբերին"),
    "fa": ("در ماه سپتامبر شروع", "در سپتامبر 2026 شروع می\u200cشود", "در سپتامبر 2026 شروع شد",
           "در سپتامبر 2026 انجام", "به سپتامبر 2026 نزدیک"),
    "ru": ("с сентября.", "С сентября 2026\u202fг. начинается", "С сентября 2026\u202fг. началось",
           "до сентября 2026\u202fг., когда", "По мере приближения сентября 2026\u202fг. следите"),
    "ar": ("في شهر سبتمبر.", "يبدأ طرح الخدمات في سبتمبر 2026.", "بدأ طرح الخدمات في سبتمبر 2026.",
           "الخدمات في سبتمبر 2026.", "مع اقتراب سبتمبر 2026،"),
    "pa": ("ਸਤੰਬਰ ਵਿੱਚ ਹੋ ਰਹੀ", "ਸਤੰਬਰ 2026 ਵਿੱਚ ਹੋ ਰਹੀ", "ਸਤੰਬਰ 2026 ਵਿੱਚ ਹੋਈ",
           "ਸਤੰਬਰ 2026 ਵਿੱਚ ਸੇਵਾਵਾਂ", "ਜਦੋਂ ਸਤੰਬਰ 2026 ਨੇੜੇ"),
    "km": ("នៅ\u200bខែ កញ្ញា។", "ប្រើ\u200bចាប់ផ្ដើម\u200bនៅ\u200bខែ កញ្ញា 2026។",
           "បាន\u200bចាប់ផ្ដើម\u200bនៅ\u200bខែ កញ្ញា 2026។", "នៅ\u200bខែ កញ្ញា 2026។",
           "ខែ កញ្ញា 2026 កាន់តែ"),
    "hmn": ("thaum lub September.", "no pib thaum lub September 2026.",
            "tau pib thaum lub September 2026.", "pib thaum lub September 2026.",
            "Thaum lub September 2026 los ze,"),
}  # fmt: skip


def settings_with(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.problems == [], settings.problems
    return settings


def context(pack, settings, code, today, translators) -> ViewContext:
    return ViewContext(pack, settings, translators[code], Metrics(1.0), DEFAULT, today=today)


# -- the core: phase, status, the place for per-service dates -------------------------------------
def test_the_phase_turns_on_the_first_day_of_the_rollout_month():
    assert phase_on(dt.date(2026, 8, 31), SEPTEMBER_2026) is Phase.BEFORE
    assert phase_on(ROLLOUT_MONTH, SEPTEMBER_2026) is Phase.STARTED
    assert phase_on(DECEMBER, SEPTEMBER_2026) is Phase.STARTED
    assert phase_on(DECEMBER, None) is Phase.UNDATED
    assert phase_on(AUGUST, None) is Phase.UNDATED


def test_available_always_wins_and_a_service_date_wins_over_the_month():
    for today in (AUGUST, ROLLOUT_MONTH, DECEMBER):
        for start in (None, SEPTEMBER_2026):
            assert status_wording("available", today, start) is StatusWording.AVAILABLE
    assert status_wording("coming", AUGUST, SEPTEMBER_2026) is StatusWording.BEFORE
    assert status_wording("coming", DECEMBER, SEPTEMBER_2026) is StatusWording.STARTED
    assert status_wording("coming", DECEMBER, None) is StatusWording.UNDATED
    # Issue 20's per-service start date: it wins over the rollout's month.
    video_start = dt.date(2027, 1, 15)
    assert status_wording("coming", DECEMBER, SEPTEMBER_2026, video_start) is (
        StatusWording.STARTS_ON
    )
    assert status_wording("coming", video_start, SEPTEMBER_2026, video_start) is (
        StatusWording.STARTED
    )
    assert status_wording("available", DECEMBER, None, video_start) is StatusWording.AVAILABLE


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2026-09", None),
        ("2099-12", None),
        ("2026-9", "is not a year and month"),
        ("Sept 2026", "is not a year and month"),
        ("2026-13", "13 is not a month"),
        ("2026-00", "0 is not a month"),
        ("1926-09", "1926 is not a year"),
        (dt.date(2026, 9, 1), "is not a year and month"),
    ],
)
def test_a_rollout_start_is_a_real_year_and_month(value, problem):
    found = year_month_problem(value)
    assert (found is None) if problem is None else (problem in found), found


def test_the_setting_wins_over_the_content_pack(pack, tmp_path):
    maintained = pack._replace(rollout_start="2026-09")
    assert rollout_start(maintained, Settings()) == (SEPTEMBER_2026, "content pack")
    operator = settings_with(tmp_path, 'rollout_start = "2026-10"\n')
    assert rollout_start(maintained, operator) == (YearMonth(2026, 10), "settings")
    assert rollout_start(pack, Settings()) is None


def test_a_wrong_rollout_start_in_settings_is_named_and_ignored(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('rollout_start = "2026-13"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings["rollout_start"] == ""
    assert len(settings.problems) == 1
    assert f"{path}: rollout_start: '2026-13': 13 is not a month" in settings.problems[0]


# -- the content pack's rollout tables -----------------------------------------------------------
PACK = resource("content/pack.toml")
UNDATED_STATUS = (
    'undated = { id = "F2", text = "Coming. Securus says the rollout begins in {month_in_text}." }'
)


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        (
            UNDATED_STATUS,
            UNDATED_STATUS.replace("{month_in_text}", "{month_year_in_text}"),
            "changes.status_coming.undated.text",
            "{month_year_in_text} needs the rollout's year",
        ),
        (UNDATED_STATUS, "", "changes.status_coming.undated", "missing"),
        (
            UNDATED_STATUS,
            UNDATED_STATUS.replace("undated", "later"),
            "changes.status_coming.later",
            "unknown field",
        ),
        (
            'text = "Check that you can log in" }',
            'text = "Check that you can log in in {month_year}" }',
            "setup.steps[1].title.text",
            "{month_year} needs the rollout's year",
        ),
        ('# rollout_start = "2026-09"', 'rollout_start = "2026-10"', "rollout_start", "agree"),
        ('# rollout_start = "2026-09"', 'rollout_start = "2026-9"', "rollout_start", "not a"),
    ],
)
def test_a_broken_rollout_table_names_the_field(tmp_path, old, new, field, problem):
    source = PACK.read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "pack.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert caught.value.field == field
    assert problem in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_maintained_rollout_start_loads(tmp_path):
    source = PACK.read_text(encoding="utf-8")
    path = tmp_path / "pack.toml"
    path.write_text(source.replace('# rollout_start = "2026-09"', 'rollout_start = "2026-09"'))
    assert load_content(path).rollout_start == "2026-09"


def test_the_bundled_pack_gives_no_year(pack):
    assert pack.rollout_start is None
    assert pack.rollout_month == 9


# -- each language's month form, in each sentence that holds one ---------------------------------
def month_sentences(pack) -> dict[str, RolloutText]:
    return {
        "services_intro": pack.changes.services_intro,
        "status_coming": pack.changes.status_coming,
        "create": pack.setup.steps[0].text,
        "watch": pack.setup.steps[2].text,
        "when": next(q.answer for q in pack.helper.questions if q.key == "when"),
    }


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_language_names_the_month_in_the_form_each_sentence_needs(pack, translators, code):
    undated_form, before_form, started_form, create_form, watch_form = MONTH_FORMS[code]
    sentences = month_sentences(pack)
    undated = context(pack, Settings(), code, DECEMBER, translators)
    dated = settings_with_start("2026-09")
    before = context(pack, dated, code, AUGUST, translators)
    started = context(pack, dated, code, DECEMBER, translators)
    for name in ("services_intro", "status_coming", "when"):
        assert undated_form in undated.t(sentences[name]), (code, name)
    for name in ("services_intro", "status_coming", "when"):
        assert before_form in before.t(sentences[name]), (code, name)
    for name in ("services_intro", "when"):
        assert started_form in started.t(sentences[name]), (code, name)
    assert create_form in before.t(sentences["create"]), code
    assert watch_form in before.t(sentences["watch"]), code
    every = [ctx.t(text) for ctx in (undated, before, started) for text in sentences.values()]
    for text in every:
        assert ".." not in text.replace("...", ""), text  # "2026 г." ends a sentence once
        if code == "vi":
            assert "Tháng" not in text[1:], text  # never the capital form inside a sentence
        if code == "ru":
            assert "с сентябрь" not in text.lower(), text  # "с" takes the genitive


def settings_with_start(value: str) -> Settings:
    settings = Settings()
    settings.values["rollout_start"] = value
    return settings


# -- what a visitor reads on the pages, in every state and language ------------------------------
STATES = {
    "undated-august": ("", "", AUGUST),
    "undated-december": ("", "", DECEMBER),
    "before": ('rollout_start = "2026-09"\n', "", AUGUST),
    "rollout-month": ('rollout_start = "2026-09"\n', "", ROLLOUT_MONTH),
    "after-coming": ('rollout_start = "2026-09"\n', "", DECEMBER),
    "after-available": (
        'rollout_start = "2026-09"\n',
        '[service_status]\nphone = "available"\nvideo = "available"\nmessaging = "available"\n',
        DECEMBER,
    ),
}


def page_texts(window, code: str) -> dict[str, list[str]]:
    window.session.set_language(code)
    texts = {}
    for page in ("changes", "setup", "done"):
        window.session.go_to(page)
        texts[page] = visible_texts(window.pages[page])
    return texts


@pytest.mark.parametrize("state", list(STATES))
def test_what_visitors_read_is_true_on_the_day(make_window, pack, translators, tmp_path, state):
    start_line, status_lines, today = STATES[state]
    settings = settings_with(tmp_path, start_line + status_lines)
    window = make_window(settings, today=lambda: today)
    phase = phase_on(today, SEPTEMBER_2026 if start_line else None)
    for code in LANGUAGES:
        tr = translators[code]
        undated_form, before_form, started_form, _, _ = MONTH_FORMS[code]
        texts = page_texts(window, code)
        everything = " ".join(t for page in texts.values() for t in page)
        cards = {c.objectName(): c.status.text() for c in window.pages["changes"].cards}
        intro = window.pages["changes"].paragraphs[-1].text()
        ctx = window.context()
        if phase is Phase.UNDATED:
            assert undated_form in intro, (code, intro)
            assert "2026" not in everything, (code, "no year is invented")
        elif phase is Phase.BEFORE:
            assert before_form in intro, (code, intro)
        else:
            assert started_form in intro, (code, intro)
            # Nothing says the rollout month is still ahead.
            for sentence in month_sentences(pack).values():
                assert ctx.tr.text(sentence.before, **ctx.values()) not in everything, code
            assert before_form not in everything, code
        for key, status in cards.items():
            if "available" in status_lines:
                assert status == tr.text(pack.changes.status_available), (code, key)
            else:
                assert status == ctx.t(pack.changes.status_coming), (code, key)
        # Step 3 and Done show the same steps, worded for the day.
        steps = [ctx.t(step.text) for step in pack.setup.steps]
        for step in steps:
            assert step in texts["setup"] and step in texts["done"], (code, step)


def test_undated_wording_is_the_same_in_august_and_december(make_window, tmp_path):
    august = make_window(Settings(), today=lambda: AUGUST)
    december = make_window(Settings(), today=lambda: DECEMBER)
    for code in ("en", "es", "ar"):
        assert page_texts(august, code) == page_texts(december, code)


def test_an_admin_change_to_the_status_wins_at_once(make_window, pack, tmp_path):
    settings = settings_with(tmp_path, 'rollout_start = "2026-09"\n')
    window = make_window(settings, today=lambda: DECEMBER)
    window.session.go_to("changes")
    cards = {c.objectName(): c for c in window.pages["changes"].cards}
    started = "The rollout has begun. Ask the facility if this service has started here."
    assert cards["status-video"].status.text() == started
    settings.values["service_status.video"] = "available"
    window.render_state()
    assert cards["status-video"].status.text() == "Available now."
    assert cards["status-phone"].status.text() == started


# -- staff: kiosk check and the admin screen -------------------------------------------------------
def run_check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


@pytest.fixture
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


@pytest.mark.usefixtures("_qt")
def test_check_notes_a_service_still_coming_after_the_rollout_month(capsys, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('rollout_start = "2026-09"\n[service_status]\nphone = "available"\n')
    code, out = run_check(capsys, "--settings", str(path), "--today", "2026-12-02")
    assert code == 0, out  # a note: what visitors read is still true
    assert "rollout: begins 2026-09 (from the settings): visitors read that it has begun" in out
    assert (
        "  • rollout: rollout_start is 2026-09 and that month is over, but "
        "service_status.video and service_status.messaging are still 'coming'"
    ) in out
    # In the rollout month itself, nothing is stale yet.
    code, out = run_check(capsys, "--settings", str(path), "--today", "2026-09-30")
    assert code == 0, out
    assert "that month is over" not in out


@pytest.mark.usefixtures("_qt")
def test_check_fails_on_a_rollout_start_more_than_a_year_away(capsys, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('rollout_start = "2027-09"\n')
    code, out = run_check(capsys, "--settings", str(path), "--today", "2026-08-15")
    assert code == 1
    assert (
        "  ✗ rollout: settings: rollout_start is 2027-09, more than a year away: visitors read "
        "that the rollout begins in September 2027"
    ) in out
    code, out = run_check(capsys, "--settings", str(path), "--today", "2026-09-01")
    assert code == 0, out  # exactly a year away is not flagged


@pytest.mark.usefixtures("_qt")
def test_check_notes_stale_wording_without_a_year(capsys, pack):
    assert undated_deadline(pack) == dt.date(2027, 9, 30)  # checked 2026-11-26: next September
    code, out = run_check(capsys, "--today", "2027-09-30")
    assert "the content was checked on" not in out
    code, out = run_check(capsys, "--today", "2027-10-01")
    assert code == 1  # the content is old by then too: that is the problem
    assert "rollout: no year known (rollout_start is not set)" in out
    assert (
        "  • rollout: the content was checked on 2026-11-26 and says the rollout begins in "
        "September; September 2027 is over, but service_status.phone, service_status.video "
        "and service_status.messaging are still 'coming'"
    ) in out


def test_a_rollout_start_in_another_month_is_noted(pack):
    settings = settings_with_start("2026-10")
    problems, notes = stale_wording(pack, settings, AUGUST)
    assert problems == []
    assert notes == [
        "settings: rollout_start 2026-10 is in October, and the content says September: "
        "visitors read October"
    ]


def test_check_rejects_a_day_that_is_not_a_date(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--today", "2026-02-30"])
    assert exit_.value.code == 2
    assert "expected a date like 2026-08-15, not '2026-02-30'" in capsys.readouterr().err


def test_the_admin_screen_lists_stale_wording(make_window, tmp_path):
    pins = PinStore(tmp_path / "pin.json")
    pins.set_pin("350842")
    settings = settings_with(
        tmp_path, 'rollout_start = "2028-01"\n[service_status]\nphone = "available"\n'
    )
    services = AdminServices(pin_is_set=pins.is_set, today=lambda: DECEMBER)
    window = make_window(settings, pins=pins, admin_services=services)
    for _ in range(5):  # the staff gesture, then the PIN
        tap(window, QPoint(20, 20))
    for key in (*"350842", "ok"):
        tap(window.findChild(QAbstractButton, f"pin-{key}"))
    assert window.admin.isVisible()
    text = window.admin.problems.text()
    assert (
        "• Rollout: settings: rollout_start is 2028-01, more than a year away: visitors read "
        "that the rollout begins in January 2028."
    ) in text
    assert "that month is over" not in text
    # A month later than the rollout month, with services still coming: a note.
    settings.values["rollout_start"] = "2026-09"
    window.admin.render_state()
    assert (
        "• Rollout: rollout_start is 2026-09 and that month is over, but service_status.video "
        "and service_status.messaging are still 'coming'"
    ) in window.admin.problems.text()


def test_screens_word_the_pages_for_the_day_given(kiosk_app, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('rollout_start = "2026-09"\n', encoding="utf-8")
    images = {}
    for day in ("2026-08-15", "2026-12-15"):
        out = tmp_path / day
        args = ["screens", str(out), "--lang", "en", "--size", "800x600", "--today", day]
        assert main([*args, "--settings", str(settings)]) == 0
        images[day] = {p.name: QImage(str(p)) for p in out.iterdir()}
    august, december = images["2026-08-15"], images["2026-12-15"]
    changes = "02-changes-en-800x600.png"
    assert august[changes] != december[changes]  # "begins in" against "began in"
    assert august["00-welcome-en-800x600.png"] == december["00-welcome-en-800x600.png"]


def test_translators_shared_across_views_keep_the_day(pack, translators):
    ctx = context(pack, settings_with_start("2026-09"), "en", AUGUST, translators)
    assert ctx.for_language("es").today == AUGUST
    assert ctx.for_language("es").rollout.phase is Phase.BEFORE


def test_the_handout_is_worded_for_the_day_it_is_printed(pack, translators):
    from kiosk.handout.content import build_handout

    dated = settings_with_start("2026-09")
    before = build_handout(pack, dated, translators["es"], today=AUGUST)
    after = build_handout(pack, dated, translators["es"], today=DECEMBER)
    assert before.steps[0].text.endswith(
        "Hágalo antes de que empiecen los servicios en septiembre de 2026."
    )
    assert before.steps[2].text.startswith("Cuando se acerque septiembre de 2026,")
    assert after.steps[0].text.endswith(
        "Hágalo ahora, así tendrá todo listo cuando empiecen los servicios."
    )
    assert after.steps[2].text.startswith("La implementación ya empezó.")
