"""The exercise's store: an embedded SQLite database, one row per log entry.

The log is the session (sim.session.record): an entry is inserted and committed before the
Session applies it, so nobody is ever told of something the store does not hold, and a process
killed at any moment loses at most the entry it was writing. One-seat play and hosted play keep
their exercise here; the JSON session file (sim.session.persistence) is the export and import.

Settings, chosen after SQLite's documentation of `journal_mode` and `synchronous`:

- `journal_mode=WAL`: a commit appends to the write-ahead log instead of rewriting pages, so
  a kill mid-write leaves the last committed state readable, and a reader (`stormdrill report`
  on an exercise in play) never blocks the writer.
- `synchronous=FULL`: in WAL mode, NORMAL keeps the database consistent but may roll back the
  last commits after a power loss or an OS crash (it syncs only at checkpoints); FULL syncs the
  WAL at every commit, so an entry acknowledged to a seat survives a power cut too. An exercise
  writes a few entries a minute: the cost of one fsync each is nothing.
- Every write is one `BEGIN IMMEDIATE` transaction that first checks the log is as long as this
  writer last left it: a second process that resumed the same exercise is refused in one
  sentence instead of interleaving its entries with the first one's.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from pydantic import TypeAdapter

from sim.errors import SessionFileError
from sim.i18n import ENGLISH, Translator
from sim.session.persistence import SessionFile, validated_session_file
from sim.session.record import LogEntry

SQLITE_MAGIC: Final = b"SQLite format 3\x00"
APPLICATION_ID: Final = 0x53544F52
"""`PRAGMA application_id` of a stormdrill store ("STOR"): tells it from any other SQLite file."""
STORE_VERSION: Final = 1
"""`PRAGMA user_version` of the schema below."""
STORE_SUFFIX: Final = ".sqlite"
BUSY_TIMEOUT_MS: Final = 10_000
"""How long a write waits for a reader's lock before it fails (a report reading the store)."""

_SCHEMA: Final = """
CREATE TABLE exercise (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    header TEXT NOT NULL,
    protocol_state TEXT
);
CREATE TABLE log (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    at_h REAL NOT NULL,
    turn INTEGER NOT NULL,
    entry TEXT NOT NULL
);
CREATE TABLE seats (
    role TEXT PRIMARY KEY,
    seat TEXT NOT NULL
)
"""
"""`seats` holds a hosted exercise's seats (sim.host.seats) as JSON, their join codes hashed."""

_ENTRY: TypeAdapter[LogEntry] = TypeAdapter(LogEntry)


