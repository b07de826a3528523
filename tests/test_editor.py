"""Editor support: the schema describes every key, and yaml-language-server uses it.

The language-server tests start the real ``yaml-language-server`` and speak LSP to it
over its standard input and output. They find it as ``ORGSTRATEGY_YAML_LS`` names it,
else in ``.ci/node`` (``npm install --prefix .ci/node yaml-language-server``), else on
``PATH``, and skip where it or node is absent (or where ``ORGSTRATEGY_YAML_LS`` names
a file that does not exist). The server is given the schema as a local
file and the schema store is turned off, so it never reaches the network.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

import orgstrategy
from conftest import ROOT

SCHEMA_FILE = ROOT / "schemas" / "orgstrategy-1.1.schema.json"
#: How long to wait for any one answer from the server, and for all of them, in seconds.
TIMEOUT = 10.0
BUDGET = 20.0


# The schema's own text: what an editor shows on hover and next to a completion.


def properties(schema: Any, where: str = "#") -> Iterator[tuple[str, Any]]:
    """Yield every entry of every ``properties`` in *schema*, with where it is."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            yield f"{where}/properties/{name}", prop
        for key, value in schema.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from properties(value, f"{where}/{index}")


def described(schema: dict[str, Any], node: Any) -> bool:
    """Whether *node* has a title and a description, itself or through a local ``$ref``."""
    if not isinstance(node, dict):
        return False
    if node.get("title") and node.get("description"):
        return True
    ref = node.get("$ref", "")
    return ref.startswith("#/$defs/") and described(schema, schema["$defs"][ref[8:]])


class TestSchemaText:
    """Every key of the schema has a title and a description, for hover and completion."""

    def test_every_property_has_a_title_and_a_description(self) -> None:
        schema = orgstrategy.schema()
        found = list(properties(schema))
        assert len(found) > 100
        for where, prop in found:
            assert isinstance(prop, dict), where
            for key in ("title", "description"):
                text = prop.get(key)
                assert isinstance(text, str), f"{where} has no {key}"
                assert text.strip(), f"{where} has an empty {key}"

    def test_the_items_of_every_list_are_described(self) -> None:
        schema = orgstrategy.schema()
        lists = [(where, prop) for where, prop in properties(schema) if "items" in prop]
        assert len(lists) > 10
        for where, prop in lists:
            assert described(schema, prop["items"]), f"{where}/items"

    def test_statement_points_in_particular(self) -> None:
        statement = orgstrategy.schema()["$defs"]["statement"]
        points = statement["properties"]["points"]
        assert points["title"] == "Points"
        assert points["items"]["title"]
        assert points["items"]["description"]


# A small LSP client: JSON-RPC messages framed by Content-Length headers.


