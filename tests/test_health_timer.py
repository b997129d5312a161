"""deploy/linux's health timer: the units pass `systemd-analyze verify`, the timer fires every 5
minutes, and the script it starts writes `kiosk check --prometheus` with the kiosk unit's state
from `systemctl --user is-active` (a stand-in systemctl here: no service manager runs in a
test). The Windows scripts (deploy/windows/*.ps1) have no PowerShell to run in here: they were
reviewed by reading, as deploy/windows/README.md says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

LINUX = Path(__file__).resolve().parents[1] / "deploy" / "linux"
SCRIPT = LINUX / "visitor-kiosk-health"
UNITS = (
    "visitor-kiosk.service",
    "visitor-kiosk-restart.service",
    "visitor-kiosk-restart.timer",
    "visitor-kiosk-health.service",
    "visitor-kiosk-health.timer",
)
ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemd_analyze_verify(tmp_path):
    """As the kiosk account's user units, with the bundle's paths pointed at this checkout
    (verify also checks that each ExecStart program is there and executable)."""
    units = tmp_path / "units"
    units.mkdir()
    for name in UNITS:
        text = (LINUX / name).read_text(encoding="utf-8")
        text = text.replace("/opt/visitor-kiosk/deploy/linux", str(LINUX))
        text = text.replace("/opt/visitor-kiosk/kiosk", sys.executable)
        (units / name).write_text(text, encoding="utf-8")
    runtime = tmp_path / "runtime"  # verify --user wants a runtime folder, as a login has
    runtime.mkdir(mode=0o700)
    assert ANALYZE is not None
    done = subprocess.run(
        [ANALYZE, "--user", "verify", *(str(units / name) for name in UNITS)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        cwd=units,
        timeout=60,
    )
    # Unknown or misspelt keys are only warnings ("Unknown key ..., ignoring"): none allowed.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
def test_the_health_timer_fires_every_five_minutes():
    lines = (LINUX / "visitor-kiosk-health.timer").read_text(encoding="utf-8").splitlines()
    [calendar] = [line.split("=", 1)[1] for line in lines if line.startswith("OnCalendar=")]
    assert ANALYZE is not None
    done = subprocess.run(
        [ANALYZE, "calendar", calendar], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Normalized form: *-*-* *:00/5:00" in done.stdout
    assert "WantedBy=timers.target" in lines


def fake_program(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def run_health(tmp_path: Path, systemctl: str, kiosk: Path, *args: str, **env: str):
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "systemctl", systemctl)
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "VISITOR_KIOSK": str(kiosk),
            **env,
        },
        timeout=120,
    )


@pytest.mark.parametrize(
    ("systemctl", "state"),
    [
        ("echo active; exit 0", "active"),
        ("echo failed; exit 3", "failed"),  # is-active says the word and exits non-zero
        ('echo "Failed to connect to bus" >&2; exit 1', "unknown"),  # no user manager
        ('echo "active and more"; exit 0', "unknown"),  # not one word: never passed on
    ],
)
def test_the_script_passes_the_units_state_to_kiosk_check(tmp_path, systemctl, state):
    called = tmp_path / "called"
    kiosk = fake_program(tmp_path / "kiosk", "kiosk", f'printf "%s\\n" "$@" > "{called}"')
    done = run_health(tmp_path, systemctl, kiosk, str(tmp_path / "out.prom"))
    assert done.returncode == 0, done.stderr
    assert called.read_text(encoding="utf-8").splitlines() == [
        "check", "--prometheus", str(tmp_path / "out.prom"), "--service-state", state,
    ]  # fmt: skip


def test_the_script_asks_systemctl_about_the_kiosks_user_unit(tmp_path):
    asked = tmp_path / "asked"
    kiosk = fake_program(tmp_path / "kiosk", "kiosk", "exit 0")
    metrics = tmp_path / "from-the-drop-in.prom"
    run_health(
        tmp_path, f'echo "$@" > "{asked}"; echo active', kiosk, VISITOR_KIOSK_METRICS=str(metrics)
    )
    assert asked.read_text(encoding="utf-8") == "--user is-active visitor-kiosk.service\n"


def test_the_script_writes_metrics_the_official_client_parses(tmp_path):
    """With the real kiosk: the file the textfile collector reads, with the unit's state."""
    kiosk = fake_program(tmp_path / "kiosk", "kiosk", f'exec "{sys.executable}" -m kiosk "$@"')
    metrics = tmp_path / "textfile" / "visitor-kiosk.prom"
    metrics.parent.mkdir()
    done = run_health(tmp_path, "echo failed; exit 3", kiosk, VISITOR_KIOSK_METRICS=str(metrics))
    assert done.returncode == 0, done.stderr
    families = {
        family.name: family.samples
        for family in text_string_to_metric_families(metrics.read_text(encoding="utf-8"))
    }
    [state] = families["visitor_kiosk_service_state"]
    assert (state.labels, state.value) == ({"state": "failed"}, 1)
    [active] = families["visitor_kiosk_service_active"]
    assert active.value == 0
    assert "visitor_kiosk_ready" in families
    assert [p.name for p in metrics.parent.iterdir()] == ["visitor-kiosk.prom"]
