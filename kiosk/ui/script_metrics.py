"""How each bundled script font is sized and spaced beside Latin: MADE by
build/measure_scripts.py from the rendered glyphs (do not edit; run it again after the
fonts or catalogs change)."""

from kiosk.ui.theme import Script

SCRIPTS = {
    "Noto Naskh Arabic": Script(scale=1.3, above=0.0, below=0.0, side=0.11),
    "Noto Sans": Script(scale=1.0, above=0.0, below=0.0, side=0.11),
    "Noto Sans Armenian": Script(scale=1.04, above=0.0, below=0.0, side=0.11),
    "Noto Sans CJK KR": Script(scale=1.0, above=0.0, below=0.0, side=0.11),
    "Noto Sans CJK TC": Script(scale=1.0, above=0.0, below=0.0, side=0.11),
    "Noto Sans Gurmukhi": Script(scale=1.0, above=0.03, below=0.0, side=0.11),
    "Noto Sans Khmer": Script(scale=1.0, above=0.0, below=0.3, side=0.11),
}
