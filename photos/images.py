"""Reading images safely and making their renditions, with Pillow.

Every image goes through `inspect` before anything is stored, whichever
way it came (admin upload, wire feed, demo loader): a known format, a
header Pillow can read, no more pixels than PHOTO_MAX_PIXELS (a
decompression bomb is a small file that claims a huge image: it is refused
on its header, before any decoding), and a body that decodes.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# The widths browsers choose from (srcset); the largest that the original
# allows is always made too, so a wide original keeps a 1200 px+ rendition
# for search engines' previews.
WIDTHS = (320, 640, 960, 1280, 1600, 2048)
QUALITY = {"webp": 80, "jpeg": 82}


@dataclass(frozen=True)
class Checked:
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format]


def inspect(data: bytes) -> Checked:
    """What `data` is, or a ValidationError saying why it is refused."""
    limit = settings.PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                if fmt not in FORMATS:
                    raise ValidationError(
                        _("unsupported image format %(format)s (JPEG, PNG, WebP, GIF)"),
                        params={"format": fmt},
                    )
                if width * height > limit:
                    raise _too_big(width, height, limit)
                image.load()  # a truncated or corrupt body fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("refused: the image claims too many pixels")) from None
    except UnidentifiedImageError:
        raise ValidationError(_("not an image Pillow can read")) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("damaged image: %(error)s"), params={"error": exc}
        ) from None
    return Checked(fmt, width, height)


def _too_big(width: int, height: int, limit: int) -> ValidationError:
    return ValidationError(
        _("refused: %(w)s×%(h)s pixels is over the limit of %(limit)s"),
        params={"w": width, "h": height, "limit": f"{limit:,}"},
    )


def widths_for(original: int) -> list[int]:
    """Rendition widths for an original `original` pixels wide: never
    larger than it is."""
    widths = [w for w in WIDTHS if w < original]
    widths.append(min(original, WIDTHS[-1]))
    return sorted(set(widths))


def render(data: bytes) -> list[tuple[str, int, int, bytes]]:
    """Every rendition of `data` as (format, width, height, bytes): WebP
    and JPEG at each width, upright (EXIF orientation applied), without
    metadata (no camera serial numbers or GPS positions go public)."""
    with Image.open(io.BytesIO(data)) as opened:
        opened.seek(0)  # the first frame of an animation
        image = ImageOps.exif_transpose(opened)
        image = _flattened(image)
    out = []
    for width in widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for fmt in ("webp", "jpeg"):
            buffer = io.BytesIO()
            resized.save(buffer, fmt.upper(), quality=QUALITY[fmt], optimize=True)
            out.append((fmt, width, height, buffer.getvalue()))
    return out


def _flattened(image: Image.Image) -> Image.Image:
    """RGB, transparent parts on white (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")
