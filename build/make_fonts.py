"""Regenerate the bundled Noto font subsets in resources/fonts/.

The kiosk shows text in thirteen languages and must not depend on the fonts of the
machine it runs on, so it ships small subsets of Noto. This script cuts them from the
Debian Noto packages with fontTools' subsetter:

    apt-get install -y fonts-noto-core fonts-noto-cjk
    uv run --with fonttools python build/make_fonts.py          # write the subsets
    uv run --with fonttools python build/make_fonts.py --check  # only check coverage

Output (one file per family and style, each in its Regular and its Bold weight; family
names are those of the source fonts, so no two files share a family and style):

    NotoSans-{Regular,Bold}.subset.ttf
        Latin (Basic, Latin-1, Extended-A/B, Extended Additional for Vietnamese, combining
        diacritics), Cyrillic, general punctuation (incl. U+200B-200F, U+2066-2069),
        currency, arrows, geometric shapes, U+2713.        en es vi tl hmn ru
    NotoSansArmenian-{Regular,Bold}.subset.ttf    U+0530-058F, U+FB13-FB17        hy
    NotoSansGurmukhi-{Regular,Bold}.subset.ttf    U+0A00-0A7F, U+0964/0965         pa
    NotoSansKhmer-{Regular,Bold}.subset.ttf       U+1780-17FF, U+19E0-19FF         km
    NotoNaskhArabic-{Regular,Bold}.subset.ttf     Arabic, Supplement, Presentation Forms-A/B
                                                                                   ar fa
    NotoSansCJKkr-{Regular,Bold}.subset.otf       the 2,350 KS X 1001 Hangul syllables,
                                                  Hangul (compatibility) Jamo      ko
    NotoSansCJKtc-{Regular,Bold}.subset.otf       the 5,401 Big5 level-1 hanzi
                                                  (0xA440-0xC67E)                  zh_Hant
    The CJK files also get CJK punctuation U+3000-303F and fullwidth forms U+FF00-FFEF.

Every subset also gets space, NBSP, digits, ASCII punctuation, the guillemets U+00AB/00BB,
U+2022, U+2026, U+2013, U+2014 and U+2018-201D, so that Qt does not borrow them from
another font in the middle of a line.
Where the source font lacks a wanted character (Noto Sans has no arrows, geometric
shapes or check mark; the script fonts lack much ASCII punctuation), the glyph is taken
from a "donor" font of the same design family (Noto Sans, Noto Sans Math, Noto Sans
Symbols 2, Noto Sans Symbols) and merged in with fontTools.merge. This works for the
TrueType (glyf) fonts only; the CFF-based CJK fonts cover the shared set themselves,
except U+201B, which Noto Sans CJK does not have.

Operator text and catalogs: every character found in translations/**/*.po(t) and
resources/**/*.toml is added to each subset whose source font covers it, so whatever
the kiosk can show has a glyph in the bundled fonts. Characters of a script that one
subset is made for (Armenian, Gurmukhi, Khmer, Arabic, Hangul, Han) go only to that
subset (so the Korean file does not pick up the hanzi of the Chinese catalog); Latin,
Cyrillic, Greek, punctuation and symbols go to every subset whose source covers them.
Rerun the script after catalogs change; `--check` exits non-zero when a character of
the catalogs has no glyph in any bundled subset (it needs fontTools only, not the
Debian fonts).

Subsetting keeps all OpenType layout features (--layout-features='*'; the CJK subsets
drop 'locl', see CJK_DROP_FEATURES), drops hinting (TrueType instructions and CFF hints)
to save space, keeps only the English name records (with the copyright, trademark and
licence ones), and keeps the source's head.created/modified timestamps, so that a rerun
on the same inputs writes the same bytes.

Licence: the fonts are under the SIL Open Font License 1.1 (resources/fonts/OFL.txt).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.merge import Options as MergeOptions
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"
SCAN_DIRS = (ROOT / "translations", ROOT / "resources")
SCAN_SUFFIXES = (".po", ".pot", ".toml")

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")  # fonts-noto-core
CJK_DIR = Path("/usr/share/fonts/opentype/noto")  # fonts-noto-cjk
CJK_TTC = CJK_DIR / "NotoSansCJK-Regular.ttc"

Ranges = tuple[tuple[int, int], ...]  # inclusive (first, last) pairs


def expand(ranges: Ranges) -> set[int]:
    return {cp for first, last in ranges for cp in range(first, last + 1)}


# Space, NBSP, digits, ASCII punctuation, guillemets, ellipsis, dashes, curly quotes and
# the bullet: in every subset.
SHARED: Ranges = (
    (0x0020, 0x0020),
    (0x00A0, 0x00A0),
    (0x00AB, 0x00AB),
    (0x00BB, 0x00BB),
    (0x2022, 0x2022),
    (0x0021, 0x002F),
    (0x0030, 0x0039),
    (0x003A, 0x0040),
    (0x005B, 0x0060),
    (0x007B, 0x007E),
    (0x2013, 0x2014),
    (0x2018, 0x201D),
    (0x2026, 0x2026),
)

LATIN: Ranges = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation, incl. ZWSP/ZWNJ/ZWJ/LRM/RLM, bidi isolates
    (0x20A0, 0x20CF),  # currency symbols
    (0x2190, 0x21FF),  # arrows
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2713),  # check mark
    (0x2022, 0x2022),  # bullet
    (0x2212, 0x2212),  # minus sign
)
ARMENIAN: Ranges = ((0x0530, 0x058F), (0xFB13, 0xFB17))
GURMUKHI: Ranges = ((0x0A00, 0x0A7F), (0x0964, 0x0965), (0x200C, 0x200D))
KHMER: Ranges = ((0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D))
ARABIC: Ranges = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x200C, 0x200F),
    (0x2066, 0x2069),
)
CJK_COMMON: Ranges = ((0x3000, 0x303F), (0xFF00, 0xFFEF))
HANGUL_COMPAT_JAMO: Ranges = ((0x3130, 0x318F),)

# Blocks that belong to one subset: scanned characters in them go to that subset only.
OWN_ARMENIAN: Ranges = ARMENIAN
OWN_GURMUKHI: Ranges = ((0x0A00, 0x0A7F),)
OWN_KHMER: Ranges = ((0x1780, 0x17FF), (0x19E0, 0x19FF))
OWN_ARABIC: Ranges = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
OWN_HANGUL: Ranges = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xFFA0, 0xFFDC),  # halfwidth Hangul
)
OWN_HAN: Ranges = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3100, 0x312F),  # Bopomofo
    (0x31A0, 0x31BF),
    (0x31C0, 0x31EF),  # strokes
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # URO
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # Extensions B and later
)


# 'locl' in a Noto Sans CJK face only switches glyphs to the forms of the *other* regions
# (Japanese, Simplified Chinese, ...) when the text is tagged with their language. Each
# subset is cut for one region, so those forms are unwanted, and keeping them would more
# than double the Traditional Chinese file (12,992 instead of 5,785 glyphs, 2.9 MB).
CJK_DROP_FEATURES = ("locl",)


def ksx1001_hangul() -> set[int]:
    """The 2,350 precomposed Hangul syllables of KS X 1001 (EUC-KR)."""
    out = set()
    for cp in range(0xAC00, 0xD7A4):
        try:
            encoded = chr(cp).encode("euc_kr")
        except UnicodeEncodeError:
            continue
        # CPython's euc_kr also writes the other syllables as 8-byte KS X 1001:1998
        # make-up sequences; only the 2-byte ones are in the character set.
        if len(encoded) == 2:
            out.add(cp)
    assert len(out) == 2350, len(out)
    return out


def big5_level1_hanzi() -> set[int]:
    """The 5,401 frequently used hanzi of Big5 (0xA440-0xC67E)."""
    out = set()
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead << 8 | trail) > 0xC67E:
                continue
            try:
                out.add(ord(bytes((lead, trail)).decode("big5")))
            except UnicodeDecodeError:
                continue
    assert len(out) == 5401, len(out)
    return out


@dataclass
class Spec:
    output: str  # file name in resources/fonts/
    source: Path
    family: str  # the source's family name (name ID 1), checked before subsetting
    style: str  # name ID 2, checked too
    wanted: set[int]
    own: Ranges = ()  # scanned characters in these blocks go to this subset only
    face: int | None = None  # face index in a .ttc
    donors: tuple[Path, ...] = ()
    drop_features: tuple[str, ...] = ()  # layout features not kept (all others are)


def noto(name: str) -> Path:
    return NOTO_DIR / name


def specs() -> list[Spec]:
    shared = expand(SHARED)
    symbol_donors = (
        noto("NotoSansMath-Regular.ttf"),
        noto("NotoSansSymbols2-Regular.ttf"),
        noto("NotoSansSymbols-Regular.ttf"),
    )
    return [
        Spec(
            "NotoSans-Regular.subset.ttf",
            noto("NotoSans-Regular.ttf"),
            "Noto Sans",
            "Regular",
            expand(LATIN) | shared,
            donors=symbol_donors,
        ),
        Spec(
            "NotoSans-Bold.subset.ttf",
            noto("NotoSans-Bold.ttf"),
            "Noto Sans",
            "Bold",
            expand(LATIN) | shared,
            donors=(noto("NotoSansSymbols-Bold.ttf"), *symbol_donors),
        ),
        *script_specs(
            "NotoSansArmenian",
            "Noto Sans Armenian",
            expand(ARMENIAN) | shared,
            own=OWN_ARMENIAN,
        ),
        *script_specs(
            "NotoSansGurmukhi",
            "Noto Sans Gurmukhi",
            expand(GURMUKHI) | shared,
            own=OWN_GURMUKHI,
        ),
        *script_specs(
            "NotoSansKhmer",
            "Noto Sans Khmer",
            expand(KHMER) | shared,
            own=OWN_KHMER,
        ),
        *script_specs(
            "NotoNaskhArabic",
            "Noto Naskh Arabic",
            expand(ARABIC) | shared,
            own=OWN_ARABIC,
        ),
        *cjk_specs(
            "kr",
            "Noto Sans CJK KR",
            ksx1001_hangul() | expand(HANGUL_COMPAT_JAMO) | expand(CJK_COMMON) | shared,
            own=OWN_HANGUL,
            face=1,
        ),
        *cjk_specs(
            "tc",
            "Noto Sans CJK TC",
            big5_level1_hanzi() | expand(CJK_COMMON) | shared,
            own=OWN_HAN,
            face=3,
        ),
    ]


#: Each script in its regular and its bold weight: headings are truly bold on screen and in the
#: handout, not smeared by synthetic emboldening (on screen) or left regular (in the PDF).
STYLES = ("Regular", "Bold")


def script_specs(stem: str, family: str, wanted: set[int], own: Ranges) -> list[Spec]:
    """A script font's subsets, regular and bold; Noto Sans of the same weight donates the
    shared characters the script font lacks."""
    return [
        Spec(
            f"{stem}-{style}.subset.ttf",
            noto(f"{stem}-{style}.ttf"),
            family,
            style,
            wanted,
            own=own,
            donors=(noto(f"NotoSans-{style}.ttf"),),
        )
        for style in STYLES
    ]


def cjk_specs(region: str, family: str, wanted: set[int], own: Ranges, face: int) -> list[Spec]:
    """A CJK region's subsets, regular and bold (each weight is its own collection)."""
    return [
        Spec(
            f"NotoSansCJK{region}-{style}.subset.otf",
            CJK_DIR / f"NotoSansCJK-{style}.ttc",
            family,
            style,
            wanted,
            own=own,
            face=face,
            drop_features=CJK_DROP_FEATURES,
        )
        for style in STYLES
    ]


