"""Writing a handout PDF to a file, through the kiosk's one place for writes.

The command line writes where the operator says (``-o FILE``). The help-desk view saves into a
folder of the user's documents (or the folder given with ``--out``), with a name that says the
language and paper, so a volunteer never needs a file dialog and can find the file again.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from kiosk.core.storage import StorageError, output_file_problem, write_atomically

HANDOUT_FOLDER_NAME = "Visitor kiosk handouts"


def default_handout_dir() -> Path:
    return Path(platformdirs.user_documents_dir()) / HANDOUT_FOLDER_NAME


def handout_file_name(language: str, paper_size: str) -> str:
    return f"securus-steps-{language}-{paper_size}.pdf"


def save_pdf(path: Path, pdf: bytes) -> Path:
    """Write the PDF atomically (no .bak: a handout is made again in a second), only as a
    regular file or a new name (kiosk.core.storage.output_file_problem); a missing folder is
    made.

    Raises kiosk.core.storage.StorageError, whose message names the file and the reason.
    """
    problem = output_file_problem(path, folder_is_made=True)
    if problem:
        raise StorageError(path, problem)
    write_atomically(path, pdf, keep_backup=False)
    return path
