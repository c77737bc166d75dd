"""The local history database: debriefs recorded after events, read back by advice.

Plain `sqlite3`, and all of netplan's SQL is in this package. Open with
`open_history`, close the connection when done (`contextlib.closing`).
"""

from __future__ import annotations

from netplan.store.db import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryConnection,
    StoreError,
    open_history,
)
from netplan.store.history import (
    AlreadyRecorded,
    events,
    load_debrief,
    met_people,
    record,
    snapshot,
)

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AlreadyRecorded",
    "HistoryConnection",
    "StoreError",
    "events",
    "load_debrief",
    "met_people",
    "open_history",
    "record",
    "snapshot",
]
