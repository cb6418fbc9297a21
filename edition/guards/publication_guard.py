"""The build meant for publication refuses a placeholder address.

Every citation, ``_cite/`` file and ``<meta>`` tag carries ``edition_base_url``
(conf.py: the environment variable ``EDITION_BASE_URL``, by default a reserved example
domain so that nothing ever points to a stranger's site). That default is right for
previews and wrong on the web. With ``EDITION_PUBLISH=1`` in the environment, as
``make publish`` sets it, the build stops at once (``conf.py:line: message``, exit 2, no
traceback) unless the base URL is an ``https://`` address on a host that can be published: not a
reserved name of RFC 2606 / RFC 6761 (``example.org`` and the other ``example``
domains, ``.example``, ``.test``, ``.invalid``, ``.localhost``) and not a loopback,
private or documentation IP address. ``python -m edition.tools.publish --check-base-url`` makes the same
check before ``make publish`` builds anything, and ``--check-published`` checks the
published files after.

Every build, for publication or not, refuses a base URL that is not a plain ``https://`` address
(``javascript:``, a path, a user, a query or a fragment) or that holds a space, a newline, a
control character, a quote or a character a URL never carries unescaped: the value reaches HTML
attributes, ``robots.txt``, the sitemaps and the RIS, BibTeX and CSL records, each a line-based or
quoted format (issue 26, S12 S15).
"""

from __future__ import annotations

import ipaddress
import os
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from edition.data.edition_data import stop

RESERVED_NAMES = ("example", "example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "test", "invalid", "localhost", "local")


def publishing() -> bool:
    """True in the build meant for publication (``EDITION_PUBLISH=1``)."""
    return os.environ.get("EDITION_PUBLISH", "") not in ("", "0")


def reserved_host(host: str) -> bool:
    """A host that no published page may name: a reserved domain or a non-public address."""
    host = host.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        labels = host.split(".")
        return (not host or labels[-1] in RESERVED_TLDS
                or any(host == name or host.endswith("." + name) for name in RESERVED_NAMES))
    return not address.is_global


UNSAFE_IN_URL = set("\"'<>\\`{}|^")


def malformed_base_url(url: str) -> str | None:
    """Why *url* cannot be the base URL of any build, or None."""
    shown = repr(url[:80]) + ("…" if len(url) > 80 else "")
    bad = next((c for c in url if c.isspace() or c in UNSAFE_IN_URL or unicodedata.category(c).startswith("C")), None)
    if bad is not None:
        return f"EDITION_BASE_URL {shown} holds {bad!r}: a space, a control character, a quote or a bracket"
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc or "?" in url or "#" in url:
        return f"EDITION_BASE_URL {shown} is not an https:// address (with no user, query or fragment)"
    return None


def base_url_problem(url: str) -> str | None:
    """Why *url* cannot be the published edition's base URL, or None if it can."""
    malformed = malformed_base_url(url)
    if malformed:
        return malformed
    parts = urlsplit(url)
    if reserved_host(parts.hostname):
        return (f"EDITION_BASE_URL {url!r} is a reserved or non-public address ({parts.hostname}); "
                "set EDITION_BASE_URL to the edition's real address to publish")
    return None


def where(confdir: str | Path) -> str:
    """``conf.py:<line>`` of the ``edition_base_url`` setting."""
    conf = Path(confdir) / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.exists() else []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("edition_base_url")), 1)
    return f"{conf}:{line}"


def check_base_url(app, config):
    malformed = malformed_base_url(config.edition_base_url)
    if malformed:
        stop([f"{where(app.confdir)}: {malformed}"])
    if publishing():
        problem = base_url_problem(config.edition_base_url)
        if problem:
            stop([f"{where(app.confdir)}: {problem} (EDITION_PUBLISH is set: this build is for publication)"])


def setup(app):
    app.connect("config-inited", check_base_url, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
