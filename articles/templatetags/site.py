import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from newsroom import text

register = template.Library()


@register.simple_tag
def page_url(name: str) -> str:
    """`{% url name %}` for a page that takes no argument, worked out once
    per language: the layout names a dozen of them on every page."""
    return _page_url(
        name, get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)
    )


@lru_cache(maxsize=512)
def _page_url(name: str, language: str, prefix: str, urlconf: str) -> str:
    # The key holds all reverse() reads besides the name.
    return reverse(name, urlconf=urlconf)


@register.simple_tag(takes_context=True)
def search_query(context) -> str:
    """The search box's value: the query as it is searched (see
    articles.search.request_query), never raw control characters."""
    from articles.search import request_query

    return request_query(context["request"])


# The characters json_script escapes, so JSON cannot close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This page in each language of the site."""
    request = context["request"]
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": in_language(request, current, code),
                "active": code == current,
            }
        )
    return links


def in_language(request, current: str, code: str) -> str:
    """This page's path in language `code`. Every public URL is the same in
    each language but for its prefix (i18n_patterns, none for the default
    language), so swapping the prefix is enough; anything else goes through
    `translate_url` (resolving and reversing: the most costly part of a
    page's layout)."""
    default = settings.LANGUAGE_CODE
    path = request.get_full_path()
    prefix = "" if current == default else f"/{current}"
    if prefix and not path.startswith(prefix + "/"):
        return translate_url(path, code)
    rest = path[len(prefix) :]
    return rest if code == default else f"/{code}{rest}"


@register.simple_tag
def json_ld(data: str) -> str:
    """A JSON-LD script block; the JSON is escaped like json_script does."""
    if not isinstance(data, str):
        data = json.dumps(data, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(_JSON_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.filter
def xml_safe(value) -> str:
    """Text without what XML 1.0 forbids (for the XML templates)."""
    return text.xml_safe(str(value))


@register.filter
def summary(value, limit: int = 200) -> str:
    """A meta description: one line, at most `limit` characters, ending on a
    whole word (then an ellipsis), never cut inside one."""
    raw = str(value or "")
    # Only the start matters (a body may be long): enough to fill `limit`
    # once spaces are collapsed, and to know whether more follows.
    text = " ".join(raw[: limit * 4].split())
    if len(text) <= limit and len(raw) <= limit * 4:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


@register.simple_tag
def article_card(article, snippet: str = "") -> str:
    """An article in a list: built here rather than by an included template,
    which costs more than the rest of a list page's rendering together (a
    list shows twenty; profiled on the person and home pages)."""
    lead = ""
    if snippet:
        lead = format_html('<p class="snippet">{}</p>', snippet)
    elif article.standfirst:
        lead = format_html("<p>{}</p>", article.standfirst)
    return format_html(
        '<article class="card" lang="{}"><h2><a href="{}">{}</a></h2>'
        '<p class="meta"><time datetime="{}">{}</time>{}</p>{}</article>',
        article.language,
        article.get_absolute_url(),
        article.title,
        article.date_iso,
        article.date_display,
        format_html(" · {}", article.source.name) if article.source_id else "",
        lead,
    )
