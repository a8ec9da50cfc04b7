"""The seeds' content rules as checks people can run: UTM naming and text lengths.

UTM rules (パラメーター設計ルール): lower case only, underscores instead of spaces, no special
characters, dates as YYYYMM. Text rules (テキストコンテンツ): 商品名 ≤ 40, 商品説明文 ≤ 500,
meta title 30–60, meta description 120–160 characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
REQUIRED_UTM = ("utm_source", "utm_medium", "utm_campaign")
_VALUE = re.compile(r"^[a-z0-9_]+$")
_DATE_LIKE = re.compile(r"(?<!\d)(\d{4})[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2}))?(?!\d)")


@dataclass(frozen=True)
class RuleProblem:
    field: str
    code: str
    message: str  # Japanese, shown to the user


def normalise_utm_value(value: str) -> str:
    """A suggestion that follows the rules: NFKC, lower case, spaces/hyphens to underscores."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"[\s\-]+", "_", text)
    text = re.sub(r"[^a-z0-9_]", "", text)
    return re.sub(r"_+", "_", text).strip("_")


def check_utm_value(key: str, value: str) -> list[RuleProblem]:
    problems = []
    if not value:
        return [RuleProblem(key, "empty", f"{key} が空です")]
    if value != value.lower():
        problems.append(RuleProblem(key, "uppercase", f"{key}: 小文字のみを使用してください"))
    if " " in value or "\u3000" in value:
        problems.append(RuleProblem(key, "space", f"{key}: スペースの代わりにアンダースコアを使用してください"))
    if not _VALUE.match(value.lower().replace(" ", "_").replace("\u3000", "_")):
        problems.append(RuleProblem(key, "special", f"{key}: 特殊文字(英小文字・数字・_ 以外)は避けてください"))
    for m in _DATE_LIKE.finditer(value):
        year, month, day = m.groups()
        if day is not None or len(month) != 2 or m.group(0) != f"{year}{month}":
            problems.append(RuleProblem(key, "date_format", f"{key}: 日付は YYYYMM 形式にしてください ({m.group(0)})"))
    return problems


def check_utm_url(url: str) -> list[RuleProblem]:
    """Check a tagged URL against the naming rules; required parameters must be present."""
    parts = urlsplit(url.strip())
    problems = []
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(RuleProblem("url", "url", "URL は http(s):// で始まる完全な形式にしてください"))
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    for key in REQUIRED_UTM:
        if key not in params:
            problems.append(RuleProblem(key, "missing", f"{key} がありません"))
    for key in UTM_KEYS:
        if key in params:
            problems.extend(check_utm_value(key, params[key]))
    return problems


def build_utm_url(base_url: str, **params: str) -> tuple[str, list[RuleProblem]]:
    """Add UTM parameters (normalised to the rules) to a URL; returns the URL and what was fixed."""
    unknown = set(params) - {k.removeprefix("utm_") for k in UTM_KEYS} - set(UTM_KEYS)
    if unknown:
        raise ValueError(f"unknown UTM parameters: {sorted(unknown)}")
    parts = urlsplit(base_url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    fixed = []
    for key in UTM_KEYS:
        raw = params.get(key, params.get(key.removeprefix("utm_")))
        if raw is None or raw == "":
            continue
        value = normalise_utm_value(raw)
        if value != raw:
            fixed.append(RuleProblem(key, "normalised", f"{key}: 「{raw}」を「{value}」に直しました"))
        query.append((key, value))
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
    return url, fixed + [p for p in check_utm_url(url) if p.code == "missing"]


# (field, label, min, max) from the seed's テキストコンテンツ rules.
TEXT_RULES = {
    "product_name": ("商品名", None, 40),
    "product_description": ("商品説明文", None, 500),
    "meta_title": ("メタタイトル", 30, 60),
    "meta_description": ("メタディスクリプション", 120, 160),
}


def text_length(text: str) -> int:
    """Characters as people count them (NFC, newlines excluded)."""
    return len(unicodedata.normalize("NFC", text).replace("\r", "").replace("\n", ""))


def check_text(field: str, text: str) -> list[RuleProblem]:
    label, low, high = TEXT_RULES[field]
    n = text_length(text)
    if high is not None and n > high:
        return [RuleProblem(field, "too_long", f"{label}は最大{high}文字です(現在{n}文字)")]
    if low is not None and n < low:
        return [RuleProblem(field, "too_short", f"{label}は{low}〜{high}文字にしてください(現在{n}文字)")]
    return []
