"""The photos an RSS or Atom entry carries: `<enclosure>` of an image
type, Media RSS `<media:content>` (or a `<media:group>` of them) with its
`<media:description>` and `<media:credit>`, and Atom's
`<link rel="enclosure">`. Read from the XML tree that defusedxml already
checked; feedparser folds media:description into an entry's content, so
that text is also returned to be told apart from the body."""

from dataclasses import dataclass
from xml.etree.ElementTree import Element

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass(frozen=True)
class FeedImage:
    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


def entries(root: Element) -> list[Element]:
    """The RSS items or Atom entries, in document order (feedparser's)."""
    return [e for e in root.iter() if e.tag in ("item", f"{ATOM}entry")]


def images_of(entry: Element) -> list[FeedImage]:
    # An entry's first caption and credit, wherever they are in it, stand
    # for its images that have none of their own.
    caption = _text(entry, f".//{MEDIA}description")
    credit = _text(entry, f".//{MEDIA}credit")
    found = []
    for element in entry.iter():
        url = _image_url(element)
        if url and url not in (f.url for f in found):
            found.append(
                FeedImage(
                    url=url,
                    caption=_text(element, f"{MEDIA}description") or caption,
                    credit=_text(element, f"{MEDIA}credit") or credit,
                    alt=_text(element, f"{MEDIA}title"),
                )
            )
    return found


def media_descriptions(entry: Element) -> set[str]:
    return {
        " ".join((e.text or "").split())
        for e in entry.iter(f"{MEDIA}description")
        if e.text
    }


def _image_url(element: Element) -> str:
    kind = (element.get("type") or "").lower()
    if element.tag == "enclosure" or (
        element.tag == f"{ATOM}link" and element.get("rel") == "enclosure"
    ):
        url = element.get("url") or element.get("href") or ""
        return url if kind.startswith("image/") else ""
    if element.tag == f"{MEDIA}content":
        url = element.get("url") or ""
        is_image = element.get("medium") == "image" or kind.startswith("image/")
        if not is_image and not kind and not element.get("medium"):
            is_image = url.lower().split("?")[0].endswith(IMAGE_SUFFIXES)
        return url if is_image else ""
    return ""


def _text(element: Element, tag: str) -> str:
    child = element.find(tag)
    if child is None or not child.text:
        return ""
    return " ".join(child.text.split())
