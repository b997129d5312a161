"""The values of the content's placeholders in one language: what the operator set (isolated in
right-to-left text), the app's name, and the month the change starts. Plain Python.

The screens and the handout fill the same placeholders from here, so the page a visitor takes
home says what the screen said.
"""

from __future__ import annotations

from kiosk.core.content import ContentPack
from kiosk.core.i18n import Translator, month_name
from kiosk.core.settings import Settings


def placeholder_values(pack: ContentPack, settings: Settings, tr: Translator) -> dict[str, str]:
    """{facility}, {help_desk}, {website}, {app} and {month}, in ``tr``'s language and direction."""
    app = settings["securus_app_name"] or tr.text(pack.ui.default_app)
    return {
        "facility": tr.isolate(settings["facility_name"]),
        "help_desk": tr.isolate(settings["help_desk_location"]),
        "website": tr.isolate(settings["securus_url"], ltr=True),
        "app": tr.isolate(app) if settings["securus_app_name"] else app,
        "month": month_name(tr.code, pack.rollout_month),
    }
