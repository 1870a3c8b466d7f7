"""Django's PostgreSQL backend, with the client-side deadline of
`newsroom.dbguard` on every query and on the connection's health check
(the plain backend runs that check outside the execute wrappers)."""

from django.conf import settings
from django.db.backends.postgresql import base

from newsroom.dbguard import guarded_execute, server_answers, watchdog


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.DB_QUERY_TIMEOUT > 0:
            self.execute_wrappers.append(guarded_execute)

    def get_new_connection(self, conn_params):
        # libpq's connect_timeout is whole seconds, two at least: ask first
        # whether the server answers at all (a millisecond when it does).
        if settings.DB_QUERY_TIMEOUT > 0:
            if watchdog.is_down() or not server_answers():
                watchdog.mark_down()
                raise base.Database.OperationalError("database not answering")
        return super().get_new_connection(conn_params)

    def is_usable(self) -> bool:
        if settings.DB_QUERY_TIMEOUT <= 0 or self.connection is None:
            return super().is_usable()
        if watchdog.is_down():
            return False
        token = watchdog.watch(self.connection.pgconn.socket, settings.DB_QUERY_TIMEOUT)
        try:
            return super().is_usable()
        finally:
            watchdog.release(token)
