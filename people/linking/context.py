"""The sentence around a name, for staff who review it out of its article."""


def context_of(
    body: str, start: int, end: int, width: int = 90
) -> tuple[str, str, str]:
    """The sentence around [start, end): (before, mention, after), trimmed."""
    left = max(body.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (body.find(c, end) for c in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(body)
    before, after = body[left:start].lstrip(), body[end:right]
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return before, body[start:end], after
