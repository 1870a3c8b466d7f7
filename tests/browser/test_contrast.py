"""Colour contrast (WCAG 2 AA) of every piece of text readers see, measured
on the rendered pages: 4.5:1 for body text, 3:1 for large text."""

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db(transaction=True)

# For each visible element holding text of its own: its colour, the colour
# it is painted on (the nearest opaque background, blending translucent ones
# on the way), and the WCAG contrast ratio between them.
MEASURE = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map(
    (i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const results = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some(
      (n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.opacity === "0") continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;  // visually hidden
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    results.push({
      text: el.textContent.trim().slice(0, 40),
      tag: el.tagName,
      ratio: (hi + 0.05) / (lo + 0.05),
      needed: large ? 3 : 4.5,
    });
  }
  return results;
}
"""


@pytest.fixture
def newsroom():
    make_person("Aïssata Koné", description="Secrétaire générale des dockers")
    make_article(
        "Les dockers en grève",
        body="« Les salaires n'ont pas suivi », a déclaré Aïssata Koné.",
        standfirst="Le port est à l'arrêt.",
        link=True,
    )


def test_text_contrast_meets_aa(page, live_server, newsroom):
    checked = 0
    for path in [
        "/",
        "/?person=aissata-kone",
        "/search/?q=dockers",
        "/articles/les-dockers-en-greve/",
        "/people/aissata-kone/",
        "/people/",
        "/topics/",
    ]:
        page.goto(live_server.url + path)
        # Keyboard focus shows the skip link: measure it too.
        page.keyboard.press("Tab")
        results = page.evaluate(MEASURE)
        checked += len(results)
        failing = [r for r in results if r["ratio"] < r["needed"]]
        assert not failing, f"{path}: {failing}"
    assert checked > 50  # the measure saw the pages' text
