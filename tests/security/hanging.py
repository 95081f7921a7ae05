"""A local "SAP" that accepts connections and never answers: the probe's hanging server.

``HangingServer`` listens on 127.0.0.1:33NN (the gateway port of system number NN, which is how
pyrfc finds it), accepts every connection and holds it without sending a byte. It stops by
itself after ``lifetime`` seconds (bounded even if a test forgets it) and on ``stop()``.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest


class HangingServer:
    def __init__(self, lifetime: float = 45.0) -> None:
        self.sock = socket.socket()
        for nr in range(97, 0, -1):
            try:
                self.sock.bind(("127.0.0.1", 3300 + nr))
            except OSError:
                continue
            self.sysnr = f"{nr:02d}"
            break
        else:
            self.sock.close()
            pytest.skip("every port 3301-3397 is in use")
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._deadline = time.monotonic() + lifetime
        self._thread = threading.Thread(target=self._serve, name="hanging-sap", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            self.accepted += 1
            self._held.append(conn)  # never read, never answered
        self._close()

    def _close(self) -> None:
        for conn in self._held:
            conn.close()
        self.sock.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


@pytest.fixture
def hanging_sap():
    server = HangingServer()
    yield server
    server.stop()
