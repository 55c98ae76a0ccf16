"""URL canonicalisation: one spelling per page, so a page is fetched and stored once."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader; they never select different content.
_TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|yclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|"
    r"cmpid|ocid|ncid|at_medium|at_campaign|at_source|ref_src|ref_url|rss|from_rss|"
    r"share|s_cid|spm|_hsenc|_hsmi|mkt_tok|oly_enc_id|oly_anon_id|vero_id|wt_mc|wt\.mc_id)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters,
    sort the remaining query parameters. Paths are kept as they are (they are case-sensitive)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    # Built from host and port only: credentials never belong in a stored URL.
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k))
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_hash(url: str) -> str:
    """Stable id of a page: sha1 of its canonical URL."""
    return hashlib.sha1(canonicalize_url(url).encode("utf-8")).hexdigest()
