#!/usr/bin/python3
"""test_concurrent_writers.py — thousands of mixed changes to one file at the same time, from
orgdeskctl processes and from an in-process repository writer (safety-writer, which queues its
changes on the repository's worker thread as the GUI does).

Four threads each run orgdeskctl N times in a row, cycling through team create, invite, member
set-role (read ↔ write of their own target member), update post and seats set; safety-writer does
the same kinds meanwhile. Then: every orgdeskctl exited 0 with an empty standard error (no
"database is locked" reaches anyone), the writer reports no failure, nothing was lost (each table
holds exactly what the successful operations added) and the journal has exactly one row per
operation, of the right kind.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import concurrent.futures
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CTL = None
WRITER = None
# Half as many in the sanitizer pass (ASAN_OPTIONS is set by `--setup=asan`), to keep it short.
SANITIZED = "ASAN_OPTIONS" in os.environ
CLI_WORKERS = 4
CLI_OPS = 75 if SANITIZED else 150          # per worker: 600 orgdeskctl processes
WRITER_OPS = 1200 if SANITIZED else 2400    # the in-process writer
KINDS = ["team", "invite", "role", "post", "seats"]
JOURNAL_ACTION = {"team": "team.create", "invite": "invitation.%create", "role": "member.role",
                  "post": "update.post", "seats": "subscription.seats"}


class ConcurrentWritersTest(unittest.TestCase):
    def test_mixed_writers(self):
        with tempfile.TemporaryDirectory(prefix="orgdesk-writers-") as tmp:
            db = os.path.join(tmp, "orgdesk.db")

            def ctl(*args):
                return subprocess.run([CTL, f"--database={db}", *args], capture_output=True, text=True, timeout=120)

            setup = [("org", "create", "--name=Busy", "--owner-email=owner@busy.example", "--seats=100000")]
            tags = [f"w{n}" for n in range(CLI_WORKERS)] + ["gui"]
            setup += [("invite", "--org=busy", f"--email={tag}-target@busy.example", "--role=write") for tag in tags]
            for args in setup:
                proc = ctl(*args)
                self.assertEqual(proc.returncode, 0, proc.stderr)
            for inv in json.loads(ctl("invitation", "list", "--org=busy", "--json").stdout):
                self.assertEqual(ctl("invitation", "accept", inv["code"], "--name=Target").returncode, 0)
            conn = sqlite3.connect(db)
            journal_before = conn.execute("SELECT max(id) FROM journal").fetchone()[0]
            counts_before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                             for t in ("teams", "invitations", "updates")}
            conn.close()

            def cli_worker(n):
                done = {k: 0 for k in KINDS}
                problems = []
                for i in range(CLI_OPS):
                    kind = KINDS[i % len(KINDS)]
                    args = {
                        "team": ("team", "create", "--org=busy", f"--name=CLI w{n} {i}"),
                        "invite": ("invite", "--org=busy", f"--email=w{n}-{i}@cli.example"),
                        "role": ("member", "set-role", "--org=busy", f"w{n}-target@busy.example",
                                 "read" if (i // len(KINDS)) % 2 == 0 else "write"),
                        "post": ("update", "post", "--org=busy", f"--title=CLI w{n} {i}", "--content=Busy."),
                        "seats": ("seats", "set", "--org=busy", str(100000 + n * 10000 + i)),
                    }[kind]
                    proc = ctl(*args)
                    if proc.returncode == 0 and proc.stderr == "":
                        done[kind] += 1
                    else:
                        problems.append(f"{args}: exit {proc.returncode}: {proc.stderr.strip()}")
                return done, problems

            # The writer pauses 2 ms after each change, as a person clicking would, so that it keeps
            # writing while the orgdeskctl processes run.
            start = time.monotonic()
            writer = subprocess.Popen([WRITER, db, "busy", str(WRITER_OPS), "gui", "2"], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
            with concurrent.futures.ThreadPoolExecutor(CLI_WORKERS) as pool:
                results = list(pool.map(cli_worker, range(CLI_WORKERS)))
            cli_seconds = time.monotonic() - start
            out, err = writer.communicate(timeout=600)
            writer_seconds = time.monotonic() - start
            self.assertEqual((writer.returncode, err), (0, ""), "the in-process writer failed")

            done = {k: sum(r[0][k] for r in results) for k in KINDS}
            problems = [p for r in results for p in r[1]]
            self.assertEqual(problems, [], "orgdeskctl failed under contention")
            self.assertEqual(sum(done.values()), CLI_WORKERS * CLI_OPS)
            in_process = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()}
            self.assertEqual(sum(in_process.values()), WRITER_OPS)
            total = {k: done[k] + in_process[k] for k in KINDS}

            conn = sqlite3.connect(db)
            try:
                self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                count = lambda sql, *p: conn.execute(sql, p).fetchone()[0]
                self.assertEqual(count("SELECT count(*) FROM teams") - counts_before["teams"], total["team"])
                self.assertEqual(count("SELECT count(*) FROM invitations") - counts_before["invitations"],
                                 total["invite"])
                self.assertEqual(count("SELECT count(*) FROM updates") - counts_before["updates"], total["post"])
                for kind in KINDS:
                    self.assertEqual(count("SELECT count(*) FROM journal WHERE id > ? AND action LIKE ?",
                                           journal_before, JOURNAL_ACTION[kind]), total[kind], kind)
                self.assertEqual(count("SELECT count(*) FROM journal WHERE id > ?", journal_before),
                                 sum(total.values()), "one journal row per operation")
                # The last role change of each target stands: an even number of changes leaves Write.
                for tag in [f"w{n}" for n in range(CLI_WORKERS)] + ["gui"]:
                    role = count("SELECT role FROM members WHERE email = ?", f"{tag}-target@busy.example")
                    changes = CLI_OPS // len(KINDS) + (1 if CLI_OPS % len(KINDS) > 2 else 0) if tag != "gui" \
                        else WRITER_OPS // len(KINDS) + (1 if WRITER_OPS % len(KINDS) > 2 else 0)
                    self.assertEqual(role, 2 if changes % 2 == 0 else 1, tag)
                self.assertGreaterEqual(count("SELECT seats FROM subscriptions"), 100000)
            finally:
                conn.close()
            print(f"{sum(total.values())} operations: {CLI_WORKERS * CLI_OPS} from orgdeskctl processes, "
                  f"{WRITER_OPS} from the in-process writer; {total}; orgdeskctl processes took {cli_seconds:.1f} s, "
                  f"the writer {writer_seconds:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    WRITER = sys.argv.pop(1)
    unittest.main(verbosity=2)
