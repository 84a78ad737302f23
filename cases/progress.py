"""Progress of long commands: a tqdm bar (rate, time left) on a terminal, plain periodic lines
in a log (CI), so neither fills with carriage returns nor stays silent for minutes."""

import time

from tqdm import tqdm

LOG_EVERY_SECONDS = 10


class Progress:
    """Progress towards `total`, told on `stream` (nothing when it is None: quiet callers)."""

    def __init__(self, total, description, stream=None):
        self.stream = stream
        self.total, self.description = total, description
        self.done, self.started, self.logged = 0, time.monotonic(), time.monotonic()
        self.bar = None
        if getattr(self.stream, "isatty", lambda: False)():
            self.bar = tqdm(total=total, desc=description, file=self.stream, unit="case")

    def advance(self, count):
        self.done += count
        if self.stream is None:
            return
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.monotonic()
        if now - self.logged >= LOG_EVERY_SECONDS or self.done >= self.total:
            self.logged = now
            rate = self.done / max(now - self.started, 1e-9)
            left = (self.total - self.done) / rate if rate else 0
            self.stream.write(
                f"{self.description}: {self.done}/{self.total} "
                f"({rate:.0f}/s, about {left:.0f} s left)\n"
            )
            self.stream.flush()

    def close(self):
        if self.bar is not None:
            self.bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
