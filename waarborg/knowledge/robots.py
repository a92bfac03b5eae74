"""robots.txt, fetched once per host through the same guarded fetcher as the pages.

Follows the common reading: no robots.txt (404/410) allows everything; a robots.txt that
cannot be fetched for another reason (server error, time-out, refused) allows nothing for this
run, because silence is no permission.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from waarborg.knowledge.fetch import Fetcher, FetchError


class RobotsRules:
    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self._fetcher = fetcher
        self._agent = user_agent
        self._parsers: dict[str, RobotFileParser] = {}
        self._failures: dict[str, str] = {}

    def refusal(self, url: str) -> str:
        """Why ``url`` may not be fetched, for the problems list."""
        failure = self._failures.get(_origin(url))
        if failure:
            return f"robots.txt is niet op te halen ({failure}); de site wordt overgeslagen."
        return "Uitgesloten door robots.txt."

    def allowed(self, url: str) -> bool:
        origin = _origin(url)
        parser = self._parsers.get(origin)
        if parser is None:
            parser = self._load(origin)
            self._parsers[origin] = parser
        return parser.can_fetch(self._agent, url)

    def _load(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            fetched = self._fetcher.get(f"{origin}/robots.txt")
        except FetchError as error:
            if not error.gone:
                self._failures[origin] = error.message
            parser.parse([] if error.gone else ["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(fetched.content.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(self._agent)
        if delay is not None:
            self._fetcher.extra_delay = max(self._fetcher.extra_delay, min(float(delay), 30.0))
        return parser


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
