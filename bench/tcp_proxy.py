"""A TCP forwarder on 127.0.0.1 that a test stops and starts: the Wi-Fi stays up, the server
becomes unreachable (connections refused, open ones cut), as when a school's link drops."""

from __future__ import annotations

import contextlib
import random
import socket
import threading


class TcpProxy:
    """Forwards 127.0.0.1:port to 127.0.0.1:target. `refuse_share` (0 to 1) makes it refuse
    or cut that share of connections, at random, while it runs (a flaky access point)."""

    def __init__(self, target_port: int, refuse_share: float = 0.0, seed: int = 0):
        self.target_port = target_port
        self.refuse_share = refuse_share
        self._random = random.Random(seed)
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, at once."""
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)  # shutdown wakes the accepting thread; close alone would not
        with self._lock:
            sockets, self._open = list(self._open), set()
        for sock in sockets:
            _close(sock)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            if self._random.random() < self.refuse_share:
                _close(client)  # refused: closed before a byte was forwarded
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                _close(client)
                continue
            cut_after = None
            if self._random.random() < self.refuse_share:
                cut_after = self._random.randint(1, 2000)  # cut part-way, either direction
            with self._lock:
                self._open |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, sink, cut_after), daemon=True
                ).start()

    def _pump(self, source: socket.socket, sink: socket.socket, cut_after: int | None) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if cut_after is not None and sent + len(data) > cut_after:
                    sink.sendall(data[: max(0, cut_after - sent)])
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                _close(sock)
            with self._lock:
                self._open -= {source, sink}


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
