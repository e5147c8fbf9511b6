"""Shared by scripts/crash-test and scripts/scale-out: the yuelao binary, a demo configuration, a host process,
staff sessions over HTTP, and reads of the database the host left."""
import http.cookiejar
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Violation(Exception):
    """A violated invariant: the script prints it and exits 1."""


def binary(debug=False):
    """The yuelao binary: the release build (built here) or, with `debug`, the debug build CI made."""
    configuration = "debug" if debug else "release"
    if not debug:
        subprocess.run(["swift", "build", "-c", "release", "--product", "yuelao"], cwd=ROOT, check=True)
    return subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip() + "/yuelao"


def demo_config(work, database_url=None, extra=""):
    """modules.yaml in `work` with its data there, plain HTTP, and `extra` YAML appended; returns its path."""
    config = os.path.join(work, "modules.yaml")
    with open(os.path.join(ROOT, "modules.yaml")) as f:
        text = f.read()
    database_url = database_url or f"sqlite://{work}/data/yuelao.sqlite"
    text = text.replace("database: sqlite://data/yuelao.sqlite", f"database: {database_url}")
    text = text.replace("data_dir: data", f"data_dir: {work}/data").replace("server:\n", "server:\n  secure_cookies: false\n", 1)
    with open(config, "w") as f:
        f.write(text + extra)
    shutil.copytree(os.path.join(ROOT, "modules.d"), os.path.join(work, "modules.d"))
    return config


def demo_data(yuelao, config, size, admin_password):
    """An administrator `admin` and the demo team and members (staff password demo123)."""
    env = dict(os.environ)
    env.pop("YUELAO_DATABASE_URL", None)
    subprocess.run([yuelao, "admin", "create", "--config", config, "--login", "admin", "--password", admin_password],
                   check=True, capture_output=True, env=env)
    subprocess.run([yuelao, "demo", "--config", config, "--size", str(size)], check=True, capture_output=True, env=env)


class Database:
    """Reads the database the host left, through sqlite3 or psql."""

    def __init__(self, sqlite_path=None, postgres_url=None):
        self.sqlite_path, self.postgres_url = sqlite_path, postgres_url

    def rows(self, sql):
        if self.sqlite_path:
            connection = sqlite3.connect(self.sqlite_path, timeout=30)
            try:
                return [tuple(row) for row in connection.execute(sql).fetchall()]
            finally:
                connection.close()
        out = subprocess.run(["psql", self.postgres_url, "-X", "-A", "-t", "-F", "\t", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(None if v == "" else v for v in line.split("\t")) for line in out.splitlines() if line]

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_303(self, req, fp, code, msg, headers):
        return fp

    http_error_302 = http_error_301 = http_error_303


class Client:
    """One staff session over HTTP (cookies, the CSRF token of the last page). `base` may be changed to send the same
    session to another host."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.csrf = ""
        self.name = ""

    def request(self, path, form=None, timeout=10):
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=timeout) as response:
                body = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read().decode("utf-8", "replace"), error.code
        match = re.search(r'name="_csrf" value="([^"]+)"', body)
        if match:
            self.csrf = match.group(1)
        return status, body

    def post(self, path, form):
        return self.request(path, dict(form, _csrf=self.csrf))

    def login(self, login, password):
        self.name = login
        self.request("/login")
        status, _ = self.post("/login", {"login": login, "password": password})
        if status != 303:
            raise RuntimeError(f"login {login} → {status}")
        self.request("/")

    def session_id(self):
        return next((c.value for c in self.jar if c.name == "yl_sid"), "")


class Host:
    """`yuelao serve` on a port, started and waited for, killed with SIGKILL or stopped with SIGTERM."""

    def __init__(self, yuelao, config, port, log):
        self.binary, self.config, self.port, self.log = yuelao, config, port, log
        self.process = None

    def start(self):
        env = dict(os.environ, LOG_LEVEL="warning")
        env.pop("YUELAO_DATABASE_URL", None)
        self.process = subprocess.Popen([self.binary, "serve", "--config", self.config, "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise Violation(f"the host exited with {self.process.returncode} while starting (see {self.log.name})")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise Violation("the host did not answer /healthz within 60 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
