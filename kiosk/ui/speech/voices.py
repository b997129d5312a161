"""Which of an engine's voices speaks each kiosk language.

Kiosk codes are catalog names (``zh_Hant``, ``tl``, ``hmn``); engines offer QLocales and voices.
Checked against speech-dispatcher with espeak-ng, whose voice names appear below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLocale

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QVoice

# The locales that can speak each kiosk language, best first, as language[-Script][-TERRITORY].
# California's Spanish is Latin American; Traditional Chinese is read in Taiwan, Hong Kong and
# by Cantonese speakers (espeak-ng's Cantonese reads Traditional characters; its Mandarin does
# not know most of them); Punjabi must be Gurmukhi, not Pakistan's Shahmukhi. Hmong has no
# locale in Qt (it maps to "C"), so no engine offers a voice for it.
VOICE_LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en-US", "en"),
    "es": ("es-US", "es-MX", "es-419", "es"),
    "zh_Hant": ("zh-TW", "zh-HK", "yue", "zh-Hant", "zh"),
    "vi": ("vi",),
    "tl": ("fil", "tl"),
    "ko": ("ko",),
    "hy": ("hy",),
    "fa": ("fa",),
    "ru": ("ru",),
    "ar": ("ar",),
    "pa": ("pa-Guru",),
    "km": ("km",),
    "hmn": ("hmn",),
}

# Where an engine offers several voices for a locale, the one a Californian expects. The names
# are espeak-ng's (through speech-dispatcher); other engines simply do not match them.
PREFERRED_VOICES: dict[str, tuple[str, ...]] = {
    "en": ("English (America)",),
    "es": ("Spanish (Latin America)",),
}


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class _LocaleWish(NamedTuple):
    """One entry of VOICE_LOCALES, parsed: what an engine's locale must match."""

    language: QLocale.Language
    script: QLocale.Script | None = None
    territory: QLocale.Country | None = None

    @classmethod
    def parse(cls, tag: str) -> _LocaleWish | None:
        first, *rest = tag.split("-")
        language = QLocale.codeToLanguage(first)
        if language in (QLocale.Language.AnyLanguage, QLocale.Language.C):
            return None  # Qt does not know it (hmn): matching would pick any voice at all
        script = territory = None
        for part in rest:
            if len(part) == 4:
                script = QLocale.codeToScript(part)
            else:
                territory = QLocale.codeToTerritory(part)
        return cls(language, script, territory)

    def usual_territory(self) -> QLocale.Country:
        if self.territory is not None:
            return self.territory
        script = self.script or QLocale.Script.AnyScript
        return QLocale(self.language, script, QLocale.Country.AnyTerritory).territory()

    def matches(self, locale: QLocale) -> bool:
        return (
            locale.language() == self.language
            and (self.script is None or locale.script() == self.script)
            and (self.territory is None or locale.territory() == self.territory)
        )


def best_locale(code: str, offered: list[QLocale]) -> QLocale | None:
    """The engine's locale to speak kiosk language ``code`` in, or None if it has none."""
    for tag in VOICE_LOCALES.get(code, (code.replace("_", "-"),)):
        wish = _LocaleWish.parse(tag)
        if wish is None:
            continue
        matches = [locale for locale in offered if wish.matches(locale)]
        if matches:
            # Arabic offered as ar_EG and ar_MR: take the language's main territory.
            usual = wish.usual_territory()
            return next((m for m in matches if m.territory() == usual), matches[0])
    return None


def pick_voice(code: str, locale: QLocale, voices: list[QVoice], current: QVoice) -> QVoice | None:
    """A voice of exactly this locale: the preferred name, else the engine's default."""
    own = [voice for voice in voices if voice.locale() == locale] or voices
    for name in PREFERRED_VOICES.get(code, ()):
        for voice in own:
            if voice.name() == name:
                return voice
    if any(voice.name() == current.name() for voice in own):
        return current
    return own[0] if own else None
