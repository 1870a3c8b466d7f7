"""HTML from feeds, reduced to plain paragraphs: no markup reaches a body."""

import html
import re
from html.parser import HTMLParser

# Content of these elements is dropped entirely, not just their tags.
_DROP = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "head",
    "title",
    "form",
    "button",
    "select",
    "textarea",
}
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "tr",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP:
            self.dropping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_to_paragraphs(markup: str) -> str:
    """Plain text with paragraphs separated by blank lines."""
    if "<" not in markup and "&" not in markup:
        text = markup
    else:
        parser = _Text()
        parser.feed(markup)
        parser.close()
        text = html.unescape("".join(parser.parts))
    # Control characters (but newlines) never belong in a body.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
