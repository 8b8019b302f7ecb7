"""Each staff member's calendar feed: its secret link (links.py) and what it lists (feed.py)."""
