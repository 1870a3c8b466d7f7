"""Settings for bench/pages.py: the production settings plus a bare view."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
