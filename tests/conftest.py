"""Shared fixtures: a real threaded HTTP server on 127.0.0.1, feeds.yaml writing, a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from pytest_httpserver import HTTPServer

DATA = Path(__file__).parent / "data"
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1 serving many requests at once."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    try:
        yield httpserver
    finally:
        httpserver.clear()
        if httpserver.is_running():
            httpserver.stop()


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a feeds.yaml into tmp_path from a list of feeds and extra top-level keys."""

    def write(feeds: list[dict[str, Any]], **extra: Any) -> Path:
        data: dict[str, Any] = {
            "title": "Test Clearinghouse",
            "description": "Calls and news for tests",
            "site_url": "https://clearinghouse.example.org/",
            "database": "test.db",
            "site": "site",
            "fetch": {"workers": 0, "read_timeout": 1, "total_timeout": 3},
        }
        data.update(extra)
        data["feeds"] = feeds
        path = tmp_path / "feeds.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        return path

    return write


def read(name: str) -> bytes:
    """Bytes of a file under tests/data."""
    return (DATA / name).read_bytes()


def through(server: HTTPServer) -> httpx.AsyncBaseTransport:
    """A transport that sends requests for any host to the local server, as to a
    forward proxy: partners can have public names without leaving 127.0.0.1."""
    return httpx.AsyncHTTPTransport(proxy=f"http://127.0.0.1:{server.port}")