def in_ranges(cp: int, ranges: Ranges) -> bool:
    return any(first <= cp <= last for first, last in ranges)


def scanned_files() -> list[Path]:
    files: set[Path] = set()
    for base in SCAN_DIRS:
        if base.is_dir():
            for path in base.rglob("*"):
                if path.suffix in SCAN_SUFFIXES and path.is_file() and OUT_DIR not in path.parents:
                    files.add(path)
    return sorted(files)


def scanned_chars() -> set[int]:
    """Every character (other than controls) in the catalogs and operator text."""
    chars: set[int] = set()
    for path in scanned_files():
        chars.update(ord(ch) for ch in path.read_text(encoding="utf-8"))
    return {cp for cp in chars if cp >= 0x20 and not 0x7F <= cp <= 0x9F}


def load(path: Path, face: int | None = None) -> TTFont:
    return TTFont(path, fontNumber=-1 if face is None else face, recalcTimestamp=False)


def subset_options(font: TTFont | None = None, drop: tuple[str, ...] = ()) -> subset.Options:
    options = subset.Options()
    options.layout_features = ["*"]
    if drop and font is not None:
        tags = set()
        for tag in ("GSUB", "GPOS"):
            if tag in font and font[tag].table.FeatureList:
                tags |= {r.FeatureTag for r in font[tag].table.FeatureList.FeatureRecord}
        options.layout_features = sorted(tags - set(drop))
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]  # names, copyright, licence
    options.name_languages = [0x0409]
    options.recalc_timestamp = False
    return options


