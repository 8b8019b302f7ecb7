"""A browser's User-Agent in two words for the sessions list and the security log."""

import pytest

from app.services.user_agents import describe_agent

CASES = [
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.56",
        ("Edge 126", "Windows"),
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Safari/605.1.15",
        ("Safari 17", "macOS"),
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        ("Safari 17", "iOS"),
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.6478.71 Mobile Safari/537.36",
        ("Chrome 126", "Android"),
    ),
    (
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        ("Firefox 128", "Linux"),
    ),  # fmt: skip
    ("curl/8.5.0", ("curl 8", "")),
    ("", ("", "")),
    (None, ("", "")),
    ("x" * 5000, ("", "")),
]


@pytest.mark.parametrize(("header", "expected"), CASES)
def test_browser_and_system_are_told_simply(header, expected):
    assert describe_agent(header) == expected
