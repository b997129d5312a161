"""Does a content pack read right in a language? Its texts' translations checked by the rules
the English texts were checked by. Plain Python.

The translations come from the catalogs (translations/), looked up by each text's English. Each
form of each translation (every plural form too) must hold only the ``{name}`` placeholders its
field offers, no control or direction characters (kiosk/core/text_rules.py), and fill in with
sample values as long as the settings allow. A translation that breaks a rule is never shown:
the kiosk shows that text in English (kiosk.core.i18n.Translator.text).

When this runs: when a pack is installed, in `kiosk check` and in the catalog tests, for every
language; at start, for the default language (English is checked by loading the pack); the
other languages the first time a visitor uses each (kiosk/ui/window.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.content import (
    DATED_ONLY,
    SOURCE_LANGUAGE,
    ContentError,
    ContentPack,
    placeholder_not_allowed,
    sample_values,
)
from kiosk.core.i18n import Translator, Translators, catalog_path
from kiosk.core.text_rules import PlaceholderError, character_problem, placeholder_names


def translation_problem(
    form: str, allowed: tuple[str, ...], values: dict[str, object]
) -> str | None:
    """What is wrong with one translated form of a text whose field offers ``allowed``."""
    problem = character_problem(form)
    if problem:
        return problem
    try:
        names = placeholder_names(form)
    except PlaceholderError as exc:
        return str(exc)
    for name in names:
        if name not in allowed:
            return placeholder_not_allowed(name, allowed, dated=set(DATED_ONLY) <= set(allowed))
    try:
        form.format(**values)
    except Exception as exc:  # ruled out by the grammar above; never trusted blindly
        return f"cannot be filled in ({type(exc).__name__}: {exc})"
    return None


def language_problems(pack: ContentPack, tr: Translator) -> list[ContentError]:
    """Every translation of the pack's texts in ``tr``'s language that breaks a rule, each
    naming the catalog, the field, the language and the problem (empty for English)."""
    if tr.code == SOURCE_LANGUAGE:
        return []
    values = sample_values(tr.code, pack.rollout_month)
    catalog = catalog_path(tr.code, tr.root)
    language = f"{tr.language.english_name}, {tr.code}"
    problems = []
    for field in pack.text_fields():
        for form in tr.translations(field.text):
            problem = translation_problem(form, field.allowed, values)
            if problem:
                problems.append(
                    ContentError(catalog, field.path, f"the translation: {problem}", language)
                )
                break  # one problem per text is enough to name it
    return problems


def all_language_problems(
    pack: ContentPack, translators: Translators, codes: Sequence[str]
) -> list[ContentError]:
    """:func:`language_problems` for each of ``codes``."""
    return [problem for code in codes for problem in language_problems(pack, translators[code])]
