"""The session store: Django's database sessions, without a write on every page view.

The idle timeout works by ``SESSION_SAVE_EVERY_REQUEST``: each request moves the
session's expiry to now + ``SESSION_COOKIE_AGE``. Done literally that is an UPDATE
and a COMMIT (a WAL flush) on every GET, three round trips that cost more than the
queries of most pages. This store skips the save when nothing in the session
changed and the stored expiry is less than ``SESSION_EXPIRY_REFRESH_SECONDS`` (60 s)
behind the one a save would write: the idle timeout stays exact to within that
many seconds (at most 60 s shorter, never longer). A changed session (login,
messages, anything stored) is saved as before.

Settings: ``SESSION_ENGINE = "accounts.sessions"``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

DEFAULT_REFRESH_SECONDS = 60


class SessionStore(DatabaseSessionStore):
    _stored_expiry = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self._stored_expiry = session.expire_date if session is not None else None
        return session

    def _refresh_seconds(self) -> float:
        return getattr(settings, "SESSION_EXPIRY_REFRESH_SECONDS", DEFAULT_REFRESH_SECONDS)

    def save(self, must_create=False):
        if not must_create and not self.modified and self._stored_expiry is not None:
            behind = (self.get_expiry_date() - self._stored_expiry).total_seconds()
            if 0 <= behind < self._refresh_seconds():
                return
        super().save(must_create=must_create)
        self._stored_expiry = self.get_expiry_date()

    def delete(self, session_key=None):
        super().delete(session_key)
        if session_key is None or session_key == self.session_key:
            self._stored_expiry = None
