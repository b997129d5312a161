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
  README.md says they were not run here.
"""

from __future__ import annotations

import grp
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from kiosk.core.paths import resource
from kiosk.core.settings import load_settings, managed_settings_path

pytestmark = pytest.mark.ansible

REPO = Path(__file__).resolve().parents[1]
ANSIBLE = REPO / "deploy" / "ansible"
PLAYBOOK = shutil.which("ansible-playbook", path=str(Path(sys.executable).parent))
VAULT = shutil.which("ansible-vault", path=str(Path(sys.executable).parent))
HOSTS = ("cen-lobby-1", "cen-lobby-2", "vsp-lobby-1")
HOME = "/home/kiosk"
DATA = f"{HOME}/.local/share/visitor-kiosk"
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


def vault_file(folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The PIN's hash as the operator guide says to make it: `kiosk pin-hash`, then Vault."""
    made = subprocess.run(
        [sys.executable, "-m", "kiosk", "pin-hash"],
        input=f"{PIN}\n",
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    indented = "".join(f"  {line}\n" for line in made.stdout.splitlines())
    vault = folder / "vault.yml"
    vault.write_text(f"visitor_kiosk_pin_hash: |\n{indented}", encoding="utf-8")
    password = folder / "vault-password"
    password.write_text("a password for this test only\n", encoding="utf-8")
    assert VAULT is not None
    subprocess.run(
        [VAULT, "encrypt", "--vault-password-file", str(password), str(vault)],
        check=True,
        capture_output=True,
        env=env,
    )
    assert vault.read_text(encoding="utf-8").startswith("$ANSIBLE_VAULT;")
    assert PIN not in vault.read_text(encoding="utf-8")
    return vault, password


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
    vault, password = vault_file(tmp_path, env)
    return {"env": env, "args": ["-e", f"@{overrides}", "-e", f"@{vault}",
                                 "--vault-password-file", str(password)],
            "roots": tmp_path / "roots", "pack": pack}  # fmt: skip


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def play(fleet, *extra: str) -> tuple[dict[str, int], str]:
    """Run the example playbook; the changed count per host, and the output."""
    assert PLAYBOOK is not None
    done = subprocess.run(
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
        assert '"algorithm": "scrypt"' in pin.read_text(encoding="utf-8")
    # What each kiosk will take in: the facility's values and its own.
    cen1 = as_managed(fleet["roots"] / "cen-lobby-1")
    assert cen1.managed >= {"kiosk_id", "facility_name", "help_desk_location", "languages"}
    assert cen1["kiosk_id"] == "cen-lobby-1"
    assert cen1["facility_name"] == "Centinela State Prison"
    assert cen1["help_desk_location"] == "the desk by the entrance"
    assert cen1.service_status("phone") == "available"
    vsp = as_managed(fleet["roots"] / "vsp-lobby-1")
    assert (vsp["facility_name"], vsp.default_language) == ("Valley State Prison", "es")
    assert vsp.offered_languages[0] == "es"
    # The PIN itself is nowhere: not on the kiosks, not in the output.
    assert PIN not in output
    for path in fleet["roots"].rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 1_000_000:
            assert PIN.encode() not in path.read_bytes(), path

    changed, output = play(fleet)
    assert changed == dict.fromkeys(HOSTS, 0), output


def as_managed(root: Path):
    """The settings a kiosk under ``root`` will have once it takes its incoming settings."""
    local = root / "settings.toml"  # the staff's file: none yet
    target = managed_settings_path(local)
    data = root / DATA.lstrip("/")
    target.write_bytes((data / "incoming" / "settings.toml").read_bytes())
    settings = load_settings(local)
    assert [p for p in settings.problems if "does not exist" not in p] == [], settings.problems
    return settings


@needs_ansible
def test_a_status_pushed_to_a_facility_reaches_only_its_kiosks_and_a_bad_pack_is_never_placed(
    fleet, installed, tmp_path
):
    changed, output = play(
        fleet, "--limit", "centinela", "--tags", "settings",
        "-e", '{"visitor_kiosk_service_status": {"phone": "available", "video": "available"}}',
    )  # fmt: skip
    # At Centinela: the rendered settings, and the copy into the incoming folder.
    assert changed == {"cen-lobby-1": 2, "cen-lobby-2": 2}, output
    for host in ("cen-lobby-1", "cen-lobby-2"):
        assert as_managed(fleet["roots"] / host).service_status("video") == "available"
    assert as_managed(fleet["roots"] / "vsp-lobby-1").service_status("video") == "coming"

    bad = tmp_path / "bad-pack.toml"
    bad.write_text(fleet["pack"].read_text(encoding="utf-8").replace('id = "UI"', 'id = "Z9"', 1))
    assert PLAYBOOK is not None
    done = subprocess.run(
        [
            PLAYBOOK, "-i", str(ANSIBLE / "inventory" / "hosts.yml"), str(ANSIBLE / "site.yml"),
            "-c", "local", "--skip-tags", "system,systemd", *fleet["args"], "--tags", "content",
            "--limit", "cen-lobby-1", "-e", f"visitor_kiosk_content_pack={bad}",
        ],
        cwd=ANSIBLE, env=fleet["env"], capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode != 0
    assert "failed to validate" in done.stdout + done.stderr
    data = fleet["roots"] / "cen-lobby-1" / DATA.lstrip("/")
    assert (data / "deployed" / "pack.toml").read_bytes() == fleet["pack"].read_bytes()
    assert (data / "incoming" / "pack.toml").read_bytes() == fleet["pack"].read_bytes()
