"""A list of wrapping text rows, each with a marker (a bullet or a number); rows are reused.

The marker sits on the baseline of its item's first line, in every script: both are set at the
top, and the one whose first baseline is higher is moved down by the difference (a Khmer line
is much taller than a Latin one; a number is larger than the text beside it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSpacerItem, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label


class FirstBaselines(QObject):
    """Keeps a marker (a bullet, a number) on the baseline of its text's first line: both sit
    at the top of their columns, and the spacer above the one whose first baseline is higher
    takes the difference. Again whenever either's font changes (a language, a text size)."""

    def __init__(
        self, marker: QLabel, marker_drop: QSpacerItem, text: QLabel, text_drop: QSpacerItem,
        layout: QLayout,
    ) -> None:  # fmt: skip
        super().__init__(marker)
        self.marker, self.marker_drop, self.text, self.text_drop = (
            marker,
            marker_drop,
            text,
            text_drop,
        )
        self.layout = layout
        self.drops = (-1, -1)
        marker.installEventFilter(self)
        text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ContentsRectChange):
            self.align()
        return False

    def align(self) -> None:
        def first_baseline(label: QLabel) -> float:
            return label.contentsMargins().top() + QFontMetricsF(label.font()).ascent()

        gap = round(first_baseline(self.text) - first_baseline(self.marker))
        drops = (max(0, gap), max(0, -gap))
        if drops != self.drops:
            self.drops = drops
            self.marker_drop.changeSize(0, drops[0])
            self.text_drop.changeSize(0, drops[1])
            self.layout.invalidate()


def top_column(drop: QSpacerItem, *widgets: QWidget) -> QVBoxLayout:
    """A column that holds its widgets at the top, under a spacer (see FirstBaselines)."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addItem(drop)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return column


class ItemRow(QWidget):
    """One item: its marker and its text, side by side, their first lines on one baseline."""

    def __init__(self, marker_role: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marker = make_label(marker_role, self)
        self.marker.setWordWrap(False)
        self.marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.label = make_label(role, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        marker_drop, text_drop = QSpacerItem(0, 0), QSpacerItem(0, 0)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addLayout(top_column(marker_drop, self.marker))
        self.row.addLayout(top_column(text_drop, self.label), 1)
        self.baselines = FirstBaselines(self.marker, marker_drop, self.label, text_drop, self.row)

    def align_baselines(self) -> None:
        self.baselines.align()


class ItemList(QWidget):
    """A list of text rows, each with a marker (a bullet or a number); rows are reused."""

    def __init__(self, role: str = "body", numbered: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.role, self.numbered = role, numbered
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows: list[ItemRow] = []

    def set_items(self, texts: list[str], ctx: ViewContext) -> None:
        m = ctx.metrics
        self._layout.setSpacing(m.px(14))
        while len(self._rows) < len(texts):
            row = ItemRow("subheading" if self.numbered else self.role, self.role, self)
            self._layout.addWidget(row)
            self._rows.append(row)
        for i, row in enumerate(self._rows):
            row.setVisible(i < len(texts))
            if i < len(texts):
                row.marker.setText(f"{i + 1}." if self.numbered else "\u2022")
                row.marker.setMinimumWidth(m.font_px(40))
                row.label.setText(texts[i])
                row.row.setSpacing(m.px(12))
                row.align_baselines()

    def texts(self) -> list[str]:
        return [row.label.text() for row in self._rows if not row.isHidden()]
