"""The docs tell the truth about the repository: the facts register matches the content code,
the reference pages match the code they are generated from, links lead somewhere, and nothing
points outside the repository."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from kiosk.core.content import TEXT_IDS, load_content

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "docs" / "facts.md"
README_MAX_LINES = 150

#: A row of a Markdown table whose first cell is an id: "| F1 | ...".
ID_ROW = re.compile(r"^\|\s*([A-Z][A-Z0-9]*)\s*\|")
#: Facts, steps, open questions and who to ask (the other ids are kinds of text).
FACT_ID = re.compile(r"^[FSUA][0-9]+$")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def register_ids() -> list[str]:
    return [m.group(1) for line in FACTS.read_text(encoding="utf-8").splitlines()
            if (m := ID_ROW.match(line))]  # fmt: skip


def test_the_facts_register_has_exactly_the_ids_the_content_accepts():
    ids = register_ids()
    assert len(ids) == len(set(ids)), f"an id is listed twice in {FACTS.name}: {sorted(ids)}"
    assert set(ids) == TEXT_IDS, (
        f"in {FACTS.name} but not TEXT_IDS: {sorted(set(ids) - TEXT_IDS)}; "
        f"in TEXT_IDS but not {FACTS.name}: {sorted(TEXT_IDS - set(ids))}"
    )


def test_every_fact_is_used_by_the_bundled_pack():
    used = {text.id for _, text in load_content().texts()}
    facts = {i for i in register_ids() if FACT_ID.match(i)}
    assert facts >= {"F1", "S1", "U1", "A1"}  # the pattern still finds the facts
    assert sorted(facts - used) == [], "facts no text in resources/content/pack.toml uses"


def _make_reference():
    path = REPO / "build" / "make_reference.py"
    spec = importlib.util.spec_from_file_location("make_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_pages_match_the_code():
    stale = _make_reference().stale_pages()
    assert stale == [], (
        f"docs/reference/ is out of date ({', '.join(stale)}): "
        "run `uv run python build/make_reference.py` and commit the result"
    )


def tracked_files() -> list[Path]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [REPO / name for name in listed.split("\0") if name]


def test_no_tracked_file_points_outside_the_repository():
    # Spelled in two parts so that this file does not match itself.
    outside = (".." + "/shared", "/" + "work/")
    found = []
    for path in tracked_files():
        if not path.is_file():
            continue  # deleted in the work tree, not yet committed
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        text = data.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if any(needle in line for needle in outside):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == [], "paths outside the repository:\n" + "\n".join(found)


def test_the_readme_is_a_landing_page():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, "README.md is a landing page: move details to docs/"


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.strip().lower().replace("`", "")
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.MULTILINE)}


def docs_pages() -> list[Path]:
    pages = [REPO / name for name in ("README.md", "CHANGELOG.md", "CONTRIBUTING.md")]
    pages.append(REPO / "translations" / "README.md")
    pages += sorted((REPO / "deploy").rglob("README.md"))
    return pages + sorted((REPO / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", docs_pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_lead_to_a_file_and_heading_that_exist(page):
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"`[^`\n]*`", "", text)  # code spans are not links
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # https:, mailto:
        file_part, _, anchor = target.partition("#")
        linked = (page.parent / file_part).resolve() if file_part else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.name}")
        elif REPO not in linked.parents and linked != REPO:
            broken.append(f"{target}: outside the repository")
    assert broken == [], "\n".join(broken)
