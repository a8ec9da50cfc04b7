"""UTM naming rules and text-length rules from the seeds."""

from urllib.parse import parse_qs, urlsplit

from ecmanual.domain.content_rules import (
    build_utm_url, check_text, check_utm_url, check_utm_value, normalise_utm_value,
)


def codes(problems):
    return {p.code for p in problems}


def test_seed_example_url_passes():
    url = ("https://your-ecforce-site.com/campaign-lp?utm_source=facebook&utm_medium=cpc"
           "&utm_campaign=summer_sale_2025&utm_content=adA")
    problems = check_utm_url(url)
    # The seed's own example uses "adA": upper case breaks its own rule, and the check says so.
    assert codes(problems) == {"uppercase"} and problems[0].field == "utm_content"


def test_rules_fire():
    assert "uppercase" in codes(check_utm_value("utm_campaign", "Summer_Sale"))
    assert "space" in codes(check_utm_value("utm_campaign", "summer sale"))
    assert "special" in codes(check_utm_value("utm_campaign", "sale!2025"))
    assert "date_format" in codes(check_utm_value("utm_campaign", "gw_sale_2026-04"))
    assert "date_format" in codes(check_utm_value("utm_campaign", "gw_sale_20260422"))
    assert check_utm_value("utm_campaign", "gw_sale_202604") == []
    assert codes(check_utm_url("https://example.com/?utm_source=line")) == {"missing"}
    assert "url" in codes(check_utm_url("example.com/?utm_source=a&utm_medium=b&utm_campaign=c"))


def test_builder_normalises_and_keeps_other_parameters():
    url, fixed = build_utm_url("https://example.com/lp?ref=top", source="LINE", medium="Rich Message",
                               campaign="ＧＷ先行セール 202604")
    q = parse_qs(urlsplit(url).query)
    assert q["ref"] == ["top"] and q["utm_source"] == ["line"] and q["utm_medium"] == ["rich_message"]
    assert q["utm_campaign"] == ["gw_202604"]
    assert {p.field for p in fixed} == {"utm_source", "utm_medium", "utm_campaign"}
    assert check_utm_url(url) == []
    assert normalise_utm_value("Summer Sale-2025") == "summer_sale_2025"


def test_text_lengths():
    assert check_text("product_name", "あ" * 40) == []
    assert codes(check_text("product_name", "あ" * 41)) == {"too_long"}
    assert codes(check_text("meta_title", "短い")) == {"too_short"}
    assert check_text("meta_title", "あ" * 30) == []
    assert codes(check_text("meta_description", "あ" * 161)) == {"too_long"}
    assert check_text("meta_description", "あ" * 120) == []
