"""A list of wrapping text rows, each with a marker (a bullet or a number); rows are reused.

The marker sits on the baseline of its item's first line, in every script: both are set at the
top, and the one whose first baseline is higher is moved down by the difference (a Khmer line
is much taller than a Latin one; a number is larger than the text beside it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpacerItem, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label


class ItemRow(QWidget):
    """One item: its marker and its text, side by side, their first lines on one baseline."""

    def __init__(self, marker_role: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marker = make_label(marker_role, self)
        self.marker.setWordWrap(False)
        self.marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.label = make_label(role, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self._marker_drop = QSpacerItem(0, 0)
        self._text_drop = QSpacerItem(0, 0)
        marker_column = QVBoxLayout()
        marker_column.setContentsMargins(0, 0, 0, 0)
        marker_column.setSpacing(0)
        marker_column.addItem(self._marker_drop)
        marker_column.addWidget(self.marker)
        marker_column.addStretch(1)
        text_column = QVBoxLayout()
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.setSpacing(0)
        text_column.addItem(self._text_drop)
        text_column.addWidget(self.label)
        text_column.addStretch(1)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addLayout(marker_column)
        self.row.addLayout(text_column, 1)
        self._drops = (-1, -1)
        # Their fonts come from the stylesheet when they are polished, and change with the
        # language and text size: align again whenever either changes.
        self.marker.installEventFilter(self)
        self.label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ContentsRectChange):
            self.align_baselines()
        return False

    def align_baselines(self) -> None:
        """Move down whichever first line sits higher, so that both share a baseline."""

        def first_baseline(label: QLabel) -> float:
            return label.contentsMargins().top() + QFontMetricsF(label.font()).ascent()

        gap = round(first_baseline(self.label) - first_baseline(self.marker))
        drops = (max(0, gap), max(0, -gap))
        if drops != self._drops:
            self._drops = drops
            self._marker_drop.changeSize(0, drops[0])
            self._text_drop.changeSize(0, drops[1])
            self.row.invalidate()


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