def make_subset(font: TTFont, unicodes: Iterable[int], drop: tuple[str, ...] = ()) -> None:
    subsetter = subset.Subsetter(options=subset_options(font, drop))
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def build(spec: Spec, extra: set[int], workdir: Path) -> tuple[TTFont, set[int], set[int]]:
    """Return the subset font, the code points it maps and the wanted ones it lacks."""
    font = load(spec.source, spec.face)
    names = font["name"]
    family, style = names.getDebugName(1), names.getDebugName(2)
    if (family, style) != (spec.family, spec.style):
        sys.exit(
            f"{spec.source} face {spec.face}: expected {spec.family!r} {spec.style!r}, "
            f"found {family!r} {style!r}"
        )
    source_cmap = font.getBestCmap()
    glyf = "glyf" in font
    wanted = spec.wanted | extra
    have = {cp for cp in wanted if cp in source_cmap}
    make_subset(font, have, spec.drop_features)
    missing = wanted - have

    donated: dict[Path, set[int]] = {}
    if glyf:
        for donor_path in spec.donors:
            donor_cmap = load(donor_path).getBestCmap()
            take = {cp for cp in missing if cp in donor_cmap and cp in spec.wanted}
            if take:
                donated[donor_path] = take
                missing -= take
    if donated:
        font = merge(font, donated, workdir)

    mapped = set(font.getBestCmap())
    return font, mapped, missing


