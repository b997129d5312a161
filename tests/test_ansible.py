"""The Ansible role in deploy/ansible/, run for real: the example playbook and inventory, with the
local connection, against a throwaway root folder per host, twice. The first run writes every
file (each one checked by the kiosk before it is placed); the second changes nothing.

Marked ``ansible``: it needs ansible-core, in a dependency group of its own. CI runs it as a
step of its own: ``uv run --group ansible pytest -m ansible``.

What is stood in, and why:
- the bundle: a .tar.gz holding a two-line ``kiosk`` script that runs this checkout's kiosk
  (``python -m kiosk``) and a copy of deploy/, as the real bundle holds it. The files the role
  places are gated by the real `kiosk check --settings-file / --pin-file / --pack`;
- the kiosk account: this test's own user (the role's ``account`` task needs a real
  ``useradd``), and the paths are under the throwaway root;
- the tasks tagged ``system`` and ``systemd`` (useradd, systemctl, loginctl) are skipped: there
  is no systemd to talk to here. Their commands are in the role for review; deploy/ansible/
  README.md says they were not run here;
- the running kiosk: no window runs, but what it does with its incoming folder is done with its
  own code (kiosk.core.incoming.Incoming) where the test says a kiosk takes its files, so the
  second run meets kiosks that have taken them and one that has not.
"""

from __future__ import annotations

import datetime as dt
import grp
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from kiosk.core.audit import AuditLog
from kiosk.core.incoming import Incoming
from kiosk.core.paths import resource
from kiosk.core.settings import load_settings, managed_settings_path

pytestmark = pytest.mark.ansible

REPO = Path(__file__).resolve().parents[1]
ANSIBLE = REPO / "deploy" / "ansible"
PLAYBOOK = shutil.which("ansible-playbook", path=str(Path(sys.executable).parent))
VAULT = shutil.which("ansible-vault", path=str(Path(sys.executable).parent))
HOSTS = ("cen-lobby-1", "cen-lobby-2", "vsp-lobby-1")
CENTINELA = ("cen-lobby-1", "cen-lobby-2")
HOME = "/home/kiosk"
DATA = f"{HOME}/.local/share/visitor-kiosk"
CONFIG = f"{HOME}/.config/visitor-kiosk"
PIN = "350842"
RECAP = re.compile(
    r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M
)

needs_ansible = pytest.mark.skipif(
    PLAYBOOK is None or VAULT is None,
    reason="needs ansible-core: uv run --group ansible pytest -m ansible",
)


def stand_in_bundle(folder: Path) -> Path:
    """The bundle as the role receives it: kiosk/kiosk and kiosk/deploy/, in a .tar.gz."""
    bundle = folder / "kiosk"
    bundle.mkdir()
    program = bundle / "kiosk"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kiosk "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    shutil.copytree(REPO / "deploy", bundle / "deploy")
    archive = folder / "visitor-kiosk-test.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="kiosk")
    return archive


