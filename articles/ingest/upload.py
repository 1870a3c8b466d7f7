"""Imports from a file uploaded in the admin."""

import tempfile
from pathlib import Path

from articles.ingest.loader import ImportOptions
from articles.ingest.runner import PARSERS, Line, Report, run_import


def import_upload(upload, *, source=None, status=None, user=None) -> Report:
    """Save the upload to a temporary file with its name, and import it."""
    name = Path(upload.name).name
    if Path(name).suffix.lower() not in PARSERS:
        return Report(
            [Line("failed", name, f"unsupported format {Path(name).suffix!r}")]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        options = ImportOptions(
            status=status, source=source, origin=f"upload:{name}", user=user
        )
        report = run_import([path], options=options)
    # Errors name the uploaded file, not the temporary folder.
    for line in report.lines:
        line.what = line.what.replace(str(path), name)
        line.detail = line.detail.replace(str(path), name)
    return report
