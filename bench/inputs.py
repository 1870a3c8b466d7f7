"""Peak memory and time for the largest input each way in accepts, printed
as JSON.

    python bench/inputs.py [feed] [upload] [body]   # all three by default

Each case runs in a child process on a fresh SQLite database, so its peak
resident memory is its own; each is also given as a ratio to a baseline
case (a one-article file) measured in the same run:
- the largest accepted feed (an RSS file of IMPORT_MAX_FILE_BYTES, cut to
  IMPORT_MAX_ITEMS_PER_FILE entries), imported by the command's code path;
- the largest accepted upload (a JSON Lines file of that size) through the
  admin's upload;
- the largest accepted body (ARTICLE_MAX_BODY_CHARS of French news text
  with names), saved and linked with the NER model.
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import run_child  # noqa: E402

SENTENCE = (
    "« Nous irons jusqu'au bout », a déclaré mardi Aïssata Koné devant les "
    "dockers du port, avant que le ministre Jean Dupont ne réponde. "
)


def rss(size: int, path: Path) -> None:
    """An RSS file of about `size` bytes."""
    item = (
        "<item><title>Dépêche {n}</title><guid>urn:bench:{n}</guid>"
        "<pubDate>Tue, 02 Apr 2024 08:00:00 +0000</pubDate>"
        f"<description>{SENTENCE * 20}</description></item>\n"
    )
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>\n')
        n, written = 0, 200  # the channel's opening and closing tags
        while written + len((line := item.format(n=n)).encode()) < size:
            out.write(line)
            written += len(line.encode())
            n += 1
        out.write("</channel></rss>\n")


def jsonl(size: int, path: Path) -> None:
    """A JSON Lines file of about `size` bytes."""
    with path.open("w", encoding="utf-8") as out:
        n, written = 0, 0
        while written < size - 10_000:
            line = json.dumps(
                {"title": f"Article {n}", "date": "2024-04", "body": SENTENCE * 40}
            )
            out.write(line + "\n")
            written += len(line.encode()) + 1
            n += 1


def child(case: str, path: str) -> None:
    """Run one case in this (child) process; print its figures."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    detail = run_case(case, Path(path))
    figures = {
        "seconds": round(time.perf_counter() - start, 2),
        "peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        **detail,
    }
    print(json.dumps(figures))


def run_case(case: str, path: Path) -> dict:
    from django.conf import settings

    if case in ("feed", "baseline"):
        from articles.ingest.runner import run_import

        report = run_import([path])
        return {"created": report.created, "failed": report.failed}
    if case == "upload":
        from django.core.files.uploadedfile import SimpleUploadedFile

        from articles.ingest.upload import import_upload

        upload = SimpleUploadedFile(path.name, path.read_bytes())
        report = import_upload(upload)
        return {"created": report.created, "failed": report.failed}
    from articles.models import Article
    from people.linker import link_article
    from people.models import Person

    Person.objects.create(name="Aïssata Koné")
    body = (SENTENCE * (settings.ARTICLE_MAX_BODY_CHARS // len(SENTENCE)))[
        : settings.ARTICLE_MAX_BODY_CHARS
    ]
    article = Article(title="Long", slug="long", body=body, date="2024-04-02")
    article.full_clean()
    article.save()
    result = link_article(article=article)
    return {"chars": len(body), "linked": result.linked, "pending": result.pending}


def measure(case: str, path: Path, env: dict) -> dict:
    print(f"{case}…", file=sys.stderr, flush=True)
    return run_child(__file__, case, str(path), env=env)


def main() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    env.update(DJANGO_DEBUG="1", LOG_LEVEL="ERROR", CACHE_DIR=tempfile.mkdtemp())
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    folder = Path(tempfile.mkdtemp())
    limit = settings.IMPORT_MAX_FILE_BYTES
    (folder / "one.txt").write_text(f"date 2024-04 Une\n\n{SENTENCE}", "utf-8")
    rss(limit, folder / "largest.rss")
    jsonl(limit, folder / "largest.jsonl")
    baseline = measure("baseline", folder / "one.txt", env)
    report = {
        "limits": {
            "file_bytes": limit,
            "items_per_file": settings.IMPORT_MAX_ITEMS_PER_FILE,
            "body_chars": settings.ARTICLE_MAX_BODY_CHARS,
        },
        "baseline_one_article": baseline,
    }
    cases = {"feed": "largest.rss", "upload": "largest.jsonl", "body": ""}
    for case in sys.argv[1:] or cases:
        figures = measure(case, folder / cases[case], env)
        figures["rss_ratio_to_baseline"] = round(
            figures["peak_rss_mb"] / baseline["peak_rss_mb"], 2
        )
        report[f"largest_{case}"] = figures
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
