"""Names vulture (`uv run vulture`, configured in pyproject.toml) would report as unused, and why
they are not. Never imported: vulture reads it as one more file in which these names are used.

Add a name here only when something outside the scanned Python calls it; code that nothing
calls is deleted instead.
"""
# ruff: noqa: B018, F821

# Qt calls these overrides of its virtual methods.
_.paintEvent
_.mousePressEvent
_.mouseReleaseEvent
_.minimumSizeHint
_.hasHeightForWidth
_.addItem  # QLayout
_.takeAt
_.expandingDirections
_.intrinsicSize  # QTextObjectInterface
_.drawObject
pos  # ... whose signatures name arguments the kiosk does not need

# argparse calls an Action with (parser, namespace, values, option_string).
namespace
option_string

# Babel calls the content extractor (translations/babel.cfg) with all four arguments.
_.extract_content
keywords
comment_tags

# Reached with getattr: the account answer's outcome names the field (AnswerBox).
_.none
# ... and the rollout's phase names the wording (RolloutText.for_phase).
_.undated

# Called from build/kiosk.spec and the spec build/measure_bundle.py writes; read by
# tests/test_bundle.py.
_.QT_MODULES_USED
_.SYSTEM_LIBRARIES
_.stage_translations
_.compiled_catalogs_newer
_.add_deployment_files
_.one_folder_bundle

# fontTools' subsetter and TTFont read these options (build/make_fonts.py).
_.layout_features
_.hinting
_.notdef_outline
_.glyph_names
_.name_IDs
_.name_languages
_.recalc_timestamp
_.recalcTimestamp

# What tests watch or drive, as a person would see it, beside what the kiosk itself calls:
# the first frame and the work after it, a help-desk half's current page, the volume limits,
# read aloud's one-button toggle, the engine's QTextToSpeech, the step cards shown.
_.first_frame_done
_.revealing  # a scroll into view on its way (tests wait for it)
_.chrome_built
_.built_ids
_.is_busy
_.current_page
_.can_volume_up
_.can_volume_down
_.toggle
_.qt
_.visible_titles
# ... the staff screen's words before a website on another host is saved.
_.website_warning
