"""Production settings, checked on a real configuration in a subprocess."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 20 + "production-grade-secret-key-for-the-test-only-0123456789"


def production_env(tmp_path) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
        "DJANGO_ADMIN_URL": "desk-7f3a/",
        # Production serves hashed static files from a manifest: collect them
        # into the test's own folder, as a deployment would.
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }


def test_check_deploy_reports_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SCRIPT = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="news.example.org")
    out = {}
    for url in ["/", "/people/", "/robots.txt", "/healthz", "/search/?q=x",
                "/en/", "/desk-7f3a/login/", "/admin/login/"]:
        r = client.get(url, secure=True)
        cookies = {
            k: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])}
            for k, m in r.cookies.items()
        }
        out[url] = {"status": r.status_code, "headers": dict(r.headers),
                    "cookies": cookies}
    insecure = Client(HTTP_HOST="news.example.org").get("/")
    out["http"] = {"status": insecure.status_code, "location": insecure.get("Location")}
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def responses(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prod")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=production_env(tmp),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGES = [
    "/",
    "/people/",
    "/robots.txt",
    "/healthz",
    "/search/?q=x",
    "/en/",
    "/desk-7f3a/login/",
]


@pytest.mark.parametrize("url", PAGES)
def test_security_headers_on_every_page(responses, url):
    response = responses[url]
    assert response["status"] == 200, response
    headers = response["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp


def test_admin_is_only_at_the_configured_url_and_cookies_are_safe(responses):
    assert responses["/admin/login/"]["status"] == 404
    cookies = responses["/desk-7f3a/login/"]["cookies"]
    assert cookies["csrftoken"] == {"secure": True, "httponly": True}


def test_plain_http_is_redirected_to_https(responses):
    assert responses["http"]["status"] == 301
    assert responses["http"]["location"].startswith("https://")