def is_store(path: Path) -> bool:
    """Whether `path` is an SQLite file (a store or, if not ours, one `read_store` refuses)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except (OSError, ValueError):
        return False


class LogStore:
    """One exercise's database, open for writing by one Session."""

    def __init__(self, path: Path, connection: sqlite3.Connection, entries: int) -> None:
        self.path = path
        self._connection = connection
        self._entries = entries
        weakref.finalize(self, connection.close)

    @property
    def entries(self) -> int:
        """Log entries the store holds (as this writer left it)."""
        return self._entries

    @classmethod
    def create(cls, path: Path, content: SessionFile) -> LogStore:
        """A new store at `path` holding `content`, or FileExistsError if the name is taken:
        the file is claimed exclusively before SQLite opens it, so two exercises started at
        once never share one."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.open("xb").close()
        except FileExistsError:
            raise
        except OSError as error:
            raise SessionFileError(f"{path}: cannot save the session ({error.strerror}).") from None
        try:
            connection = _connect(path)
            with _writing(path, connection):
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {STORE_VERSION}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(
                    "INSERT INTO exercise (id, header, protocol_state) VALUES (1, ?, ?)",
                    (_header_json(content), _state_json(content.protocol_state)),
                )
                _insert(connection, 0, content.log)
        except SessionFileError:
            path.unlink(missing_ok=True)
            raise
        return cls(path, connection, len(content.log))

    @classmethod
    def open(cls, path: Path) -> LogStore:
        """The existing store at `path`, to go on writing to it."""
        path = Path(path)
        content = read_store(path)
        return cls(path, _connect(path), len(content.log))

    def append(self, entries: Sequence[LogEntry], protocol_state: dict[str, Any] | None) -> None:
        """Insert `entries` after those already stored, and the protocol's state, in one
        transaction: all of them are committed (and synced) when this returns, or none."""
        with _writing(self.path, self._connection) as connection:
            (held,) = connection.execute("SELECT count(*) FROM log").fetchone()
            if held != self._entries:
                raise SessionFileError(
                    f"{self.path}: another stormdrill has written to this exercise since it was "
                    "opened here (it was resumed twice); close one of them and resume the "
                    "exercise again to continue from everything both wrote."
                )
            _insert(connection, self._entries, entries)
            connection.execute(
                "UPDATE exercise SET protocol_state = ? WHERE id = 1",
                (_state_json(protocol_state),),
            )
        self._entries += len(entries)

    def close(self) -> None:
        self._connection.close()


def write_seats(path: Path, seats: Sequence[tuple[str, str]]) -> None:
    """Keep a hosted exercise's seats, (role, JSON) pairs, in its store, in place of any
    before."""
    path = Path(path)
    connection = _connect(path)
    try:
        with _writing(path, connection):
            connection.execute("DELETE FROM seats")
            connection.executemany("INSERT INTO seats (role, seat) VALUES (?, ?)", seats)
    finally:
        connection.close()


def read_seats(path: Path) -> tuple[str, ...]:
    """The seats kept in a store, as JSON, in the order they were written."""
    path = Path(path)
    connection = _connect(path)
    try:
        rows = connection.execute("SELECT seat FROM seats ORDER BY rowid").fetchall()
    except sqlite3.DatabaseError as error:
        raise SessionFileError(
            f"{path}: the exercise database's seats cannot be read ({error}); host it anew."
        ) from None
    finally:
        connection.close()
    return tuple(seat for (seat,) in rows)


def read_store(path: Path, words: Translator = ENGLISH) -> SessionFile:
    """Everything a store holds, as the session file it exports to; any problem is one
    SessionFileError sentence, in the language of `words` (the command's: the exercise's
    language is inside the database)."""
    path = Path(path)
    if not is_store(path):
        raise SessionFileError(
            words(
                "{path}: not a stormdrill exercise database; give a .sqlite file saved by "
                "stormdrill or a .json session file."
            ).format(path=path)
        )
    try:
        connection = _connect(path, words)
        try:
            (application_id,) = connection.execute("PRAGMA application_id").fetchone()
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            _check_format(path, application_id, version, words)
            row = connection.execute(
                "SELECT header, protocol_state FROM exercise WHERE id = 1"
            ).fetchone()
            rows = connection.execute("SELECT seq, entry FROM log ORDER BY seq").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise SessionFileError(
            words(
                "{path}: the exercise database cannot be read ({reason}); open an earlier copy "
                "or its JSON export."
            ).format(path=path, reason=error)
        ) from None
    if row is None:
        raise SessionFileError(
            words(
                "{path}: the exercise database holds no exercise (it was never finished being "
                "created); start the exercise again."
            ).format(path=path)
        )
    try:
        header = json.loads(row[0])
        header["protocol_state"] = None if row[1] is None else json.loads(row[1])
        header["log"] = [json.loads(entry) for _, entry in rows]
    except (json.JSONDecodeError, TypeError):
        raise SessionFileError(
            words(
                "{path}: the exercise database is damaged (a row is not JSON); open an earlier "
                "copy or its JSON export."
            ).format(path=path)
        ) from None
    for expected, (seq, _) in enumerate(rows):
        if seq != expected:
            raise SessionFileError(
                words(
                    "{path}: log entry {number} is missing from the exercise database; it was "
                    "edited or damaged, open an earlier copy or its JSON export."
                ).format(path=path, number=expected)
            )
    return validated_session_file(path, header, words)


def _check_format(path: Path, application_id: int, version: int, words: Translator) -> None:
    if application_id != APPLICATION_ID:
        raise SessionFileError(
            words(
                "{path}: an SQLite database, but not a stormdrill exercise (its application_id "
                "is {application_id}); give a .sqlite file saved by stormdrill."
            ).format(path=path, application_id=application_id)
        )
    if version != STORE_VERSION:
        raise SessionFileError(
            words(
                "{path}: exercise database version {version} is not readable by this "
                "stormdrill, which reads version {readable}; open it with the stormdrill that "
                "saved it."
            ).format(path=path, version=version, readable=STORE_VERSION)
        )


def _connect(path: Path, words: Translator = ENGLISH) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun explicitly); usable from the
    thread workers that play a turn, one at a time, as the Session is."""
    try:
        connection = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        raise SessionFileError(
            words(
                "{path}: cannot open the exercise database ({reason}); check the file and the "
                "folder's permissions and free space."
            ).format(path=path, reason=error)
        ) from None
    return connection


@contextmanager
def _writing(path: Path, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the body returns, rolled back if it raises; a
    failure of SQLite's (a full disk) is one SessionFileError sentence."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as error:
        raise _save_error(path, error) from None
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException as failure:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if isinstance(failure, sqlite3.DatabaseError):
            raise _save_error(path, failure) from None
        raise


def _save_error(path: Path, error: sqlite3.DatabaseError) -> SessionFileError:
    return SessionFileError(f"{path}: cannot save the session ({error}).")


def _insert(connection: sqlite3.Connection, first: int, entries: Sequence[LogEntry]) -> None:
    connection.executemany(
        "INSERT INTO log (seq, kind, at_h, turn, entry) VALUES (?, ?, ?, ?, ?)",
        [
            (first + offset, entry.kind, entry.at_h, entry.turn, _ENTRY.dump_json(entry).decode())
            for offset, entry in enumerate(entries)
        ],
    )


def _header_json(content: SessionFile) -> str:
    return content.model_dump_json(exclude={"log", "protocol_state"})


def _state_json(state: dict[str, Any] | None) -> str | None:
    return None if state is None else json.dumps(state)
