"""The QR code on the setup page: a real decoder reads the configured address from the screens."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.cli import main
from kiosk.core.settings import load_settings
from kiosk.ui.theme import QR_DARK, QR_LIGHT
from kiosk.ui.widgets.qr import QUIET_ZONE, QrCode, paint_qr, qr_matrix

# Not the default, so the test proves the code follows the setting.
URL = "https://securustech.net/?facility=centinela"
SIZES = ["1920x1080", "1366x768", "1080x1920"]


def decode(image: QImage) -> list[str]:
    """QR codes a phone would read: dark on light only (no inverted retry)."""
    # Plain grey pixels: zxing-cpp's own QImage path cannot take every QImage format.
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    bits = bytes(grey.constBits())
    rows = b"".join(bits[y * stride : y * stride + width] for y in range(height))
    pixels = memoryview(rows).cast("B", (height, width))
    found = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    return [code.text for code in found]


def settings_file(tmp_path: Path, theme: str) -> Path:
    path = tmp_path / f"{theme}.toml"
    path.write_text(f'securus_url = "{URL}"\ntheme = "{theme}"\n', encoding="utf-8")
    return path


# The default theme in Arabic (the code sits at the start of a right-to-left page) and high
# contrast in English: every size and theme, both directions, in about half a minute.
@pytest.mark.parametrize(("theme", "lang"), [("default", "ar"), ("high_contrast", "en")])
def test_setup_page_code_decodes_to_the_configured_address(kiosk_app, tmp_path, theme, lang):
    out = tmp_path / "screens"
    args = ["screens", str(out), "--settings", str(settings_file(tmp_path, theme))]
    for size in SIZES:
        args += ["--size", size]
    assert main([*args, "--lang", lang]) == 0
    # The page as first shown and after "I already have an account" (other states, such as
    # "Still there?", put an overlay over the page on purpose).
    for state in ("04-setup", "04-setup-have-account"):
        for size in SIZES:
            path = out / f"{state}-{lang}-{size}.png"
            assert decode(QImage(str(path))) == [URL], path.name


def test_default_address_is_the_securus_website(make_window):
    window = make_window()
    window.session.go_to("setup")
    assert decode(window.grab().toImage()) == ["https://securustech.net"]


@pytest.mark.parametrize("theme", ["default", "high_contrast"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1080, 1920)])
def test_code_is_crisp_dark_on_light_with_a_quiet_zone(make_window, tmp_path, theme, size):
    window = make_window(load_settings(settings_file(tmp_path, theme)), size=size)
    window.session.go_to("setup")
    code = window.pages["setup"].qr
    assert code.isVisible()
    image = code.grab().toImage()
    modules = len(qr_matrix(URL)) + 2 * QUIET_ZONE
    assert image.width() == image.height() and image.width() % modules == 0
    module = image.width() // modules
    # Big enough for a phone at arm's length: about 5 cm or more on a common 15.6" 1366x768
    # or 21.5" 1920x1080 screen (0.25 mm a pixel), whole pixels a module (see docs/developers.md).
    assert image.width() >= 190 and module >= 4, f"{image.width()} px, {module} a module"
    side = image.width()
    colours = {image.pixelColor(x, y).name() for x in range(side) for y in range(0, side, 3)}
    dark, light = QColor(QR_DARK).name(), QColor(QR_LIGHT).name()
    assert colours == {dark, light}, "no blurred edge and no theme colour in the code"
    quiet = QUIET_ZONE * module
    for x in range(side):
        for y in range(side):
            if min(x, y) < quiet or max(x, y) >= side - quiet:
                assert image.pixelColor(x, y).name() == light, (x, y)


def test_code_is_not_mirrored_in_right_to_left(make_window):
    window = make_window()
    window.session.set_language("ar")
    window.session.go_to("setup")
    assert window.pages["setup"].layoutDirection().name == "RightToLeft"
    assert decode(window.pages["setup"].qr.grab().toImage()) == ["https://securustech.net"]


def test_code_scales_as_vectors(kiosk_app):
    """Painted into any square (the PDF handout's case), the code still decodes."""
    for side in (99, 264, 1000):
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.fill(QColor("#777777"))
        painter = QPainter(image)
        paint_qr(painter, QRectF(0, 0, side, side), URL)
        painter.end()
        assert decode(image) == [URL], side


def test_widget_sizes_to_whole_pixel_modules(kiosk_app, qtbot):
    code = QrCode()
    qtbot.addWidget(code)
    code.set_code(URL, 300)
    modules = len(qr_matrix(URL)) + 2 * QUIET_ZONE
    assert code.width() == code.height() == (300 // modules) * modules
    code.set_code(URL, 10)  # never smaller than two pixels a module
    assert code.width() == 2 * modules