# OS/2 fields copied from the base font after a merge (line spacing, style and vendor).
VERTICAL_OS2 = (
    "sTypoAscender",
    "sTypoDescender",
    "sTypoLineGap",
    "usWinAscent",
    "usWinDescent",
    "sxHeight",
    "sCapHeight",
    "fsSelection",
    "usWeightClass",
    "usWidthClass",
    "fsType",
    "achVendID",
    "panose",
)


def merge(font: TTFont, donated: dict[Path, set[int]], workdir: Path) -> TTFont:
    """Merge the donated glyphs into font (all glyf, 1000 units per em)."""
    created, modified = font["head"].created, font["head"].modified
    paths = [workdir / "base.ttf"]
    font.save(paths[0])
    for index, (donor_path, cps) in enumerate(donated.items()):
        donor = load(donor_path)
        if donor["head"].unitsPerEm != font["head"].unitsPerEm:
            sys.exit(f"{donor_path}: units per em differ from the font it donates to")
        make_subset(donor, cps)
        # The donor gives plain glyphs only: its layout tables would override nothing
        # useful and confuse the merge.
        for tag in ("GSUB", "GPOS", "GDEF", "BASE", "MATH"):
            if tag in donor:
                del donor[tag]
        path = workdir / f"donor{index}.ttf"
        donor.save(path)
        paths.append(path)
    merged = Merger(options=MergeOptions(drop_tables=["DSIG"])).merge([str(p) for p in paths])
    merged["head"].created, merged["head"].modified = created, modified
    # The merger takes the largest vertical metrics of all inputs (Noto Sans Math's deep
    # descender would add a quarter to Noto Sans' line height): keep the base font's.
    base = TTFont(paths[0], lazy=True)
    for attr in ("ascent", "descent", "lineGap"):
        setattr(merged["hhea"], attr, getattr(base["hhea"], attr))
    for attr in VERTICAL_OS2:
        setattr(merged["OS/2"], attr, getattr(base["OS/2"], attr))
    merged["OS/2"].recalcUnicodeRanges(merged)
    merged.recalcTimestamp = False
    # Round-trip so the caller sees the font as it will be on disk.
    out = workdir / "merged.ttf"
    merged.save(out)
    return TTFont(out, recalcTimestamp=False)


