"""The admin screen: the staff's settings in their words, the kiosk's health, usage counts,
content loading, the staff PIN and the last events of the audit log. Settings set centrally
(managed: see kiosk/core/settings.py) are shown, marked as set centrally, and not edited.

Drawn inside the kiosk's window for touch, in English for staff, at 100 % text whatever a
visitor chose. The settings come in groups, in the order staff need them (kiosk/core/settings.py
``GROUPS``), with a button per group to go to it. The three services come first, one tap each,
beside a live preview of Step 1 as visitors will read it. Text fields open the on-screen
keyboard (kiosk/ui/admin/keyboard.py).

Nothing is saved until Save, and nothing at all while a value on screen is refused: its reason
shows beside its field. A save that fails (a read-only folder, a full disk, a broken file) says
why and loses nothing. A saved change reaches visitors from the next Welcome (the window holds it
until then: kiosk/ui/window.py). Each setting saved is recorded in the audit log with its old and
new values, and so is the screen's closing and how (a button, idle, Exit kiosk).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.audit import AuditEvent, describe
from kiosk.core.content import ContentError
from kiosk.core.i18n import SOURCE_LANGUAGE, Translators, coverage
from kiosk.core.month_names import MONTH_NAMES
from kiosk.core.rollout import Phase, stale_wording
from kiosk.core.settings import (
    BY_KEY,
    GROUPS,
    SECURUS_HOST,
    SETTINGS,
    Setting,
    Settings,
    default_settings_path,
    is_securus_host,
    load_settings,
    other_website_problem,
    website_host,
    website_problem,
)
from kiosk.core.settings_store import save_settings
from kiosk.core.storage import StorageError
from kiosk.core.translation_status import UNKNOWN, review_status
from kiosk.ui.admin.editors import (
    ChoiceEditor,
    LanguagesEditor,
    SettingEditor,
    StepperEditor,
    TextEditor,
    language_choices,
)
from kiosk.ui.admin.keyboard import OnScreenKeyboard
from kiosk.ui.admin.preview import StepOnePreview
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.context import ViewContext
from kiosk.ui.theme import DEFAULT, Metrics, staff_stylesheet
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.modal_card import ModalCard
from kiosk.ui.widgets.touch_button import TouchButton

USAGE_DAYS_SHOWN = 14
AUDIT_EVENTS_SHOWN = 20
QWIDGETSIZE_MAX = (1 << 24) - 1
SAVED = "Saved. Visitors see this from the next welcome screen."
#: Text fields typed on the keyboard's address layout (plain ASCII, the marks of a web address).
ADDRESS_FIELDS = ("securus_url", "printer")
SERVICE_KEYS = tuple(s.key for s in SETTINGS if s.key.startswith("service_status."))


class WebsiteCheck(ModalCard):
    """Before a website on another host than Securus's is saved: the host in large type, to be
    checked letter by letter, and a button to confirm it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("AdminWebsiteCheck")
        self.warning = make_label("subheading")
        self.warning.setObjectName("AdminWebsiteWarning")
        self.host = make_label("title")
        self.host.setObjectName("AdminWebsiteHost")
        self.host.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm = TouchButton("primary")
        self.confirm.setObjectName("AdminWebsiteConfirm")
        self.confirm.set_text("Yes, this is the right website: save")
        self.back = TouchButton("secondary")
        self.back.setObjectName("AdminWebsiteBack")
        self.back.set_text("No, go back and change it")
        self.back.clicked.connect(self.hide)
        for widget in (self.warning, self.host, self.confirm, self.back):
            self.card_layout.addWidget(widget)

    def ask(self, host: str, ctx: ViewContext) -> None:
        m, screen = ctx.metrics, self.parentWidget()
        assert screen is not None
        self.set_scrim(ctx.palette.scrim)
        self.card_layout.setContentsMargins(m.px(40), m.px(32), m.px(40), m.px(32))
        self.card_layout.setSpacing(m.px(20))
        self.card.setMaximumWidth(max(m.px(1100), screen.width() * 3 // 4))
        for button in (self.confirm, self.back):
            button.apply_style(m, ctx.palette, centered=True)
        self.warning.setText(
            f"Families will be sent to this website, which is not {SECURUS_HOST}. "
            "Check every letter of its name:"
        )
        self.host.setText(host)
        self.setGeometry(screen.rect())
        self.show()
        self.raise_()


class GroupNav(QWidget):
    """A button per group: a tap scrolls to it; the group in view is marked."""

    def __init__(self, go: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdminGroups")
        self.buttons: dict[str, TouchButton] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for group in GROUPS:
            button = TouchButton("choice", checkable=True)
            button.setObjectName(f"group-{group.key}")
            button.set_text(group.title)
            button.clicked.connect(partial(go, group.key))
            self.buttons[group.key] = button
        self._columns = 0

    def arrange(self, columns: int, ctx: ViewContext) -> None:
        m = ctx.metrics
        self.grid.setSpacing(m.px(12))
        for button in self.buttons.values():
            button.apply_style(m, ctx.palette)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)
        for row in range(self.grid.rowCount() + 1):
            self.grid.setRowStretch(row, 0)
        if columns == 1:  # a column at the side: the buttons at its top
            self.grid.setRowStretch(len(self.buttons), 1)

    def mark(self, key: str) -> None:
        for group, button in self.buttons.items():
            button.setChecked(group == key)


class AdminScreen(QFrame):
    closed = Signal()
    exit_requested = Signal()
    settings_saved = Signal(object)  # the new Settings
    content_loaded = Signal(object)  # the new ContentPack
    change_pin_requested = Signal()

    def __init__(self, services: AdminServices, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("AdminScreen")
        self.covered = parent  # the window it covers when open
        self.setAutoFillBackground(True)
        self.services = services
        self.pending: dict[str, Any] = {}
        self.settings: Settings | None = None
        self.ctx: ViewContext | None = None
        self._style_key: tuple[object, ...] = ()

        # -- the bar at the top: always in view
        self.header = make_label("heading")
        self.header.setText("Staff settings")
        self.save = TouchButton("primary")
        self.save.setObjectName("AdminSave")
        self.save.set_text("Save changes")
        self.save.clicked.connect(self.save_changes)
        self.close_button = TouchButton("secondary")
        self.close_button.setObjectName("AdminClose")
        self.close_button.set_text("Close")
        self.close_button.clicked.connect(lambda: self.close_admin("Close button"))
        self.exit_button = TouchButton("secondary")
        self.exit_button.setObjectName("AdminExit")
        self.exit_button.set_text("Exit kiosk")
        self.exit_button.clicked.connect(self._confirm_exit)
        self.confirm_exit = TouchButton("primary")
        self.confirm_exit.setObjectName("AdminExitConfirm")
        self.confirm_exit.set_text("Yes, exit the kiosk")
        self.confirm_exit.clicked.connect(self._exit)
        self.confirm_exit.hide()
        self.message = make_label("subheading")
        self.message.setObjectName("AdminMessage")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        for button in (self.save, self.close_button, self.exit_button, self.confirm_exit):
            top.addWidget(button)

        # -- the groups
        self.editors: dict[str, SettingEditor] = {}
        for setting in SETTINGS:
            self.editors[setting.key] = self._editor_for(setting)
        self.preview = StepOnePreview()
        self.nav = GroupNav(self.go_to_group)
        self.sections: dict[str, QLabel] = {}
        body = QWidget()
        body.setObjectName("PageBody")
        content = QVBoxLayout(body)
        self._content = content

        self.status = make_label("body")
        self.status.setObjectName("AdminStatus")
        self.change_pin = TouchButton("secondary")
        self.change_pin.setObjectName("AdminChangePin")
        self.change_pin.set_text("Change PIN")
        self.change_pin.clicked.connect(self.change_pin_requested)
        self.pin_warning: str | None = None
        self.problems = make_label("body")
        self.problems.setObjectName("AdminProblems")
        self.usage = make_label("body")
        self.usage.setObjectName("AdminUsage")
        self.usage.setTextFormat(Qt.TextFormat.PlainText)
        self.media_box = QVBoxLayout()
        self.media_note = make_label("body")
        self.events = make_label("small")
        self.events.setObjectName("AdminEvents")
        self.events.setTextFormat(Qt.TextFormat.PlainText)
        self.services_help = make_label("small")
        self.services_help.setText(BY_KEY[SERVICE_KEYS[0]].help)
        self.services_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)

        for group in GROUPS:
            self._add_section(group.key, group.title, group.about)
            if group.key == "facility":
                column = QVBoxLayout()
                column.setContentsMargins(0, 0, 0, 0)
                column.addWidget(self.services_help)
                for key in SERVICE_KEYS:
                    editor = self.editors[key]
                    editor.about.hide()  # the one line above them says it for the three
                    column.addWidget(editor)
                column.addStretch(1)
                self._services_column = column
                self.services_box.addLayout(column, 3)
                self.services_box.addWidget(self.preview, 2)
                content.addLayout(self.services_box)
            for setting in SETTINGS:
                if setting.group == group.key and setting.key not in SERVICE_KEYS:
                    content.addWidget(self.editors[setting.key])
            if group.key == "content":
                content.addWidget(self._subheading("Content from a USB stick"))
                content.addWidget(self.media_note)
                content.addLayout(self.media_box)
            if group.key == "status":
                content.addWidget(self.status)
                pin_row = QHBoxLayout()
                pin_row.addWidget(self.change_pin)
                pin_row.addStretch(1)
                content.addLayout(pin_row)
                content.addWidget(self.problems)
                content.addWidget(self._subheading("Usage (per day; nothing about any person)"))
                content.addWidget(self.usage)
                content.addWidget(
                    self._subheading(
                        f"Staff and security events (the last {AUDIT_EVENTS_SHOWN}, newest first)"
                    )
                )
                content.addWidget(self.events)
        content.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("AdminScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        scroll.setWidget(body)
        scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._mark_group_in_view())
        self.scroll_area = scroll

        self.keyboard = OnScreenKeyboard()
        self.keyboard.done.connect(self._keyboard_done)
        for editor in self.editors.values():
            if isinstance(editor, TextEditor):
                editor.field.touched.connect(partial(self.open_keyboard, editor))

        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addWidget(self.nav)
        self.middle.addWidget(scroll, 1)
        inner = QVBoxLayout()
        inner.addLayout(top)
        inner.addWidget(self.message)
        inner.addLayout(self.middle, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(inner, 1)
        layout.addWidget(self.keyboard)  # edge to edge
        self._layout, self._inner, self._top = layout, inner, top
        self.website_check = WebsiteCheck(self)
        self.website_check.confirm.clicked.connect(self._website_confirmed)
        self.website_warning = self.website_check.warning
        self.website_host = self.website_check.host
        self._confirmed_website = ""  # the address staff confirmed, with its host
        self.media_buttons: list[TouchButton] = []
        self.hide()

    def _add_section(self, key: str, title: str, about: str) -> None:
        heading = make_label("section")
        heading.setIndent(0)  # (a label with a border is indented unless told)
        heading.setObjectName(f"section-{key}")
        heading.setText(title)
        line = make_label("small")
        line.setText(about)
        self.sections[key] = heading
        self._content.addWidget(heading)
        self._content.addWidget(line)

    @staticmethod
    def _subheading(text: str) -> QLabel:
        label = make_label("subheading")
        label.setText(text)
        return label

    def _editor_for(self, setting: Setting) -> SettingEditor:
        if setting.key == "languages":
            return LanguagesEditor(setting, self._changed, self._describe_language)
        if setting.key == "default_language":
            return ChoiceEditor(setting, self._changed, language_choices())
        if setting.choices or setting.kind is bool:
            return ChoiceEditor(setting, self._changed)
        if setting.kind is int:
            return StepperEditor(setting, self._changed)
        keys = "address" if setting.key in ADDRESS_FIELDS else "text"
        return TextEditor(setting, self._changed, keys)

    # -- showing -------------------------------------------------------------------------------
    def open(self, ctx: ViewContext, settings: Settings, pin_warning: str | None = None) -> None:
        """Show the screen. ``pin_warning``: why the PIN that opened it should be replaced."""
        self.settings = settings
        self.ctx = self._staff_context(ctx)
        self.pin_warning = pin_warning
        self.pending = {}
        self._say("")
        self.confirm_exit.hide()
        self.exit_button.show()
        self.website_check.hide()
        self.keyboard.detach()
        self._keyboard_done()  # (it may have been closed while staff were typing)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setGeometry(self.covered.rect())
        self.render_state()
        self.show()
        self.raise_()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.nav.mark(GROUPS[0].key)

    def _staff_context(self, ctx: ViewContext) -> ViewContext:
        """The view staff see: English, 100 % text and the standard colours, at this size."""
        assert self.settings is not None
        size = self.covered.size()
        translators = ctx.translators or Translators()
        return ViewContext(
            ctx.pack,
            self.settings,
            translators[SOURCE_LANGUAGE],
            Metrics.for_screen(size.width(), size.height()),
            DEFAULT,
            translators,
            today=ctx.today,
        )

    def text_editor(self, key: str) -> TextEditor:
        editor = self.editors[key]
        assert isinstance(editor, TextEditor), key
        return editor

    def value(self, key: str) -> Any:
        assert self.settings is not None
        return self.pending.get(key, self.settings[key])

    def read_only(self) -> dict[str, str]:
        """The settings that cannot be changed on this kiosk, each with why: those set centrally
        (the managed file), and any the services name."""
        locked = dict(self.services.read_only_settings())
        if self.settings is not None and self.settings.managed:
            where = self.settings.managed_source.name if self.settings.managed_source else ""
            why = f"set centrally ({where}); ask whoever manages the kiosks"
            locked.update({key: why for key in self.settings.managed})
        return locked

    def render_state(self) -> None:
        assert self.ctx is not None and self.settings is not None
        self.ctx = self._staff_context(self.ctx)
        ctx, m = self.ctx, self.ctx.metrics
        style_key = (m, ctx.palette.name)
        if style_key != self._style_key:
            self.setStyleSheet(staff_stylesheet(ctx.palette, m))
            self._style_key = style_key
        self._inner.setContentsMargins(m.px(40), m.px(24), m.px(40), m.px(8))
        self._inner.setSpacing(m.px(12))
        self._content.setContentsMargins(0, 0, m.px(16), m.px(32))
        self._content.setSpacing(m.px(18))
        self._top.setSpacing(m.px(16))
        self._services_column.setSpacing(m.px(18))
        self.services_box.setSpacing(m.px(28))
        self.keyboard.apply_metrics(m)
        portrait = self.width() < self.height()
        self.middle.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.middle.setSpacing(m.px(20))
        self.nav.arrange(4 if portrait else 1, ctx)
        if portrait:  # a row of buttons above the groups
            self.nav.setMinimumWidth(0)
            self.nav.setMaximumWidth(QWIDGETSIZE_MAX)
        else:  # a column beside them
            self.nav.setFixedWidth(m.px(320))
        for button in (
            self.save,
            self.close_button,
            self.exit_button,
            self.confirm_exit,
            self.change_pin,
        ):
            button.apply_style(m, ctx.palette, centered=True)
        locked = self.read_only()
        for key, editor in self.editors.items():
            editor.style_controls(ctx)
            editor.set_read_only(locked.get(key))
        self.change_pin.setVisible(self.services.pin_is_set())
        self._render_status()
        self._render_usage()
        self._render_media()
        self._render_events()
        self._refresh()

    def _refresh(self) -> None:
        """What a change on screen changes: the values, the reasons beside refused ones, the
        preview and the Save button."""
        assert self.ctx is not None
        problems = self.field_problems()
        coming = self._coming_label()
        for key, editor in self.editors.items():
            editor.show_value(self.value(key), self.ctx)
            editor.show_problem(problems.get(key))
            if key in SERVICE_KEYS:
                assert isinstance(editor, ChoiceEditor)
                editor.relabel("coming", coming)
        self.preview.render_state(self._preview_context(problems), bool(self.pending))
        self.save.setEnabled(bool(self.pending))
        self._arrange_services()

    def _arrange_services(self) -> None:
        """The preview beside the services where there is room, else under them."""
        assert self.ctx is not None
        m = self.ctx.metrics
        room = self.width() - 2 * m.px(40) - self.scroll_area.verticalScrollBar().width()
        if self.nav.isVisibleTo(self) and self.width() >= self.height():
            room -= self.nav.width() + self.middle.spacing()
        self.services_box.setDirection(
            QBoxLayout.Direction.LeftToRight
            if room >= m.px(1100)
            else QBoxLayout.Direction.TopToBottom
        )

    def field_problems(self) -> dict[str, str]:
        """Why each value on screen, not saved yet, is refused (by the settings file's rules)."""
        problems = {k: p for k, v in self.pending.items() if (p := BY_KEY[k].validate(v))}
        if "securus_url" not in problems and other_website_problem(self._would_be()):
            host = website_host(self._would_be()["securus_url"])
            allow = BY_KEY["allow_other_website"]
            problems["securus_url"] = (
                f"the host {host} is not {SECURUS_HOST} or one of its subdomains. If families "
                f"really must use it, also set '{allow.label}' to {allow.choices_shown()[1][1]}."
            )
        return problems

    def _preview_context(self, problems: dict[str, str]) -> ViewContext:
        """Step 1's view with every value on screen that would be saved (refused ones not)."""
        assert self.ctx is not None and self.settings is not None
        values = {**self.settings.values}
        values.update({k: v for k, v in self.pending.items() if k not in problems})
        ctx = self.ctx
        return ViewContext(
            ctx.pack,
            Settings(values=values),
            ctx.tr,
            ctx.metrics,
            ctx.palette,
            ctx.translators,
            today=ctx.today,
        )

    def _coming_label(self) -> str:
        """'Coming in September' (the month the texts name), or, once the rollout has begun,
        what staff can still say truly of a service not started here."""
        assert self.ctx is not None
        problems = self.field_problems()
        rollout = self._preview_context(problems).rollout
        if rollout.phase is Phase.STARTED:
            return "Not started here yet"
        return f"Coming in {MONTH_NAMES['en'][rollout.month - 1]}"

    def _describe_language(self, code: str) -> str:
        assert self.ctx is not None
        status = review_status().get(code, UNKNOWN)
        if code == "en":
            return status
        translators = self.ctx.translators or Translators()
        tr = translators[code]
        if tr.problem:
            return f"{status}; PROBLEM: {tr.problem}"
        done, total = coverage(self.ctx.pack, tr)
        return f"{status}; {done}/{total} texts translated"

    def _render_status(self) -> None:
        assert self.ctx is not None and self.settings is not None
        pack, s = self.ctx.pack, self.settings
        age = (self.services.today() - pack.checked_on).days
        lines = [
            f"Content version {pack.content_version}, checked on {pack.checked_on.isoformat()}"
            f" ({age} days ago)",
            f"Settings file: {s.source or default_settings_path()}",
            *(
                [f"Set centrally: {', '.join(sorted(s.managed))} (in {s.managed_source})"]
                if s.managed
                else []
            ),
            f"Staff PIN: {'set' if self.services.pin_is_set() else 'not set'}"
            + (f", but replace it: {self.pin_warning}" if self.pin_warning else ""),
            f"Unexpected errors: {self.services.crashes_this_run()} since start, "
            f"{self.services.crashes_total()} in all",
        ]
        self.status.setText("\n".join(lines))
        problems = list(s.problems) + list(s.notes) + list(self.services.content_notes)
        if self.pin_warning:
            problems.insert(0, f"Replace the staff PIN ({self.pin_warning}): tap Change PIN.")
        if self.services.audit.problem:
            problems.append(self.services.audit.problem)
        if age > 90:
            problems.insert(0, "Content is more than 90 days old: load an updated content pack.")
        rollout_problems, rollout_notes = stale_wording(pack, s, self.services.today())
        problems[:0] = [f"Rollout: {p}" for p in rollout_problems]
        problems += [f"Rollout: {n}" for n in rollout_notes]
        if self.services.usage is not None and self.services.usage.problem:
            problems.append(self.services.usage.problem)
        self.problems.setText(
            "Problems and notes:\n" + "\n".join(f"• {p}" for p in problems)
            if problems
            else "No problems."
        )
        status = self.nav.buttons["status"]
        title = GROUPS[-1].title
        status.set_text(f"{title} ({len(problems)})" if problems else title)

    def _render_usage(self) -> None:
        usage = self.services.usage
        if usage is None:
            self.usage.setText("Usage counts are off.")
            return
        days = usage.days()[-USAGE_DAYS_SHOWN:]
        if not days:
            self.usage.setText("No visitors counted yet.")
            return
        rows = []
        for d in reversed(days):
            langs = ", ".join(f"{k} {v}" for k, v in sorted(d.languages.items()))
            rows.append(
                f"{d.day.isoformat()}: {d.sessions_started} started, {d.finished} finished, "
                f"{d.ended_by_idle} ended by idle; languages: {langs or '-'}"
            )
        self.usage.setText("\n".join(rows))

    def _render_events(self) -> None:
        entries = self.services.audit.recent(AUDIT_EVENTS_SHOWN)
        self.events.setText(
            "\n".join(describe(e) for e in reversed(entries))
            if entries
            else "No staff or security events recorded."
        )

    def _render_media(self) -> None:
        assert self.ctx is not None
        for button in self.media_buttons:
            self.media_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.media_buttons = []
        packs = self.services.media_packs()
        self.media_note.setText(
            "Content packs found on removable media:"
            if packs
            else (
                "No content pack found. Put visitor-kiosk-content.toml at the top of a USB "
                "stick, plug it in, and open this screen again."
            )
        )
        for path in packs:
            button = TouchButton("secondary")
            button.setObjectName("load-content")
            button.set_text(f"Load {path}")
            button.clicked.connect(lambda _c=False, p=path: self.load_content(p))
            button.apply_style(self.ctx.metrics, self.ctx.palette)
            self.media_box.addWidget(button)
            self.media_buttons.append(button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self.ctx is not None:
            self.render_state()
        if self.website_check.isVisible():
            self.website_check.setGeometry(self.rect())

    # -- moving about ----------------------------------------------------------------------------
    def go_to_group(self, key: str) -> None:
        """Scroll to a group's heading (its button's tap)."""
        self.keyboard.detach()
        self._keyboard_done()
        self.scroll_area.verticalScrollBar().setValue(self.sections[key].y())
        self.nav.mark(key)

    def _mark_group_in_view(self) -> None:
        top = self.scroll_area.verticalScrollBar().value()
        bar = self.scroll_area.verticalScrollBar()
        shown = GROUPS[0].key
        for group in GROUPS:
            if self.sections[group.key].y() <= top + self.scroll_area.viewport().height() // 3:
                shown = group.key
        if bar.value() == bar.maximum() and bar.maximum() > 0:
            shown = GROUPS[-1].key  # the last group may be too short to reach the top
        self.nav.mark(shown)

    def open_keyboard(self, editor: TextEditor) -> None:
        """A text field was touched: the keyboard opens below, the field in view above it."""
        if editor.read_only_reason is not None:
            return
        self.keyboard.attach(editor.field, editor.keys)
        self.nav.hide()  # room for the field above the keys
        editor.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._layout.activate()
        self._keep_in_view(editor)

    def _keep_in_view(self, editor: QWidget) -> None:
        """The editor typed in, all of it (its reason too, when one shows), above the keys: now,
        and once the body has been laid out again (for its new width, or a new line)."""
        self._show_editor(editor)
        QTimer.singleShot(0, self, partial(self._show_editor, editor))  # not once it is gone

    def _show_editor(self, editor: QWidget) -> None:
        body = self.scroll_area.widget()
        if self.keyboard.isVisible() and self.ctx is not None and body is not None:
            layout = body.layout()
            if layout is not None:
                layout.activate()
            self.scroll_area.ensureWidgetVisible(editor, 0, self.ctx.metrics.px(16))

    def _keyboard_done(self) -> None:
        self.nav.show()
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()

    # -- acting ----------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        """The line under the top bar: what a save or another action did (hidden when empty)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _changed(self, key: str, value: Any) -> None:
        assert self.settings is not None
        if key in self.read_only():
            return  # set centrally, or not changed here: its editor takes no touch
        self.website_check.hide()  # a confirmation is for the values it showed
        if value == self.settings[key]:
            self.pending.pop(key, None)
        else:
            self.pending[key] = value
        count = len(self.pending)
        self._say(f"{count} change{'s' if count != 1 else ''} not saved yet." if count else "")
        self._refresh()
        if self.keyboard.isVisible():  # typing: a reason that appears shows above the keys
            self._keep_in_view(self.editors[key])

    def save_changes(self) -> None:
        assert self.settings is not None
        if not self.pending:
            return
        path = self.settings.source or default_settings_path()
        problems = self.field_problems()
        if problems:
            labels = [BY_KEY[k].label for k in self.editors if k in problems]
            fields = "the field" if len(labels) == 1 else f"the {len(labels)} fields"
            self._say(
                f"Not saved: nothing is saved until {fields} marked below "
                f"{'is' if len(labels) == 1 else 'are'} fixed: {', '.join(labels)}."
            )
            first = next(k for k in self.editors if k in problems)
            self.scroll_area.ensureWidgetVisible(self.editors[first], 0, 0)
            return
        if self._needs_website_confirmation():
            self._ask_website_confirmation()
            return
        try:
            save_settings(path, dict(self.pending))
        except (StorageError, ValueError) as exc:
            self._say(f"Not saved: {exc}")
            return
        for key, value in self.pending.items():
            self.services.audit.record(
                AuditEvent.SETTING_CHANGED,
                key=key,
                old=self.settings[key],
                new=value,
                file=str(path),
            )
        new = load_settings(path)
        self.settings = new
        self.pending = {}
        self.website_check.hide()
        self.keyboard.detach()
        self._keyboard_done()
        self._say(SAVED)
        self.settings_saved.emit(new)
        self.render_state()

    def _would_be(self) -> dict[str, Any]:
        """The settings as they would be after saving."""
        assert self.settings is not None
        return {**self.settings.values, **self.pending}

    def _needs_website_confirmation(self) -> bool:
        """A website on another host than Securus's is about to be saved (a new address, or
        allow_other_website newly set), and staff have not confirmed that very address."""
        url = self._would_be()["securus_url"]
        changing = {"securus_url", "allow_other_website"} & self.pending.keys()
        return (
            bool(changing)
            and website_problem(url) is None
            and not is_securus_host(website_host(url))
            and url != self._confirmed_website
        )

    def _ask_website_confirmation(self) -> None:
        assert self.ctx is not None
        url = self._would_be()["securus_url"]
        self._say("Not saved yet: check the website first.")
        self.keyboard.detach()
        self._keyboard_done()
        self.website_check.ask(website_host(url), self.ctx)

    def _website_confirmed(self) -> None:
        self._confirmed_website = self._would_be()["securus_url"]
        self.website_check.hide()
        self.save_changes()

    def load_content(self, path: Path) -> None:
        if self.services.install_content is None:
            return
        try:
            pack = self.services.install_content(path)
        except ContentError as exc:
            self._say(f"Not loaded, the current content stays: {exc}")
            return
        self._say(
            f"Loaded content {pack.content_version} (checked on {pack.checked_on.isoformat()})."
        )
        self.content_loaded.emit(pack)

    def pin_changed(self) -> None:
        """The PIN pad set a new PIN (from the Change PIN button)."""
        self.pin_warning = None
        self._say("The staff PIN was changed.")
        self.render_state()

    def _exit(self) -> None:
        self.services.audit.record(AuditEvent.ADMIN_CLOSED, how="Exit kiosk")
        self.hide()
        self.exit_requested.emit()

    def _confirm_exit(self) -> None:
        self.exit_button.hide()
        self.confirm_exit.show()
        self._say("Exit the kiosk? The service manager will not restart it.")

    def close_admin(self, how: str) -> None:
        """Close the screen; ``how`` (the Close button, idle, ...) goes to the audit log, with
        the number of changes left unsaved."""
        fields: dict[str, object] = {"how": how}
        if self.pending:
            self._say("Changes were not saved.")
            fields["unsaved"] = len(self.pending)
        self.services.audit.record(AuditEvent.ADMIN_CLOSED, **fields)
        self.pending = {}
        self.keyboard.detach()
        self.website_check.hide()
        self.hide()
        self.closed.emit()
