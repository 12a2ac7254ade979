#!/usr/bin/env python3
"""Start-up time of MoonVPN (docs/benchmarks.md, "Release binary").

Usage: cold_start.py PATH/TO/moonvpn [RUNS]. For each run, in a fresh temporary directory:
time from starting `moonvpn run` to its `moonvpn is running` line with no database (every
migration applied), then again on the same directory (nothing to migrate); SIGTERM after each.
Telegram points at a closed local port: polling starts only after the measured line.
"""
import os, subprocess, sys, tempfile, time, signal, socket

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def once(d):
    env = {
        "PATH": "/usr/bin:/bin",
        "MOONVPN_TELEGRAM__TOKEN": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "MOONVPN_TELEGRAM__API_URL": "http://127.0.0.1:9",
        "MOONVPN_ADMINS__SUPERADMINS": "[42]",
        "MOONVPN_SECURITY__SECRET_KEY": "0123456789abcdef0123456789abcdef",
        "MOONVPN_HTTP__LISTEN": f"127.0.0.1:{free_port()}",
    }
    t0 = time.monotonic()
    p = subprocess.Popen([binary, "run"], cwd=d, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in p.stderr:
        if "moonvpn is running" in line:
            took = time.monotonic() - t0
            break
    else:
        raise SystemExit("never running")
    p.send_signal(signal.SIGTERM); p.wait(timeout=30)
    return took

fresh, warm = [], []
for _ in range(runs):
    with tempfile.TemporaryDirectory() as d:
        fresh.append(once(d))   # creates moonvpn.db and applies every migration
        warm.append(once(d))    # the same database again: nothing to migrate
fmt = lambda xs: ", ".join(f"{x*1000:.0f}" for x in sorted(xs))
print(f"new database (migrations applied) ms: {fmt(fresh)}")
print(f"existing database ms: {fmt(warm)}")
