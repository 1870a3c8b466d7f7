"""Production settings fail hard when a secret is missing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_without_debug_refuses_to_start():
    result = run_check(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key():
    assert run_check(DJANGO_DEBUG="1").returncode == 0
