"""The writer of bench/newsroom.py: for SECONDS, what a newsroom does while
readers read. Every 10 s an article is written, linked and published; every
2 s a staff member confirms or rejects a name; every 3 s a wire article is
imported (20 a minute). Prints the counts as JSON.

    python bench/newsroom_writer.py SECONDS   (run by bench/newsroom.py)
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(seconds: float) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User

    from people.models import Person

    rng = random.Random(11)
    names = list(Person.objects.order_by("?").values_list("name", flat=True)[:200])
    staff, _ = User.objects.get_or_create(username="bench-staff")
    folder = Path(tempfile.mkdtemp(prefix="newsroom-wire-"))
    done = {"published": 0, "decisions": 0, "imported": 0, "errors": 0}
    actions = [(10.0, publish), (2.0, decide), (3.0, wire)]
    due = dict.fromkeys(range(len(actions)), 0.0)
    start = time.monotonic()
    while (now := time.monotonic() - start) < seconds:
        for n, (every, action) in enumerate(actions):
            if now >= due[n]:
                due[n] += every
                try:
                    done[action(rng, names, staff, folder, n=int(now))] += 1
                except Exception as error:  # noqa: BLE001 - counted, reported
                    done["errors"] += 1
                    print(f"{action.__name__}: {error!r}", file=sys.stderr)
        time.sleep(0.05)
    print(json.dumps(done))


def body(rng: random.Random, names: list[str]) -> str:
    first, second = rng.sample(names, 2)
    return (
        f"« Nous suivrons le dossier », a déclaré {first} mardi.\n\n"
        f"{second} a répondu que le budget serait voté en janvier."
    )


def publish(rng, names, staff, folder, *, n: int) -> str:
    import datetime

    from articles.models import Article
    from articles.services import article_save, article_transition

    article = Article(
        title=f"Dépêche du jour {n} {rng.random():.6f}",
        body=body(rng, names),
        date=datetime.date.today(),
    )
    article_save(article=article, by=staff, expected_version=None, changed_fields=[])
    article_transition(article=article, to=Article.Status.PUBLISHED, by=None)
    return "published"


def decide(rng, names, staff, folder, *, n: int) -> str:
    from people import services
    from people.models import Mention

    recent = Mention.objects.filter(status=Mention.Status.AUTO).order_by("-pk")[:500]
    mention = rng.choice(list(recent))
    status = rng.choice([Mention.Status.CONFIRMED, Mention.Status.REJECTED])
    services.mentions_decide(mentions=[mention], status=status, by=staff)
    return "decisions"


def wire(rng, names, staff, folder, *, n: int) -> str:
    import datetime

    from articles.ingest.runner import run_import

    path = folder / f"wire-{n}-{rng.randrange(10**9)}.jsonl"
    record = {
        "title": f"Fil {n} {rng.random():.6f}",
        "body": body(rng, names),
        "date": datetime.date.today().isoformat(),
        "status": "published",
    }
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    report = run_import([path])
    if not any(line.outcome == "created" for line in report.lines):
        raise RuntimeError([(line.outcome, line.detail) for line in report.lines])
    return "imported"


if __name__ == "__main__":
    main(float(sys.argv[1]))
