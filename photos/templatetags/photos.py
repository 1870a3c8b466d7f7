"""`{% picture photo sizes=... %}`: a photo's renditions as a <picture>
(WebP for browsers that take it, JPEG otherwise), with width and height
set so nothing moves as it loads, lazy unless said otherwise."""

from django import template

register = template.Library()


def by_format(photo, fmt: str) -> list:
    # Renditions come prefetched (`Photo.objects.with_renditions()`) or
    # cached with the page's parts: no query per photo.
    return [r for r in photo.renditions.all() if r.format == fmt]


def srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def fallback(renditions, near: int = 960):
    """The JPEG for browsers without srcset: the one closest to `near`."""
    return min(renditions, key=lambda r: abs(r.width - near), default=None)


def largest(photo, fmt: str = "jpeg"):
    """The widest rendition, for link previews and structured data."""
    return max(by_format(photo, fmt), key=lambda r: r.width, default=None)


@register.inclusion_tag("photos/picture.html")
def picture(photo, sizes: str = "100vw", eager: bool = False, css: str = "") -> dict:
    jpeg = by_format(photo, "jpeg")
    src = fallback(jpeg)
    return {
        "photo": photo,
        "webp": srcset(by_format(photo, "webp")),
        "jpeg": srcset(jpeg),
        "src": src,
        "sizes": sizes,
        "eager": eager,
        "css": css,
    }


@register.inclusion_tag("photos/og_image.html", takes_context=True)
def og_image(context, photo) -> dict:
    """Open Graph tags of a photo: its widest JPEG (previews want 1200 px
    or more), its size and alt text."""
    image = largest(photo)
    request = context.get("request")
    url = request.build_absolute_uri(image.url) if image and request else ""
    return {"image": image, "url": url, "alt": photo.alt_text}
