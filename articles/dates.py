"""Article dates as the inputs write them: a day, or a month kept as such."""

import datetime

from articles.models import Article


def parse_date(value: str) -> tuple[datetime.date, str]:
    """Parse 'YYYY-MM' or 'YYYY-MM-DD' into (date, precision); ValueError if bad."""
    value = value.strip()
    parts = value.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM or YYYY-MM-DD")
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM or YYYY-MM-DD")
    year, month = int(parts[0]), int(parts[1])
    day = int(parts[2]) if len(parts) == 3 else 1
    try:
        date = datetime.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None
    precision = (
        Article.DatePrecision.DAY if len(parts) == 3 else Article.DatePrecision.MONTH
    )
    return date, precision
