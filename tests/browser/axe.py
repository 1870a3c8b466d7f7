"""axe-core (the copy axe-playwright-python ships; nothing is downloaded)
run in the page: the WCAG 2.1 A and AA rules."""

from axe_playwright_python.sync_playwright import Axe

RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def serious_violations(page) -> list[str]:
    """Each serious or critical violation: its rule and the first places."""
    results = Axe().run(page, options=RULES).response
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(n["target"][0] for n in v["nodes"][:3] if n["target"])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
