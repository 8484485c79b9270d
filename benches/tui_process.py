#!/usr/bin/env python3
"""Real-process TUI figures for BENCHMARKS.md: start to first frame, key press to
redrawn frame, and CPU used while idle. Runs the release binary in a pseudo-terminal.

    cargo build --release && python3 benches/tui_process.py [runs]
"""
import atexit, os, pty, select, shutil, statistics, sys, tempfile, time

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "kata")
# Every run records to a temporary journal, never the developer's real one.
DATA = tempfile.mkdtemp(prefix="kata-bench-")
atexit.register(shutil.rmtree, DATA, ignore_errors=True)
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
TICKS = os.sysconf("SC_CLK_TCK")


def read_until(fd, needle, buf, timeout=10.0):
    end = time.perf_counter() + timeout
    while needle not in buf:
        left = end - time.perf_counter()
        if left <= 0:
            raise TimeoutError(needle)
        r, _, _ = select.select([fd], [], [], left)
        if r:
            buf += os.read(fd, 65536)
    return buf


def spawn():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["KATA_HOME"] = DATA
        os.execv(BIN, [BIN, "--data-dir", DATA])
    # 80x24 like a default terminal.
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


first, keys = [], []
for _ in range(RUNS):
    t0 = time.perf_counter()
    pid, fd = spawn()
    buf = read_until(fd, b"learning style", b"")
    first.append((time.perf_counter() - t0) * 1000)
    # Key press to redrawn frame: open practice, then move between blanks.
    buf = b""
    t1 = time.perf_counter()
    os.write(fd, b"p")
    buf = read_until(fd, b"Complete the code", buf)
    keys.append((time.perf_counter() - t1) * 1000)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)

pid, fd = spawn()
read_until(fd, b"learning style", b"")
time.sleep(0.5)
before = cpu_ticks(pid)
IDLE = 5.0
time.sleep(IDLE)
after = cpu_ticks(pid)
os.write(fd, b"q")
os.waitpid(pid, 0)

print(f"start to first frame: median {statistics.median(first):.1f} ms, min {min(first):.1f} ms ({RUNS} runs)")
print(f"key to redrawn frame (home -> practice, through the pty): median {statistics.median(keys):.2f} ms")
print(f"idle CPU over {IDLE:.0f} s: {after - before} ticks ({(after - before) / TICKS / IDLE * 100:.2f} %)")
