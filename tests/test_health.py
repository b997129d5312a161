"""Health a monitor can read: `kiosk check --json` against its documented JSON Schema, and
`kiosk check --prometheus FILE` through the official Prometheus client's text parser."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.cli import main
from kiosk.core.audit import AuditEvent, AuditLog, default_audit_dir, verify
from kiosk.core.check import CHECKS
from kiosk.core.health import FORMAT_VERSION
from kiosk.core.pin import PinStore
from kiosk.core.settings import managed_settings_path
from kiosk.core.usage import UsageCounts

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "check.schema.json"


@pytest.fixture(autouse=True)
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


@pytest.fixture(scope="module")
def schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate(document, schema):
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)


def a_used_kiosk():
    """A kiosk that ran: a PIN, a start in the audit log, sessions today."""
    PinStore().set_pin("350842")
    AuditLog().record(AuditEvent.KIOSK_STARTED, mode="kiosk mode", version="0.1.0")
    counts = UsageCounts()
    counts.session_started()
    counts.finished()
    counts.session_started()
    counts.flush()


def check_json(capsys, *args):
    code = main(["check", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_the_json_report_follows_its_schema(capsys, schema):
    a_used_kiosk()
    code, document = check_json(capsys, "--service-state", "active")
    assert code == 0, document
    validate(document, schema)
    documented = schema["properties"]["format_version"]["const"]
    assert document["format_version"] == FORMAT_VERSION == documented
    assert document["ready"] is True
    names = [c["name"] for c in document["checks"]]
    assert names == [n for n in CHECKS if n != "check"]  # every check, in order
    pin = next(c for c in document["checks"] if c["name"] == "pin")
    assert (pin["status"], pin["message"]) == ("ok", "admin PIN: set")
    assert document["pin"]["set"] is True and document["pin"]["locked"] is False
    assert document["content"]["version"] == "2026.12.3"
    assert document["content"]["source"] == "bundled"
    assert len(document["languages"]) == 13
    assert {row["review_state"] for row in document["languages"]} <= {
        "source", "machine_translated", "reviewed", "changed_since_review",
    }  # fmt: skip
    result = verify(default_audit_dir())
    assert document["audit"]["state"] == "intact"
    assert document["audit"]["head"] == result.head
    assert document["audit"]["last_start"] is not None
    assert document["usage"]["today"]["sessions_started"] == 2
    assert document["service"] == {"state": "active", "active": True}


def test_a_kiosk_with_problems_still_follows_the_schema(capsys, schema, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text("idle_timeout_s = 1\n", encoding="utf-8")
    code, document = check_json(capsys, "--settings", str(settings), "--today", "2027-06-01")
    assert code == 1
    validate(document, schema)
    assert document["ready"] is False
    statuses = {c["name"]: c["status"] for c in document["checks"]}
    assert statuses["settings"] == "problem"
    assert statuses["content"] == "problem"  # checked more than 90 days before that day
    assert document["content"]["stale"] is True
    assert document["service"] is None
    settings_check = next(c for c in document["checks"] if c["name"] == "settings")
    assert "idle_timeout_s" in settings_check["message"]


def test_the_json_report_gives_each_services_start_date_set_centrally(capsys, schema, tmp_path):
    """What a fleet's monitor reads back after pushing a start date to a facility: the dates
    from the managed file, and what visitors read on that day."""
    settings = tmp_path / "settings.toml"
    settings.write_text('facility_name = "Valley State Prison"\n', encoding="utf-8")
    managed_settings_path(settings).write_text(
        '[service_status]\nphone = "available"\n\n'
        "[service_start]\nvideo = 2027-01-15\nmessaging = 2026-12-01\n",
        encoding="utf-8",
    )
    code, document = check_json(capsys, "--settings", str(settings), "--today", "2026-12-15")
    validate(document, schema)
    assert document["settings"]["managed_keys"] == [
        "service_start.messaging", "service_start.video", "service_status.phone",
    ]  # fmt: skip
    assert document["services"] == [
        {"service": "phone", "status": "available", "start_date": None, "wording": "available"},
        {"service": "video", "status": "coming", "start_date": "2027-01-15",
         "wording": "starts_on"},
        {"service": "messaging", "status": "coming", "start_date": "2026-12-01",
         "wording": "started"},
    ]  # fmt: skip
    rollout = next(c for c in document["checks"] if c["name"] == "rollout")
    assert (
        "rollout: video starts here on 2027-01-15 (service_start.video): visitors read "
        + ("that day")
        in rollout["facts"]
    )
    # The day has passed while messaging is still "coming": the check says so, and fails.
    assert rollout["status"] == "problem"
    assert rollout["message"].startswith("rollout: service_start.messaging is 2026-12-01")
    assert code == 1


def metrics(path: Path) -> dict[str, list]:
    families = text_string_to_metric_families(path.read_text(encoding="utf-8"))
    return {family.name: family.samples for family in families}


def value(found, name, **labels):
    [sample] = [s for s in found[name] if all(s.labels.get(k) == v for k, v in labels.items())]
    return sample.value


def test_prometheus_metrics_parse_with_the_official_client(tmp_path, capsys):
    a_used_kiosk()
    target = tmp_path / "textfile" / "visitor_kiosk.prom"
    target.parent.mkdir()
    before = dt.datetime.now().timestamp()
    assert main(["check", "--prometheus", str(target), "--service-state", "failed"]) == 0
    assert capsys.readouterr().out == ""
    found = metrics(target)
    assert before - 1 <= value(found, "visitor_kiosk_check_timestamp_seconds") <= before + 60
    assert value(found, "visitor_kiosk_ready") == 1
    assert value(found, "visitor_kiosk_content_info", version="2026.12.3", source="bundled") == 1
    assert value(found, "visitor_kiosk_content_age_days") >= 0
    assert value(found, "visitor_kiosk_last_start_timestamp_seconds") > 0
    # A counter's family drops "_total"; its sample keeps it.
    [crashes] = found["visitor_kiosk_crashes"]
    assert (crashes.name, crashes.value) == ("visitor_kiosk_crashes_total", 0)
    assert value(found, "visitor_kiosk_sessions_started") == 2
    assert value(found, "visitor_kiosk_sessions_finished") == 1
    assert value(found, "visitor_kiosk_sessions_today") == 2
    assert {s.labels["kind"] for s in found["visitor_kiosk_problems"]} == set(CHECKS)
    assert value(found, "visitor_kiosk_problems", kind="settings") == 0
    assert value(found, "visitor_kiosk_pin_set") == 1
    assert value(found, "visitor_kiosk_service_active") == 0
    assert value(found, "visitor_kiosk_service_state", state="failed") == 1
    assert [p.name for p in target.parent.iterdir()] == ["visitor_kiosk.prom"]  # no leftovers


def test_prometheus_problems_are_counted_by_kind_and_labels_are_escaped(tmp_path, capsys):
    settings = tmp_path / "settings.toml"
    settings.write_text(
        'facility_name = "Valley \\"State\\" \\\\ Prison"\nidle_warning_s = 1\n', encoding="utf-8"
    )
    target = tmp_path / "kiosk.prom"
    code = main(["check", "--settings", str(settings), "--prometheus", str(target)])
    assert code == 0  # the file was written: the verdict is a metric
    found = metrics(target)
    assert value(found, "visitor_kiosk_ready") == 0
    assert value(found, "visitor_kiosk_problems", kind="settings") == 1
    assert value(found, "visitor_kiosk_info", facility='Valley "State" \\ Prison') == 1
    assert "visitor_kiosk_service_active" not in found


def test_prometheus_refuses_a_path_it_must_not_write(tmp_path, capsys):
    link = tmp_path / "link.prom"
    link.symlink_to(tmp_path / "elsewhere.prom")
    with pytest.raises(SystemExit) as stop:
        main(["check", "--prometheus", str(link)])
    assert stop.value.code == 2
    assert not (tmp_path / "elsewhere.prom").exists()
