"""The admin screen: every operator setting, the kiosk's health, usage counts, content loading,
the staff PIN and the last events of the audit log. Settings set centrally (managed: see
kiosk/core/settings.py) are shown, marked "set centrally", and not edited.

Drawn inside the kiosk's window for touch, in English for staff. Nothing is saved until Save;
a save that fails (a read-only folder, a full disk, a broken file) says why and loses nothing.
Each setting saved is recorded in the audit log with its old and new values, and so is the
screen's closing and how (a button, idle, Exit kiosk).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.audit import AuditEvent, describe
from kiosk.core.content import ContentError
from kiosk.core.i18n import LANGUAGES, Translators, coverage
from kiosk.core.rollout import stale_wording
from kiosk.core.settings import (
    BY_KEY,
    SECURUS_HOST,
    SETTINGS,
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
)
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

USAGE_DAYS_SHOWN = 14
AUDIT_EVENTS_SHOWN = 20


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

        self.header = make_label("title")
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
        # Before saving a website on another host than Securus's: the host, large, to confirm.
        self.website_warning = make_label("subheading")
        self.website_warning.setObjectName("AdminWebsiteWarning")
        self.website_host = make_label("title")
        self.website_host.setObjectName("AdminWebsiteHost")
        self.website_host.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_website = TouchButton("primary")
        self.confirm_website.setObjectName("AdminWebsiteConfirm")
        self.confirm_website.clicked.connect(self._website_confirmed)
        self.website_box = QWidget()
        website_box = QVBoxLayout(self.website_box)
        website_box.setContentsMargins(0, 0, 0, 0)
        website_box.addWidget(self.website_warning)
        website_box.addWidget(self.website_host)
        website_box.addWidget(self.confirm_website, 0, Qt.AlignmentFlag.AlignLeft)
        self.website_box.hide()
        self._confirmed_website = ""  # the address staff confirmed, with its host

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        for button in (self.save, self.close_button, self.exit_button, self.confirm_exit):
            top.addWidget(button)

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

        self.editors: dict[str, SettingEditor] = {}
        body = QWidget()
        body.setObjectName("PageBody")
        content = QVBoxLayout(body)
        content.addWidget(self._section("Status"))
        content.addWidget(self.status)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.change_pin)
        pin_row.addStretch(1)
        content.addLayout(pin_row)
        content.addWidget(self.problems)
        content.addWidget(self._section("Settings"))
        for setting in SETTINGS:
            editor = self._editor_for(setting)
            self.editors[setting.key] = editor
            content.addWidget(editor)
        content.addWidget(self._section("Content from a USB stick"))
        content.addWidget(self.media_note)
        content.addLayout(self.media_box)
        content.addWidget(self._section("Usage (per day; nothing about any person)"))
        content.addWidget(self.usage)
        events_heading = f"Staff and security events (the last {AUDIT_EVENTS_SHOWN}, newest first)"
        content.addWidget(self._section(events_heading))
        content.addWidget(self.events)
        content.addStretch(1)
        self._content = content
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.website_box)
        layout.addWidget(scroll, 1)
        self._layout, self._top = layout, top
        self.media_buttons: list[TouchButton] = []
        self.hide()

    @staticmethod
    def _section(text: str) -> QWidget:
        label = make_label("heading")
        label.setText(text)
        return label

    def _editor_for(self, setting: Any) -> SettingEditor:
        if setting.key == "languages":
            return LanguagesEditor(setting, self._changed, self._describe_language)
        if setting.key == "default_language":
            return ChoiceEditor(setting, self._changed, tuple(LANGUAGES))
        if setting.choices or setting.kind is bool:
            return ChoiceEditor(setting, self._changed)
        if setting.kind is int:
            return StepperEditor(setting, self._changed)
        return TextEditor(setting, self._changed)

    # -- showing -------------------------------------------------------------------------------
    def open(self, ctx: ViewContext, settings: Settings, pin_warning: str | None = None) -> None:
        """Show the screen. ``pin_warning``: why the PIN that opened it should be replaced."""
        self.ctx, self.settings = ctx, settings
        self.pin_warning = pin_warning
        self.pending = {}
        self.message.setText("")
        self.confirm_exit.hide()
        self.website_box.hide()
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setGeometry(self.covered.rect())
        self.render_state()
        self.show()
        self.raise_()

    def value(self, key: str) -> Any:
        assert self.settings is not None
        return self.pending.get(key, self.settings[key])

    def render_state(self) -> None:
        assert self.ctx is not None and self.settings is not None
        ctx, m = self.ctx, self.ctx.metrics
        self._layout.setContentsMargins(m.px(48), m.px(32), m.px(48), m.px(24))
        self._content.setSpacing(m.px(22))
        self._top.setSpacing(m.px(16))
        for button in (
            self.save,
            self.close_button,
            self.exit_button,
            self.confirm_exit,
            self.confirm_website,
            self.change_pin,
        ):
            button.apply_style(m, ctx.palette, centered=True)
        self.save.setEnabled(bool(self.pending))
        self.change_pin.setVisible(self.services.pin_is_set())
        for key, editor in self.editors.items():
            editor.set_managed(key in self.settings.managed)
            editor.show_value(self.value(key), ctx)
        self._render_status()
        self._render_usage()
        self._render_media()
        self._render_events()

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

    # -- acting ----------------------------------------------------------------------------------
    def _changed(self, key: str, value: Any) -> None:
        assert self.settings is not None
        if key in self.settings.managed:
            return  # set centrally: its editor is off, and save_settings would refuse it
        self.website_box.hide()  # a confirmation is for the values it showed
        if value == self.settings[key]:
            self.pending.pop(key, None)
        else:
            self.pending[key] = value
        self.message.setText("Not saved yet." if self.pending else "")
        self.render_state()

    def save_changes(self) -> None:
        assert self.settings is not None
        if not self.pending:
            return
        path = self.settings.source or default_settings_path()
        problem = next(
            (f"{k}: {p}" for k, v in self.pending.items() if (p := BY_KEY[k].validate(v))), None
        )
        if problem is None and (other := other_website_problem(self._would_be())):
            problem = f"securus_url: {other}"
        if problem:
            self.message.setText(f"Not saved: {problem}")
            return
        if self._needs_website_confirmation():
            self._ask_website_confirmation()
            return
        try:
            save_settings(path, dict(self.pending))
        except (StorageError, ValueError) as exc:
            self.message.setText(f"Not saved: {exc}")
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
        self.website_box.hide()
        self.message.setText(f"Saved to {path}.")
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
        url = self._would_be()["securus_url"]
        host = website_host(url)
        self.message.setText("Not saved yet: check the website first.")
        self.website_warning.setText(
            f"Families will be sent to this website, which is not {SECURUS_HOST}. "
            "Check every letter of its name:"
        )
        self.website_host.setText(host)
        self.confirm_website.set_text("Yes, this is the right website: save")
        self.confirm_website.setMinimumWidth(self.confirm_website.one_line_width())
        self.website_box.show()

    def _website_confirmed(self) -> None:
        self._confirmed_website = self._would_be()["securus_url"]
        self.website_box.hide()
        self.save_changes()

    def load_content(self, path: Path) -> None:
        if self.services.install_content is None:
            return
        try:
            pack = self.services.install_content(path)
        except ContentError as exc:
            self.message.setText(f"Not loaded, the current content stays: {exc}")
            return
        self.message.setText(
            f"Loaded content {pack.content_version} (checked on {pack.checked_on.isoformat()})."
        )
        self.content_loaded.emit(pack)

    def pin_changed(self) -> None:
        """The PIN pad set a new PIN (from the Change PIN button)."""
        self.pin_warning = None
        self.message.setText("The staff PIN was changed.")
        self.render_state()

    def _exit(self) -> None:
        self.services.audit.record(AuditEvent.ADMIN_CLOSED, how="Exit kiosk")
        self.hide()
        self.exit_requested.emit()

    def _confirm_exit(self) -> None:
        self.confirm_exit.show()
        self.message.setText("Exit the kiosk? The service manager will not restart it.")

    def close_admin(self, how: str) -> None:
        """Close the screen; ``how`` (the Close button, idle, ...) goes to the audit log, with
        the number of changes left unsaved."""
        fields: dict[str, object] = {"how": how}
        if self.pending:
            self.message.setText("Changes were not saved.")
            fields["unsaved"] = len(self.pending)
        self.services.audit.record(AuditEvent.ADMIN_CLOSED, **fields)
        self.pending = {}
        self.hide()
        self.closed.emit()
