"""A browser's User-Agent header in two words: its browser (with major version) and system."""

import re

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edge", re.compile(r"Edg(?:e|A|iOS)?/(\d+)")),
    ("Opera", re.compile(r"OPR/(\d+)")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/(\d+)")),
    ("Firefox", re.compile(r"(?:Firefox|FxiOS)/(\d+)")),
    ("Chrome", re.compile(r"(?:Chrome|CriOS)/(\d+)")),
    ("Safari", re.compile(r"Version/(\d+)[\d.]* (?:Mobile/\S+ )?Safari/")),
    ("curl", re.compile(r"^curl/(\d+)")),
)
SYSTEMS = (
    ("Android", re.compile(r"Android")),
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Mac OS X|Macintosh")),
    ("Linux", re.compile(r"Linux|X11")),
)


def describe_agent(header: str | None) -> tuple[str, str]:
    """('Firefox 121', 'Windows'); an empty string for what cannot be told."""
    header = (header or "")[:1000]
    browser = next(
        (f"{name} {found.group(1)}" for name, rx in BROWSERS if (found := rx.search(header))), ""
    )
    system = next((name for name, rx in SYSTEMS if rx.search(header)), "")
    return browser[:40], system[:40]
