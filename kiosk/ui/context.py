"""What a view needs to render: content, settings, one language, sizes and colours."""

from __future__ import annotations

import datetime as dt

from kiosk.core.content import ContentPack, RolloutText, Text
from kiosk.core.i18n import Translator, Translators
from kiosk.core.placeholders import placeholder_values, starts_on_lines, worded, written_date
from kiosk.core.rollout import (
    Rollout,
    StatusWording,
    rollout_on,
    status_text,
    status_wording,
)
from kiosk.core.settings import Settings
from kiosk.ui.theme import Metrics, Palette


class ViewContext:
    """Made for every render, and before the first frame: a plain class with slots, not a
    dataclass (see kiosk/core/content.py). Treat it as read-only."""

    __slots__ = (
        "_kept_values",
        "_rollout",
        "metrics",
        "pack",
        "palette",
        "settings",
        "today",
        "tr",
        "translators",
    )

    def __init__(
        self,
        pack: ContentPack,
        settings: Settings,
        tr: Translator,
        metrics: Metrics,
        palette: Palette,
        translators: Translators | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.pack = pack
        self.settings = settings
        self.tr = tr
        self.metrics = metrics
        self.palette = palette
        self.translators = translators
        #: The day the texts are worded for (the rollout's phase): injected by tests and
        #: `kiosk screens --today`; the real date otherwise.
        self.today = today or dt.date.today()
        self._kept_values: dict[str, str] | None = None
        self._rollout: Rollout | None = None

    def __repr__(self) -> str:
        return f"ViewContext({self.tr.code}, {self.metrics!r})"

    def for_language(self, code: str) -> ViewContext:
        """The same view in another language (the attract screen, the help-desk halves)."""
        translators = self.translators or Translators()
        return ViewContext(
            self.pack,
            self.settings,
            translators[code],
            self.metrics,
            self.palette,
            translators,
            today=self.today,
        )

    @property
    def rollout(self) -> Rollout:
        """Where the rollout stands on this view's day (which wording each sentence uses)."""
        if self._rollout is None:
            self._rollout = rollout_on(self.pack, self.settings, self.today)
        return self._rollout

    def values(self) -> dict[str, str]:
        """The placeholder values, in this view's language and direction (worked out once per
        context: a page's render asks for them with every text)."""
        if self._kept_values is None:
            self._kept_values = placeholder_values(self.pack, self.settings, self.tr, self.rollout)
        return self._kept_values

    def t(self, text: Text | RolloutText, **extra: object) -> str:
        """A content text in this view's language with its placeholders filled in; a rollout
        text in its wording for this view's day."""
        return self.tr.text(worded(text, self.rollout), **self.values(), **extra)

    def service_status(self, key: str) -> str:
        """A service's status at this facility, as the visitor reads it today."""
        rollout, start = self.rollout, self.settings.service_start(key)
        status = self.settings.service_status(key)
        wording = status_wording(status, rollout.today, rollout.start, start)
        if wording is StatusWording.STARTS_ON and start is not None:
            return self.t(status_text(self.pack, wording), date=written_date(self.tr, start))
        return self.t(status_text(self.pack, wording))

    def starts_on_lines(self) -> dict[str, str]:
        """The services whose own start date visitors read today, each with its line."""
        return starts_on_lines(self.pack, self.settings, self.tr, self.values(), self.today)
