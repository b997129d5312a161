"""The values of the content's placeholders in one language, on one day: what the operator set
(isolated in right-to-left text), the app's name, the month (and year) the change starts, and
the services' own start dates. Plain Python.

The screens and the handout fill the same placeholders and pick the same rollout wording from
here, so the page a visitor takes home says what the screen said.
"""

from __future__ import annotations

import datetime as dt

from kiosk.core.content import ContentPack, RolloutText, Text
from kiosk.core.i18n import Translator
from kiosk.core.rollout import Rollout, announced_start, month_values
from kiosk.core.settings import Settings


def placeholder_values(
    pack: ContentPack, settings: Settings, tr: Translator, rollout: Rollout
) -> dict[str, str]:
    """{facility}, {help_desk}, {website}, {app} and the month placeholders, in ``tr``'s
    language and direction."""
    app = settings["securus_app_name"] or tr.text(pack.ui.default_app)
    return {
        "facility": tr.isolate(settings["facility_name"]),
        "help_desk": tr.isolate(settings["help_desk_location"]),
        "website": tr.isolate(settings["securus_url"], ltr=True),
        "app": tr.isolate(app) if settings["securus_app_name"] else app,
        **month_values(tr.code, rollout),
    }


def worded(text: Text | RolloutText, rollout: Rollout) -> Text:
    """A text as it reads on the rollout's day: a rollout text in the wording of its phase."""
    return text.for_phase(rollout.phase) if isinstance(text, RolloutText) else text


def written_date(tr: Translator, day: dt.date) -> str:
    """The value of ``{date}``: the day in ``tr``'s long form, kept in its own direction."""
    return tr.isolate(tr.long_date(day))


def starts_on_lines(
    pack: ContentPack, settings: Settings, tr: Translator, values: dict[str, str], today: dt.date
) -> dict[str, str]:
    """The services whose own start date at this facility visitors read on ``today``, each
    with its line ("Video calls start at this facility on January 15, 2027."), in pack order;
    ``values``: the placeholder values in ``tr``'s language."""
    lines = {}
    for service in pack.services:
        start = announced_start(settings, service.key, today)
        if start is not None:
            lines[service.key] = tr.text(service.starts_on, **values, date=written_date(tr, start))
    return lines