def vault_file(folder: Path, env: dict[str, str]) -> tuple[Path, Path, str]:
    """The PIN's hash as the fleet guide says to make it: `kiosk pin-hash`, then
    `ansible-vault encrypt_string` (docs/fleet.md). The vault file, its password file, and the
    hash record (which the run must not print either)."""
    made = subprocess.run(
        [sys.executable, "-m", "kiosk", "pin-hash"],
        input=f"{PIN}\n",
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    password = folder / "vault-password"
    password.write_text("a password for this test only\n", encoding="utf-8")
    assert VAULT is not None
    encrypted = subprocess.run(
        [VAULT, "encrypt_string", "--vault-password-file", str(password),
         "--stdin-name", "visitor_kiosk_pin_hash"],
        input=made.stdout,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )  # fmt: skip
    vault = folder / "vault.yml"
    vault.write_text(encrypted.stdout, encoding="utf-8")
    text = vault.read_text(encoding="utf-8")
    assert text.startswith("visitor_kiosk_pin_hash: !vault |\n"), text
    assert "$ANSIBLE_VAULT;" in text
    assert PIN not in text and json.loads(made.stdout)["hash"] not in text
    return vault, password, made.stdout


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Everything a run needs: the overrides, the vault, the environment (the kiosk's folders,
    which the checks read, in a throwaway folder too)."""
    tmp_path = tmp_path_factory.mktemp("fleet")
    env = dict(os.environ)
    for variable, sub in (
        ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
    ):  # fmt: skip
        env[variable] = str(tmp_path / "home" / sub)
    env.update(
        ANSIBLE_CONFIG=str(ANSIBLE / "ansible.cfg"),
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-local"),
        ANSIBLE_REMOTE_TEMP=str(tmp_path / "ansible-remote"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_HOME=str(tmp_path / "ansible-home"),
        # ansible-core stops unless the locale's encoding is UTF-8 (a CI machine may say LANG=C).
        LC_ALL="C.UTF-8",
    )
    pack = tmp_path / "pack.toml"
    pack.write_text(
        resource("content/pack.toml")
        .read_text(encoding="utf-8")
        .replace('content_version = "2026.12.3"', 'content_version = "2026.12.9"', 1),
        encoding="utf-8",
    )
    overrides = tmp_path / "overrides.yml"
    overrides.write_text(
        "\n".join(
            [
                f'test_root: "{tmp_path / "roots"}"',
                'visitor_kiosk_root: "{{ test_root }}/{{ inventory_hostname }}"',
                f"visitor_kiosk_user: {os.environ.get('USER') or _user()}",
                f"visitor_kiosk_group: {grp.getgrgid(os.getgid()).gr_name}",
                f"visitor_kiosk_home: {HOME}",
                f"visitor_kiosk_bundle_archive: {stand_in_bundle(tmp_path)}",
                f"visitor_kiosk_content_pack: {pack}",
                f"ansible_python_interpreter: {sys.executable}",
                "ansible_become: false",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    vault, password, record = vault_file(tmp_path, env)
    return {"env": env, "args": ["-e", f"@{overrides}", "-e", f"@{vault}",
                                 "--vault-password-file", str(password)],
            "roots": tmp_path / "roots", "pack": pack, "pin_record": record}  # fmt: skip


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def run_playbook(fleet, *extra: str) -> subprocess.CompletedProcess[str]:
    """The example playbook on the example inventory, locally, without the system's tasks."""
    assert PLAYBOOK is not None
    return subprocess.run(
        [
            PLAYBOOK, "-i", str(ANSIBLE / "inventory" / "hosts.yml"), str(ANSIBLE / "site.yml"),
            "-c", "local", "--skip-tags", "system,systemd", *fleet["args"], *extra,
        ],
        cwd=ANSIBLE,
        env=fleet["env"],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip


def play(fleet, *extra: str) -> tuple[dict[str, int], str]:
    """Run the example playbook; the changed count per host, and the output."""
    done = run_playbook(fleet, *extra)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    recap = {host: (int(ok), int(changed), int(failed)) for host, ok, changed, _, failed
             in RECAP.findall(done.stdout)}  # fmt: skip
    assert recap, output
    assert all(failed == 0 for _, _, failed in recap.values()), output
    return {host: changed for host, (_, changed, _) in recap.items()}, output


@pytest.fixture(scope="module")
def installed(fleet):
    """The first run, on a fleet of three new kiosks: what changed per host, and the output."""
    return play(fleet)


@needs_ansible
def test_the_playbook_installs_a_fleet_and_a_second_run_changes_nothing(fleet, installed):
    changed, output = installed
    assert sorted(changed) == sorted(HOSTS), output
    assert all(n > 0 for n in changed.values()), output
    for host in HOSTS:
        root = fleet["roots"] / host
        installed = root / "opt" / "visitor-kiosk"
        assert installed.is_symlink()
        assert installed.resolve() == (root / "opt" / "visitor-kiosk-releases" / "0.1.0").resolve()
        assert (installed / "kiosk").is_file()
        units = root / HOME.lstrip("/") / ".config" / "systemd" / "user"
        assert sorted(p.name for p in units.glob("*.*") if p.is_file()) == [
            "visitor-kiosk-health.service", "visitor-kiosk-health.timer",
            "visitor-kiosk-restart.service", "visitor-kiosk-restart.timer",
            "visitor-kiosk.service",
        ]  # fmt: skip
        dropin = units / "visitor-kiosk-health.service.d" / "metrics.conf"
        assert "VISITOR_KIOSK_METRICS=/var/lib/visitor-kiosk/metrics/visitor-kiosk.prom" in (
            dropin.read_text(encoding="utf-8")
        )
        assert (root / "var" / "lib" / "visitor-kiosk" / "metrics").is_dir()
        autologin = root / "etc/systemd/system/getty@tty1.service.d/autologin.conf"
        assert f"--autologin {_user()} %I" in autologin.read_text(encoding="utf-8")
        profile = (root / HOME.lstrip("/") / ".profile").read_text(encoding="utf-8")
        assert ". /opt/visitor-kiosk/deploy/linux/start-on-login.sh\n" in profile
        data = root / DATA.lstrip("/")
        # The settings, handed to the kiosk through its incoming folder.
        incoming = data / "incoming" / "settings.toml"
        assert incoming.read_bytes() == (data / "deployed" / "settings.toml").read_bytes()
        assert (data / "incoming" / "pack.toml").read_bytes() == fleet["pack"].read_bytes()
        pin = data / "admin-pin.json"
        assert pin.stat().st_mode & 0o777 == 0o600
        assert pin.read_text(encoding="utf-8") == fleet["pin_record"]  # as `kiosk pin-hash` made it
    # The PIN itself is nowhere: not on the kiosks, not in the output; nor is its hash printed.
    assert PIN not in output
    assert json.loads(fleet["pin_record"])["hash"] not in output
    for path in fleet["roots"].rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 1_000_000:
            assert PIN.encode() not in path.read_bytes(), path

    # The kiosks at Centinela take their files; Valley State's is off and leaves them waiting.
    # What each kiosk has then: the facility's values and its own.
    cen1 = kiosk_takes(fleet["roots"] / "cen-lobby-1")
    kiosk_takes(fleet["roots"] / "cen-lobby-2")
    assert cen1.managed >= {"kiosk_id", "facility_name", "help_desk_location", "languages"}
    assert cen1["kiosk_id"] == "cen-lobby-1"
    assert cen1["facility_name"] == "Centinela State Prison"
    assert cen1["help_desk_location"] == "the desk by the entrance"
    assert cen1.service_status("phone") == "coming"
    assert (data_of(fleet, "cen-lobby-1") / "content" / "pack.toml").read_bytes() == (
        fleet["pack"].read_bytes()
    )

    # The second run: nothing changes, and nothing is handed again to a kiosk that has it.
    changed, output = play(fleet)
    assert changed == dict.fromkeys(HOSTS, 0), output
    for host in CENTINELA:
        assert list((data_of(fleet, host) / "incoming").iterdir()) == [], host
    vsp = kiosk_takes(fleet["roots"] / "vsp-lobby-1")
    assert (vsp["facility_name"], vsp.default_language) == ("Valley State Prison", "es")
    assert vsp.offered_languages[0] == "es"


def data_of(fleet, host: str) -> Path:
    return fleet["roots"] / host / DATA.lstrip("/")


def kiosk_takes(root: Path):
    """What the kiosk under ``root`` does with its incoming folder when it runs (the kiosk's own
    code: kiosk/core/incoming.py): the settings become its managed settings file, the pack its
    installed pack. Its settings then."""
    data = root / DATA.lstrip("/")
    local = root / CONFIG.lstrip("/") / "settings.toml"  # the staff's file: none yet
    outcomes = Incoming(
        data / "incoming",
        settings_path=local,
        pack_target=data / "content" / "pack.toml",
        audit=AuditLog.off(),
        settle_s=0,
    ).take()
    assert outcomes and all(o.installed for o in outcomes), [o.describe() for o in outcomes]
    assert list((data / "incoming").iterdir()) == []
    settings = load_settings(local)
    assert [p for p in settings.problems if "does not exist" not in p] == [], settings.problems
    return settings


@needs_ansible
def test_news_pushed_to_a_facility_reaches_only_its_kiosks_and_a_bad_file_is_never_placed(
    fleet, installed, tmp_path
):
    # The facility's news, as group_vars/centinela.yml would carry it (the gate checks the day
    # against today's date, so the test's day is always ahead).
    day = dt.date.today() + dt.timedelta(days=60)
    news_start = {"video": day.isoformat()}
    news = {
        "visitor_kiosk_service_status": {"phone": "available", "video": "coming"},
        "visitor_kiosk_service_start": news_start,
    }
    changed, output = play(
        fleet, "--limit", "centinela", "--tags", "settings", "-e", json.dumps(news)
    )
    # At Centinela: the rendered settings, and the copy into the incoming folder.
    assert changed == dict.fromkeys(CENTINELA, 2), output
    for host in CENTINELA:
        settings = kiosk_takes(fleet["roots"] / host)
        assert settings.service_start("video") == day
        assert settings.service_status("video") == "coming"
        assert settings.service_status("phone") == "available"
        assert {"service_start.video", "service_status.video"} <= settings.managed
    # Valley State: not in the limit, so nothing rendered, checked or sent.
    vsp = (data_of(fleet, "vsp-lobby-1") / "deployed" / "settings.toml").read_text(encoding="utf-8")
    assert "service_start" not in vsp and 'facility_name = "Valley State Prison"' in vsp

    # Two bad files in one run (each kiosk's own, by its host name): at cen-lobby-1 a day that
    # has passed for a service still "coming", at cen-lobby-2 a broken content pack. The gate
    # refuses each; nothing is placed, and the kiosks keep what they had.
    bad = tmp_path / "bad-pack.toml"
    bad.write_text(fleet["pack"].read_text(encoding="utf-8").replace('id = "UI"', 'id = "Z9"', 1))
    sent = {h: (data_of(fleet, h) / "deployed" / "settings.toml").read_bytes() for h in CENTINELA}
    per_kiosk = "{{ %r if inventory_hostname == 'cen-lobby-1' else %r }}"
    news["visitor_kiosk_service_start"] = per_kiosk % ({"video": "2020-01-15"}, news_start)
    news["visitor_kiosk_content_pack"] = per_kiosk % (str(fleet["pack"]), str(bad))
    done = run_playbook(
        fleet, "--limit", "centinela", "--tags", "settings,content", "-e", json.dumps(news)
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    recap = {host: int(failed) for host, _, _, _, failed in RECAP.findall(done.stdout)}
    assert recap == dict.fromkeys(CENTINELA, 1), output
    assert output.count('"msg": "failed to validate"') == 2, output
    assert "service_start.video is 2020-01-15, which has passed" in output
    for host in CENTINELA:
        data = data_of(fleet, host)
        assert (data / "deployed" / "settings.toml").read_bytes() == sent[host]
        assert (data / "deployed" / "pack.toml").read_bytes() == fleet["pack"].read_bytes()
        assert (data / "content" / "pack.toml").read_bytes() == fleet["pack"].read_bytes()
        assert list((data / "incoming").iterdir()) == []
        local = fleet["roots"] / host / CONFIG.lstrip("/") / "settings.toml"
        assert managed_settings_path(local).read_bytes() == sent[host]  # the good date stays