class LanguageServer:
    """A language server run as a child process, spoken to over its stdin and stdout.

    Requests from the server are answered at once: ``workspace/configuration`` with
    *settings*, anything else with ``null``. Notifications are kept for `wait_for`.
    Every wait ends after `TIMEOUT` seconds, and all of them once `BUDGET` seconds have
    passed since the start.
    """

    def __init__(self, command: list[str], settings: dict[str, Any], cwd: Path) -> None:
        self.settings = settings
        self.stderr = (cwd / "server.log").open("wb")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            cwd=cwd,
        )
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()
        self._arrived = threading.Condition()
        self._responses: dict[int, dict[str, Any]] = {}
        self._notifications: list[dict[str, Any]] = []
        self._closed = False
        self._deadline = time.monotonic() + BUDGET
        self._reader = threading.Thread(target=self._read_all, daemon=True)
        self._reader.start()

    # Framing.

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        with self._write_lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    @staticmethod
    def _read_one(stream: IO[bytes]) -> dict[str, Any] | None:
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        assert length is not None, "a message without a Content-Length header"
        body = stream.read(length)
        if len(body) < length:
            return None
        message: dict[str, Any] = json.loads(body)
        return message

    def _read_all(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while (message := self._read_one(stdout)) is not None:
                if "method" in message and "id" in message:
                    self._answer(message)
                    continue
                with self._arrived:
                    if "method" in message:
                        self._notifications.append(message)
                    else:
                        self._responses[message["id"]] = message
                    self._arrived.notify_all()
        except (OSError, ValueError):  # the process was killed mid-message
            pass
        finally:
            with self._arrived:
                self._closed = True
                self._arrived.notify_all()

    def _answer(self, request: dict[str, Any]) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [self._setting(item.get("section")) for item in request["params"]["items"]]
        with contextlib.suppress(OSError, ValueError):  # unless the server has gone
            self._send({"id": request["id"], "result": result})

    def _setting(self, section: str | None) -> Any:
        found: Any = self.settings
        for part in section.split(".") if section else ():
            if not isinstance(found, dict) or part not in found:
                return None
            found = found[part]
        return found

    # Messages.

    def _wait(self, ready: Callable[[], Any], timeout: float, what: str) -> Any:
        timeout = max(0.0, min(timeout, self._deadline - time.monotonic()))
        with self._arrived:
            found = self._arrived.wait_for(lambda: ready() or self._closed, timeout)
            result = ready()
        if not result:
            reason = "the server exited" if found else f"nothing in {timeout:.1f} s"
            raise AssertionError(f"waiting for {what}: {reason}")
        return result

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        """Send a request and return its result."""
        ident = next(self._ids)
        self._send({"id": ident, "method": method, "params": params})
        response = self._wait(lambda: self._responses.get(ident), timeout, method)
        assert "error" not in response, f"{method}: {response['error']}"
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def wait_for(
        self, method: str, matches: Callable[[Any], bool], timeout: float = TIMEOUT
    ) -> Any:
        """Return the params of the first notification *method* whose params match."""

        def first() -> Any:
            for message in self._notifications:
                if message["method"] == method and matches(message.get("params")):
                    return message["params"]
            return None

        try:
            return self._wait(first, timeout, method)
        except AssertionError as error:
            with self._arrived:
                seen = [m.get("params") for m in self._notifications if m["method"] == method]
            raise AssertionError(f"{error}; received instead: {seen}") from None

    def close(self) -> None:
        """Shut the server down politely, then kill it if it is still running."""
        try:
            if self.process.poll() is None and not self._closed:
                self.request("shutdown", None, timeout=2)
                self.notify("exit", None)
                self.process.wait(timeout=2)
        except (AssertionError, OSError, ValueError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=5)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self._reader.join(timeout=2)
            self.stderr.close()


# Finding and starting the server.

LOCAL_SERVER = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "yaml-language-server"


def find_server() -> str:
    """Return the yaml-language-server to run, or skip the test."""
    named = os.environ.get("ORGSTRATEGY_YAML_LS")
    if named is not None:
        if not Path(named).is_file():
            pytest.skip(f"ORGSTRATEGY_YAML_LS names {named!r}, which is not a file")
        found: str | None = named
    elif LOCAL_SERVER.is_file():
        found = str(LOCAL_SERVER)
    else:
        found = shutil.which("yaml-language-server")
    if found is None:
        pytest.skip(
            "yaml-language-server is not installed "
            "(npm install --prefix .ci/node yaml-language-server)"
        )
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    return found


def uri(path: Path) -> str:
    """Return the file:// URI of *path*."""
    return path.resolve().as_uri()


#: The settings an editor would have: our schema for strategies/**/*.yaml, and no
#: schema store (which would be fetched from the network).
SETTINGS: dict[str, Any] = {
    "yaml": {
        "schemas": {uri(SCHEMA_FILE): ["strategies/**/*.yaml"]},
        "schemaStore": {"enable": False},
        "validate": True,
        "hover": True,
        "completion": True,
    },
    "http": {"proxy": "", "proxyStrictSSL": False},
}


class Editor:
    """What an editor does with a language server: open documents and ask about them."""

    def __init__(self, server: LanguageServer, folder: Path) -> None:
        self.server = server
        self.folder = folder

    def initialize(self) -> None:
        folder = uri(self.folder)
        self.server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "clientInfo": {"name": "orgstrategy-tests"},
                "rootUri": folder,
                "workspaceFolders": [{"uri": folder, "name": self.folder.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "publishDiagnostics": {},
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                    },
                },
            },
        )
        self.server.notify("initialized", {})
        self.server.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def open(self, path: Path, text: str) -> str:
        """Open a document (it need not exist on disk) and return its URI."""
        document = uri(path)
        self.server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": document, "languageId": "yaml", "version": 1, "text": text}},
        )
        return document

    def close(self, document: str) -> None:
        self.server.notify("textDocument/didClose", {"textDocument": {"uri": document}})

    def diagnostics(
        self, document: str, until: Callable[[list[Any]], bool] = lambda found: True
    ) -> list[Any]:
        """Wait for diagnostics of *document* (the first that *until* accepts); return them."""
        params = self.server.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == document and until(p["diagnostics"]),
        )
        found: list[Any] = params["diagnostics"]
        return found

    def ask(self, method: str, document: str, line: int, character: int) -> Any:
        """Send a request about one position of *document*."""
        where = {"line": line, "character": character}
        return self.server.request(method, {"textDocument": {"uri": document}, "position": where})

    def completions(self, document: str, line: int, character: int) -> dict[str, Any]:
        """Return the completion items at a position, by label."""
        found = self.ask("textDocument/completion", document, line, character)
        items = found["items"] if isinstance(found, dict) else found or []
        return {item["label"]: item for item in items}

    def hover(self, document: str, line: int, character: int) -> str:
        """Return the text of the hover at a position."""
        found = self.ask("textDocument/hover", document, line, character)
        assert found, f"no hover at {line}:{character}"
        return text_of(found["contents"])


