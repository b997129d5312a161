"""The kiosk's health for monitoring tools: `kiosk check --json` and `kiosk check --prometheus`.

Plain Python. Both are made from a finished check (kiosk/core/report.py): its findings by check,
and what the checks keep as data.

- :func:`check_document`: a JSON document of a documented, versioned format; the JSON Schema is
  docs/reference/check.schema.json (:data:`FORMAT_VERSION` goes up with any change a reader
  could notice, and the schema with it).
- :func:`prometheus_text`: the text format node_exporter's textfile collector reads (and
  windows_exporter's), written atomically by the command so the collector never reads half a
  file. Every metric is named ``visitor_kiosk_*``; docs/operator.md lists them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from kiosk.core.report import CHECKS, NOTE, PROBLEM, Report

FORMAT = "visitor-kiosk-check"
FORMAT_VERSION = 1
#: What `systemctl is-active` (or the Windows task) may say about the kiosk's service.
SERVICE_STATE = re.compile(r"[a-z][a-z-]{0,23}")


def status_of(report: Report, check: str) -> str:
    """ "problem", "note" or "ok": the worst finding of one check."""
    if report.of(check, PROBLEM):
        return "problem"
    if report.of(check, NOTE):
        return "note"
    return "ok"


def _message(report: Report, check: str) -> str:
    """One line for a check: its first problem, else its first note, else its first fact."""
    for kind in (PROBLEM, NOTE):
        found = report.of(check, kind)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            return found[0] + more
    facts = report.of(check, "fact")
    return facts[0] if facts else "ok"


def check_document(
    report: Report,
    *,
    checked_at: dt.datetime,
    kiosk_version: str,
    service_state: str | None = None,
) -> dict[str, Any]:
    """The check as a JSON-ready document (see docs/reference/check.schema.json)."""
    details = report.details
    kiosk = details.get("kiosk", {})
    content = details.get("content")
    if content is not None and "version" not in content:
        content = None  # no pack could be loaded: the problem is in the content check
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "checked_at": checked_at.isoformat(timespec="seconds"),
        "kiosk_version": kiosk_version,
        "kiosk_id": kiosk.get("kiosk_id"),
        "facility_name": kiosk.get("facility_name"),
        "ready": report.ok,
        "checks": [
            {
                "name": name,
                "status": status_of(report, name),
                "message": _message(report, name),
                "problems": report.of(name, PROBLEM),
                "notes": report.of(name, NOTE),
                "facts": report.of(name, "fact"),
            }
            for name in report.ran
        ],
        "settings": details.get("kiosk"),
        "content": content,
        "languages": details.get("languages", []),
        "services": details.get("services"),
        "pin": details.get("pin"),
        "audit": details.get("audit"),
        "usage": details.get("usage"),
        "errors": details.get("errors"),
        "incoming": details.get("incoming"),
        "service": _service(service_state),
    }


def _service(state: str | None) -> dict[str, Any] | None:
    return None if state is None else {"state": state, "active": state == "active"}


# -- Prometheus ---------------------------------------------------------------------------------
def _label(value: object) -> str:
    text = str(value)
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: dict[str, object]) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_label(v)}"' for k, v in labels.items()) + "}"


def _number(value: float) -> str:
    return repr(float(value)) if isinstance(value, float) else str(int(value))


class _Metrics:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(
        self,
        name: str,
        kind: str,
        about: str,
        samples: Iterable[tuple[dict[str, object], float]],
    ) -> None:
        samples = list(samples)
        if not samples:
            return
        self.lines += [f"# HELP {name} {about}", f"# TYPE {name} {kind}"]
        self.lines += [f"{name}{_labels(labels)} {_number(v)}" for labels, v in samples]

    def one(self, name: str, kind: str, about: str, value: float | None) -> None:
        if value is not None:
            self.add(name, kind, about, [({}, value)])


def _timestamp(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def prometheus_text(
    report: Report,
    *,
    checked_at: dt.datetime,
    kiosk_version: str,
    service_state: str | None = None,
) -> str:
    """The check as node_exporter textfile-collector metrics (Prometheus text format 0.0.4)."""
    details = report.details
    kiosk = details.get("kiosk", {})
    content = details.get("content") or {}
    usage = details.get("usage")
    pin = details.get("pin")
    audit = details.get("audit")
    errors = details.get("errors")
    incoming = details.get("incoming")
    m = _Metrics()
    m.one(
        "visitor_kiosk_check_timestamp_seconds",
        "gauge",
        "When kiosk check ran, in seconds since 1970.",
        round(checked_at.timestamp(), 3),
    )
    m.one(
        "visitor_kiosk_ready",
        "gauge",
        "1 when kiosk check found no problem, else 0.",
        int(report.ok),
    )
    m.add(
        "visitor_kiosk_info",
        "gauge",
        "The kiosk's id, facility and program version (always 1).",
        [
            (
                {
                    "kiosk_id": kiosk.get("kiosk_id", ""),
                    "facility": kiosk.get("facility_name", ""),
                    "version": kiosk_version,
                },
                1,
            )
        ],
    )
    if "version" in content:
        m.add(
            "visitor_kiosk_content_info",
            "gauge",
            "The content in use: its version, the day it was checked, and whether it is the "
            "installed or the bundled pack (always 1).",
            [
                (
                    {
                        "version": content["version"],
                        "checked_on": content["checked_on"],
                        "source": content.get("source", "bundled"),
                    },
                    1,
                )
            ],
        )
        m.one(
            "visitor_kiosk_content_age_days",
            "gauge",
            "Days since the content in use was checked (kiosk check fails above 90).",
            content["age_days"],
        )
    if audit is not None:
        m.one(
            "visitor_kiosk_last_start_timestamp_seconds",
            "gauge",
            "When the kiosk last started (from the audit log), in seconds since 1970.",
            _timestamp(audit.get("last_start")),
        )
        m.one(
            "visitor_kiosk_audit_chain_intact",
            "gauge",
            "1 when the audit log's hash chain is intact, else 0.",
            int(audit["state"] != "broken"),
        )
        m.one(
            "visitor_kiosk_audit_events",
            "gauge",
            "Events in the audit log (the kept files).",
            audit["events"],
        )
    if errors is not None:
        m.one(
            "visitor_kiosk_crashes_total",
            "counter",
            "Unexpected errors since the error count began (the kiosk recovers from each).",
            errors["total"],
        )
    if usage is not None:
        for key, metric, about in (
            ("sessions_started", "sessions_started", "Visitor sessions started"),
            ("finished", "sessions_finished", "Visitor sessions that reached the last page"),
            ("ended_by_idle", "sessions_ended_by_idle", "Visitor sessions ended by the idle timer"),
        ):
            m.one(
                f"visitor_kiosk_{metric}_total",
                "counter",
                f"{about}, all days counted (per day: increase over 1d).",
                usage[key],
            )
        m.one(
            "visitor_kiosk_sessions_today",
            "gauge",
            "Visitor sessions started today (the kiosk's day).",
            usage["today"]["sessions_started"],
        )
    m.add(
        "visitor_kiosk_problems",
        "gauge",
        "Problems kiosk check found, by the check that found them.",
        [({"kind": name}, len(report.of(name, PROBLEM))) for name in CHECKS],
    )
    m.add(
        "visitor_kiosk_notes",
        "gauge",
        "Notes kiosk check made (they do not fail it), by the check that made them.",
        [({"kind": name}, len(report.of(name, NOTE))) for name in CHECKS],
    )
    if pin is not None:
        m.one("visitor_kiosk_pin_set", "gauge", "1 when an admin PIN is set.", int(pin["set"]))
        m.one(
            "visitor_kiosk_pin_locked",
            "gauge",
            "1 while the PIN pad is locked after wrong PINs.",
            int(pin["locked"]),
        )
    m.add(
        "visitor_kiosk_language_untranslated_texts",
        "gauge",
        "Texts an offered language shows in English for want of a translation.",
        [
            ({"language": row["code"]}, row["total"] - row["translated"])
            for row in details.get("languages", [])
            if row["total"] is not None
        ],
    )
    if incoming is not None:
        m.one(
            "visitor_kiosk_incoming_waiting",
            "gauge",
            "Files waiting in the incoming folder.",
            incoming["waiting"],
        )
        m.one(
            "visitor_kiosk_incoming_refused",
            "gauge",
            "Refused files kept in the incoming folder's refused/ folder.",
            incoming["refused"],
        )
    if service_state is not None:
        m.one(
            "visitor_kiosk_service_active",
            "gauge",
            "1 when the kiosk's service is active (systemctl --user is-active), else 0.",
            int(service_state == "active"),
        )
        m.add(
            "visitor_kiosk_service_state",
            "gauge",
            "The kiosk service's state as the service manager gives it (always 1).",
            [({"state": service_state}, 1)],
        )
    return "\n".join(m.lines) + "\n"