def save(font: TTFont, path: Path) -> bytes:
    font.recalcTimestamp = False
    tmp = path.with_suffix(path.suffix + ".tmp")
    font.save(tmp, reorderTables=True)
    data = tmp.read_bytes()
    tmp.replace(path)
    return data


def assignments(all_specs: list[Spec], chars: set[int]) -> dict[str, set[int]]:
    """Which scanned characters go to which subset (see the module docstring)."""
    covers = {}
    for spec in all_specs:
        cmap = load(spec.source, spec.face).getBestCmap()
        covers[spec.output] = {cp for cp in chars if cp in cmap}
    result: dict[str, set[int]] = {spec.output: set() for spec in all_specs}
    for cp in chars:
        owners = [s for s in all_specs if s.own and in_ranges(cp, s.own)]
        owners = [s for s in owners if cp in covers[s.output]]
        targets = owners or [s for s in all_specs if cp in covers[s.output]]
        for spec in targets:
            result[spec.output].add(cp)
    return result


def describe(cps: Iterable[int]) -> str:
    return " ".join(f"U+{cp:04X}" for cp in sorted(cps))


def generate() -> int:
    all_specs = specs()
    chars = scanned_chars()
    extra = assignments(all_specs, chars)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    covered: set[int] = set()
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for spec in all_specs:
            workdir = Path(tmp) / spec.output
            workdir.mkdir()
            font, mapped, missing = build(spec, extra[spec.output], workdir)
            data = save(font, OUT_DIR / spec.output)
            covered |= mapped
            total += len(data)
            digest = hashlib.sha256(data).hexdigest()[:12]
            print(
                f"{spec.output:40} {len(data) / 1024:8.1f} KB  {len(mapped):5} chars  "
                f"{spec.family!r}  sha256 {digest}"
            )
            # Unassigned code points inside the wanted blocks are not worth listing.
            real = {cp for cp in missing if unicodedata.category(chr(cp)) != "Cn"}
            if real:
                print(f"    not in the source or donors: {describe(real)}")
    print(f"{'total':40} {total / 1024:8.1f} KB")
    uncovered = chars - covered
    if uncovered:
        print(f"catalog characters no subset covers: {describe(uncovered)}")
        return 1
    return 0


def check() -> int:
    """Report catalog characters that no bundled subset maps (uses only fontTools)."""
    covered: set[int] = set()
    for spec in specs():
        path = OUT_DIR / spec.output
        if not path.exists():
            print(f"missing: {path.relative_to(ROOT)}")
            return 1
        covered |= set(TTFont(path, lazy=True).getBestCmap())
    chars = scanned_chars()
    uncovered = chars - covered
    if uncovered:
        print("characters in the catalogs or operator text that no bundled font covers:")
        for cp in sorted(uncovered):
            print(f"  U+{cp:04X} {chr(cp)!r}")
        print("rerun: uv run --with fonttools python build/make_fonts.py")
        return 1
    print(f"all {len(chars)} characters of {len(scanned_files())} files are covered")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if a catalog character has no glyph in the bundled fonts",
    )
    args = parser.parse_args(argv)
    if args.check:
        return check()
    for path in (NOTO_DIR, CJK_TTC):
        if not path.exists():
            sys.exit(f"{path} not found: apt-get install -y fonts-noto-core fonts-noto-cjk")
    return generate()


if __name__ == "__main__":
    sys.exit(main())
