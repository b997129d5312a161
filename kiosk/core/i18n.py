"""Languages and translations. A language belongs to a view: every lookup names its language.

Catalogs are gettext ``.po`` files in ``translations/<code>/LC_MESSAGES/kiosk.po``. A compiled
``.mo`` beside it is used when it is newer; otherwise the ``.po`` is compiled in memory with
Babel on first use, so a checkout runs without a build step. A missing or broken catalog never
stops the kiosk: that language shows English and the problem is kept for ``kiosk check``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.content import SOURCE_LANGUAGE, ContentPack, Text
from kiosk.core.paths import translations_dir
from kiosk.core.text_rules import PlaceholderError, character_problem, placeholder_names

if TYPE_CHECKING:  # Babel is imported on first use: the first frame needs none of it
    from babel import Locale

DOMAIN = "kiosk"

# Unicode isolates keep Latin names and web addresses left-to-right inside RTL text.
FIRST_STRONG_ISOLATE, LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2066", "\u2069"


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class Language(NamedTuple):
    code: str  # catalog folder name
    native_name: str  # what the picker shows (ours win over Babel's names)
    english_name: str
    babel_code: str | None  # None: no CLDR locale (Hmong); English-style formatting
    #: Written right to left. Stated here so the first frame needs no CLDR data; a test checks
    #: it against Babel's text direction for every language.
    is_rtl: bool = False

    @property
    def locale(self) -> Locale:
        return _babel_locale(self.babel_code or SOURCE_LANGUAGE)


@cache  # Locale.parse on every render was thousands of calls per page change
def _babel_locale(babel_code: str) -> Locale:
    from babel import Locale

    return Locale.parse(babel_code)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English", "en"),
        Language("es", "Español", "Spanish", "es"),
        Language("zh_Hant", "中文（繁體）", "Chinese (Traditional)", "zh_Hant"),
        Language("vi", "Tiếng Việt", "Vietnamese", "vi"),
        Language("tl", "Tagalog", "Tagalog", "fil"),
        Language("ko", "한국어", "Korean", "ko"),
        Language("hy", "Հայերեն", "Armenian", "hy"),
        Language("fa", "فارسی", "Persian (Farsi)", "fa", is_rtl=True),
        Language("ru", "Русский", "Russian", "ru"),
        Language("ar", "العربية", "Arabic", "ar", is_rtl=True),
        Language("pa", "ਪੰਜਾਬੀ", "Punjabi", "pa"),
        Language("km", "ភាសាខ្មែរ", "Khmer", "km"),
        Language("hmn", "Hmoob", "Hmong", None),
    )
}


def catalog_path(code: str, root: Path | None = None) -> Path:
    return (root or translations_dir()) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load_catalog(code: str, root: Path | None) -> gettext.NullTranslations:
    po = catalog_path(code, root)
    mo = po.with_suffix(".mo")
    if mo.exists() and po.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp, locale=LANGUAGES[code].babel_code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """Translations for one language. Unknown texts come back in English."""

    def __init__(self, code: str, root: Path | None = None) -> None:
        self.language = LANGUAGES[code]
        self.code = code
        self.root = root
        self.problem: str | None = None
        self._catalog: gettext.NullTranslations = gettext.NullTranslations()
        self._names: dict[str, frozenset[str] | None] = {}  # a translation's placeholders
        if code != SOURCE_LANGUAGE:
            try:
                self._catalog = _load_catalog(code, root)
            except FileNotFoundError:
                self.problem = f"{catalog_path(code, root)}: missing; showing English"
            except Exception as exc:  # a broken catalog must not stop the kiosk
                self.problem = (
                    f"{catalog_path(code, root)}: cannot be read ({exc}); showing English"
                )

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def translations(self, text: Text) -> list[str]:
        """Every form the catalog gives for ``text``: one, or one per plural form of the
        language; none when it has no translation."""
        entries = getattr(self._catalog, "_catalog", {})  # GNUTranslations' parsed catalog
        if text.plural is None:
            return [entries[text.text]] if text.text in entries else []
        forms: list[str] = []
        while (text.text, len(forms)) in entries:
            forms.append(entries[(text.text, len(forms))])
        return forms

    def plural_index(self, n: int) -> int:
        """Which of the catalog's plural forms (msgstr[N]) the count ``n`` takes."""
        plural = getattr(self._catalog, "plural", None)  # GNUTranslations' Plural-Forms rule
        return int(plural(n)) if plural is not None else int(n != 1)

    def has(self, message: str) -> bool:
        """Whether the catalog translates this text (a translation may equal the English)."""
        if self.code == SOURCE_LANGUAGE:
            return True
        entries = getattr(self._catalog, "_catalog", {})  # GNUTranslations' parsed catalog
        return message in entries or (message, 0) in entries

    def long_date(self, day: dt.date) -> str:
        """A day written the language's long way, by Babel ("January 15, 2027", "15 de enero
        de 2027", "2027年1月15日"); Hmong, which has no CLDR locale, the English way."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.language.locale)

    def isolate(self, value: str, ltr: bool = False) -> str:
        """Keep an operator's value or a web address in its own direction inside RTL text."""
        if not self.language.is_rtl:
            return value
        start = LEFT_TO_RIGHT_ISOLATE if ltr else FIRST_STRONG_ISOLATE
        return f"{start}{value}{POP_DIRECTIONAL_ISOLATE}"

    def text(self, text: Text, **values: object) -> str:
        """Translate first, then fill in the named placeholders.

        A translation is filled in only if it follows the rules (kiosk/core/text_rules.py:
        ``{name}`` placeholders that have a value, no control or direction characters);
        otherwise the English text shows, which the content's validation has checked."""
        count = values.get("seconds", values.get("number", 1))
        if text.plural is not None:
            assert isinstance(count, int), f"{text.id}: a plural text's count is a whole number"
            translated = self.ngettext(text.text, text.plural, count)
        else:
            translated = self.gettext(text.text)
        english = text.plural if text.plural and count != 1 else text.text
        if translated != english and not self._usable(translated, values):
            translated = english
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            return english.format(**values)

    def _usable(self, translated: str, values: dict[str, object]) -> bool:
        if translated not in self._names:  # worked out once per translation
            names: frozenset[str] | None = None
            if character_problem(translated) is None:
                with contextlib.suppress(PlaceholderError):  # then it is not usable
                    names = frozenset(placeholder_names(translated))
            self._names[translated] = names
        found = self._names[translated]
        return found is not None and found <= values.keys()


class Translators:
    """One translator per language, loaded on first use and kept."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._loaded: dict[str, Translator] = {}

    def __getitem__(self, code: str) -> Translator:
        if code not in self._loaded:
            self._loaded[code] = Translator(code, self.root)
        return self._loaded[code]

    def problems(self, codes: list[str]) -> list[str]:
        return [p for code in codes if (p := self[code].problem)]


def coverage(pack: ContentPack, translator: Translator) -> tuple[int, int]:
    """How many of the pack's distinct texts this language translates, out of how many."""
    messages = {text.text for _, text in pack.texts()}
    return sum(translator.has(m) for m in messages), len(messages)
