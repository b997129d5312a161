"""What a view needs to render: content, settings, one language, sizes and colours."""

from __future__ import annotations

from kiosk.core.content import ContentPack, Text
from kiosk.core.i18n import Translator, Translators
from kiosk.core.placeholders import placeholder_values
from kiosk.core.settings import Settings
from kiosk.ui.theme import Metrics, Palette


class ViewContext:
    """Made for every render, and before the first frame: a plain class with slots, not a
    dataclass (see kiosk/core/content.py). Treat it as read-only."""

    __slots__ = ("_kept_values", "metrics", "pack", "palette", "settings", "tr", "translators")

    def __init__(
        self,
        pack: ContentPack,
        settings: Settings,
        tr: Translator,
        metrics: Metrics,
        palette: Palette,
        translators: Translators | None = None,
    ) -> None:
        self.pack = pack
        self.settings = settings
        self.tr = tr
        self.metrics = metrics
        self.palette = palette
        self.translators = translators
        self._kept_values: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"ViewContext({self.tr.code}, {self.metrics!r})"

    def for_language(self, code: str) -> ViewContext:
        """The same view in another language (the attract screen, the help-desk halves)."""
        translators = self.translators or Translators()
        return ViewContext(
            self.pack, self.settings, translators[code], self.metrics, self.palette, translators
        )

    def values(self) -> dict[str, str]:
        """The placeholder values, in this view's language and direction (worked out once per
        context: a page's render asks for them with every text)."""
        if self._kept_values is None:
            self._kept_values = placeholder_values(self.pack, self.settings, self.tr)
        return self._kept_values

    def t(self, text: Text, **extra: object) -> str:
        """A content text in this view's language with its placeholders filled in."""
        return self.tr.text(text, **self.values(), **extra)
