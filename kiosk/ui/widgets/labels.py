"""Labels that wrap, cannot be selected, and take their look from the stylesheet by role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def make_label(role: str = "body", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def make_icon_label(parent: QWidget | None = None) -> QLabel:
    """A label that only shows an icon; like every label, it cannot be selected."""
    label = QLabel(parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
