"""Starts a real `reglament serve` on 127.0.0.1 with a free port for the playground's checks, and stops it with
SIGTERM (it must exit by itself, gracefully, within a few seconds)."""
import json
import os
import signal
import subprocess
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class ReglamentServer:
    def __init__(self, binary, regulations="regulations", extra=(), startup_seconds=60):
        self.binary = binary
        self.args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--regulations", regulations, *extra]
        self.startup_seconds = startup_seconds
        self.url = None
        self.log = []

    def __enter__(self):
        self.process = subprocess.Popen(self.args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ready = threading.Event()

        def read():
            for line in self.process.stderr:
                self.log.append(line)
                if self.url is None and '"listening"' in line:
                    self.url = json.loads(line)["url"].rstrip("/")
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(self.startup_seconds):
            self.process.kill()
            raise RuntimeError("reglament serve did not start:\n" + "".join(self.log[-20:]))
        return self

    def stop(self, timeout=10):
        """SIGTERM, then the exit code (None when it had to be killed)."""
        if self.process.poll() is not None:
            return self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def __exit__(self, *exc):
        self.stop()
        return False

    def access_log(self):
        out = []
        for line in self.log:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if "status" in entry:
                out.append(entry)
        return out


def wait_for(predicate, timeout=15, interval=0.1, what="condition"):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            last = predicate()
            if last:
                return last
        except Exception as e:  # the page may be re-rendering
            last = e
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")