def text_of(contents: Any) -> str:
    """Return the text of a hover's or completion item's content, in any of its shapes."""
    if isinstance(contents, str):
        return contents
    if isinstance(contents, list):
        return "\n".join(text_of(part) for part in contents)
    return str(contents.get("value", ""))


START = 'orgstrategy: "1.0"\norganisation:\n  name: Here\n'
#: Line 3: a status not in the schema's enum; line 4: a key the schema does not have.
WRONG = START + "status: dratf\nvission: Exceptional care, for everyone.\n"
#: The yaml-language-server modeline, relative to a document in examples/.
MODELINE = "# yaml-language-server: $schema=../schemas/orgstrategy-1.1.schema.json\n"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """Start yaml-language-server with the schema set for ``strategies/**/*.yaml``.

    It is ready once a first document gets a diagnostic from the schema.
    """
    command = find_server()
    folder = tmp_path_factory.mktemp("editor")
    server = LanguageServer([command, "--stdio"], SETTINGS, folder)
    try:
        editor = Editor(server, folder)
        editor.initialize()
        probe = editor.open(folder / "strategies" / "probe.yaml", WRONG)
        editor.diagnostics(probe, bool)
        editor.close(probe)
        yield editor
    finally:
        server.close()


def schema_text(*path: str) -> tuple[str, str]:
    """Return the title and description of the schema node at *path*."""
    node: Any = orgstrategy.schema()
    for key in path:
        node = node[key]
    return node["title"], node["description"]


def test_a_missing_server_skips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ORGSTRATEGY_YAML_LS", str(tmp_path / "nowhere"))
    with pytest.raises(pytest.skip.Exception, match="ORGSTRATEGY_YAML_LS"):
        find_server()


class TestLanguageServer:
    """yaml-language-server, given the schema, helps edit a strategy."""

    def test_wrong_values_get_diagnostics_at_their_lines(self, editor: Editor) -> None:
        document = editor.open(editor.folder / "strategies" / "wrong.yaml", WRONG)
        found = editor.diagnostics(document)
        by_line = {d["range"]["start"]["line"]: d for d in found}
        assert sorted(by_line) == [3, 4], found

        status = by_line[3]
        assert status["range"]["start"] == {"line": 3, "character": 8}  # at `dratf`
        for value in orgstrategy.STATUSES:
            assert f'"{value}"' in status["message"]
        title, _ = schema_text("properties", "status")
        assert title in status.get("source", title)  # where the server names a source

        unknown = by_line[4]
        assert unknown["range"]["start"] == {"line": 4, "character": 0}
        assert "vission" in unknown["message"]
        title = orgstrategy.schema()["title"]
        assert title in unknown.get("source", title)

    def test_a_modeline_names_the_schema(self, editor: Editor) -> None:
        # Not under strategies/: only the modeline gives this document its schema.
        path = ROOT / "examples" / "not-written-editor-test.yaml"
        document = editor.open(path, MODELINE + WRONG)
        found = editor.diagnostics(document)
        by_line = {d["range"]["start"]["line"]: d for d in found}
        assert sorted(by_line) == [4, 5], found  # one line further down, below the modeline
        assert "draft" in by_line[4]["message"]
        assert "vission" in by_line[5]["message"]

    def test_completion_offers_the_schemas_keys(self, editor: Editor) -> None:
        document = editor.open(editor.folder / "strategies" / "new.yaml", START + "\n")
        offered = editor.completions(document, 3, 0)
        assert {"mission", "vision", "purpose", "goals", "values", "status"} <= set(offered)
        assert "organisation" not in offered  # already there
        _, description = schema_text("properties", "vision")
        assert text_of(offered["vision"].get("documentation", "")) == description

    def test_completion_in_an_empty_file_offers_a_start(self, editor: Editor) -> None:
        document = editor.open(editor.folder / "strategies" / "empty.yaml", "")
        offered = editor.completions(document, 0, 0)
        start = offered[orgstrategy.schema()["title"]]
        inserted = start.get("textEdit", {}).get("newText") or start.get("insertText", "")
        assert inserted.startswith('orgstrategy: "1.1"\norganisation:\n  name:')

    def test_completion_offers_the_enums_values(self, editor: Editor) -> None:
        document = editor.open(editor.folder / "strategies" / "status.yaml", START + "status: ")
        offered = editor.completions(document, 3, 8)
        assert set(orgstrategy.STATUSES) <= set(offered)

    def test_hover_shows_titles_and_descriptions(self, editor: Editor) -> None:
        text = START + "status: draft\nvision:\n  points:\n    - Care for everyone\n"
        document = editor.open(editor.folder / "strategies" / "hover.yaml", text)
        for line, character, path in [
            (3, 2, ("properties", "status")),
            (5, 4, ("$defs", "statement", "properties", "points")),
            (6, 8, ("$defs", "statement", "properties", "points", "items")),
        ]:
            shown = editor.hover(document, line, character)
            title, description = schema_text(*path)
            assert f"#### {title}" in shown
            assert description in shown
