"""Run Ralph, a real xAPI Learning Record Store, for kata's tests.

Usage: ralph_lrs.py APP_DIR [PORT]

Creates the credentials teacher / secret (scope all) in APP_DIR, serves
Ralph's own FastAPI app on 127.0.0.1:PORT (0 or absent: a free port), prints
`ready PORT` on standard output once it accepts connections, and stops when its
standard input closes, so a test process that dies takes its LRS with it.

The one change to Ralph: its filesystem backend writes with operation type
CREATE, so the second POST of new statements fails with 500 "Statements bulk
indexation failed" (ralph-malph 4.2.0 to 5.1.0: "fs_lrs.jsonl already exists
and overwrite is not allowed"). Here it appends instead. Everything kata is
tested against -- the router, authentication, statement validation, id
de-duplication, `more` paging, `since` -- is Ralph's unchanged code. A class
in production runs Ralph on Elasticsearch, MongoDB or ClickHouse instead (see
docs/xapi.md); the fs backend is for tests only.
"""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path


def main() -> None:
    app_dir = Path(sys.argv[1]).resolve()
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    app_dir.mkdir(parents=True, exist_ok=True)
    os.environ["RALPH_APP_DIR"] = str(app_dir)
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(app_dir)
    os.chdir(app_dir)
    if not (app_dir / "auth.json").exists():
        ralph = Path(sys.executable).parent / "ralph"
        subprocess.run(
            [str(ralph), "auth", "-u", "teacher", "-p", "secret", "-s", "all",
             "-M", "mailto:teacher@example.org", "-w"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    import uvicorn
    from ralph.api import app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            sys.exit("ralph did not start")
        threading.Event().wait(0.02)
    print(f"ready {port}", flush=True)
    sys.stdin.read()
    server.should_exit = True
    thread.join(timeout=5)


if __name__ == "__main__":
    main()
