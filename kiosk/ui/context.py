"""What a view needs to render: content, settings, one language, sizes and colours."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.core.content import ContentPack, Text
from kiosk.core.i18n import Translator, Translators, month_name
from kiosk.core.settings import Settings
from kiosk.ui.theme import Metrics, Palette


@dataclass(frozen=True)
class ViewContext:
    pack: ContentPack
    settings: Settings
    tr: Translator
    metrics: Metrics
    palette: Palette
    translators: Translators | None = None

    def for_language(self, code: str) -> ViewContext:
        """The same view in another language (the attract screen, the help-desk halves)."""
        translators = self.translators or Translators()
        return replace(self, tr=translators[code], translators=translators)

    def values(self) -> dict[str, str]:
        """The placeholder values, in this view's language and direction (worked out once per
        context: a page's render asks for them with every text)."""
        kept = self.__dict__.get("_kept_values")
        if kept is None:
            kept = self._values()
            object.__setattr__(self, "_kept_values", kept)  # a cache, not a field
        return kept

    def _values(self) -> dict[str, str]:
        tr, settings = self.tr, self.settings
        app = settings["securus_app_name"] or tr.text(self.pack.ui.default_app)
        return {
            "facility": tr.isolate(settings["facility_name"]),
            "help_desk": tr.isolate(settings["help_desk_location"]),
            "website": tr.isolate(settings["securus_url"], ltr=True),
            "app": tr.isolate(app) if settings["securus_app_name"] else app,
            "month": month_name(tr.code, self.pack.rollout_month),
        }

    def t(self, text: Text, **extra: object) -> str:
        """A content text in this view's language with its placeholders filled in."""
        return self.tr.text(text, **self.values(), **extra)
