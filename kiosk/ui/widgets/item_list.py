"""A list of wrapping text rows, each with a marker (a bullet or a number); rows are reused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label


class ItemList(QWidget):
    """A list of text rows, each with a marker (a bullet or a number); rows are reused."""

    def __init__(self, role: str = "body", numbered: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.role, self.numbered = role, numbered
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QWidget, QLabel, QLabel]] = []

    def set_items(self, texts: list[str], ctx: ViewContext) -> None:
        m = ctx.metrics
        self._layout.setSpacing(m.px(14))
        while len(self._rows) < len(texts):
            row = QWidget(self)
            marker = make_label("subheading" if self.numbered else self.role, row)
            marker.setWordWrap(False)
            marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            label = make_label(self.role, row)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(label, 1)
            self._layout.addWidget(row)
            self._rows.append((row, marker, label))
        for i, (row, marker, label) in enumerate(self._rows):
            row.setVisible(i < len(texts))
            if i < len(texts):
                marker.setText(f"{i + 1}." if self.numbered else "\u2022")
                marker.setMinimumWidth(m.font_px(40))
                label.setText(texts[i])
                row_layout = row.layout()
                assert row_layout is not None  # made with the row, above
                row_layout.setSpacing(m.px(12))

    def texts(self) -> list[str]:
        return [label.text() for row, _, label in self._rows if not row.isHidden()]
