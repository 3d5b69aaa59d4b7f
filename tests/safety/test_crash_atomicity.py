#!/usr/bin/python3
"""test_crash_atomicity.py — orgdeskctl killed with SIGKILL at random moments during a
100,000-row CSV invite and during a large `demo`; after each kill the database must be intact
(PRAGMA integrity_check, foreign_key_check), each import either wholly there or not there at all,
the journal must agree with what is there, and orgdeskctl must still open and write the file.

The kill moments are stratified over the whole run as measured first on this machine (from 2 %
to 130 % of it, so some land in the commit and some after the process has finished; a kill that
still finds nothing committed stretches the estimate for the later ones), drawn from a seeded
random generator whose seed is printed; ORGDESK_CRASH_SEED=N replays a run (the same fractions).

Default run (about a minute): 12 trials of the 100,000-row CSV invite and 10 of a
100,000-member demo. In the sanitizer pass (ASAN_OPTIONS set by `--setup=asan`) the same trials
run on a 10,000-row CSV and a 10,000-member demo, to keep that pass short.
ORGDESK_CRASH_FULL=1 runs the issue's full sizes: 20 trials of the 100,000-row CSV and 20 of a
1,000,000-member demo (about 15 minutes on a two-core machine):

    tests/headless.sh meson test -C build --benchmark crash-atomicity-full   # sets ORGDESK_CRASH_FULL=1
    # or directly: ORGDESK_CRASH_FULL=1 python3 tests/safety/test_crash_atomicity.py build/src/orgdeskctl

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CTL = None
FULL = os.environ.get("ORGDESK_CRASH_FULL") == "1"
SEED = int(os.environ.get("ORGDESK_CRASH_SEED", str(random.SystemRandom().randrange(1, 2**31))))
SANITIZED = "ASAN_OPTIONS" in os.environ and not FULL
CSV_ROWS = 10_000 if SANITIZED else 100_000
CSV_TRIALS = 20 if FULL else 12
DEMO_MEMBERS = 1_000_000 if FULL else 10_000 if SANITIZED else 100_000
DEMO_TEAMS = 20
DEMO_UPDATES = 200
DEMO_TRIALS = 20 if FULL else 10
TARGET = "target"


def ctl(db, *args, **kwargs):
    return subprocess.run([CTL, f"--database={db}", *args], capture_output=True, text=True, timeout=600, **kwargs)


def scalar(conn, sql, *params):
    return conn.execute(sql, params).fetchone()[0]


def kill_at(argv, delay):
    """Starts argv, sends SIGKILL after delay seconds; returns (exit status, whether it was killed)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=delay)
        proc.stderr.read()
        return proc.returncode, False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.read()
        return proc.returncode, True
    finally:
        proc.stderr.close()


def kill_fractions(rng, trials):
    """One fraction of the run in each of `trials` equal slices of [2 %, 130 %], in random order."""
    lo, hi = 0.02, 1.30
    step = (hi - lo) / trials
    fractions = [lo + step * (i + rng.random()) for i in range(trials)]
    rng.shuffle(fractions)
    return fractions


class CrashAtomicityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        print(f"crash trials: seed {SEED} (ORGDESK_CRASH_SEED={SEED} replays), "
              f"{'full' if FULL else 'default'} sizes", file=sys.stderr)
        cls.rng = random.Random(SEED)
        cls.tmp = tempfile.TemporaryDirectory(prefix="orgdesk-crash-")
        cls.base = os.path.join(cls.tmp.name, "base.db")
        cls.csv = os.path.join(cls.tmp.name, "people.csv")
        proc = ctl(cls.base, "org", "create", "--name=Target", "--owner-email=owner@target.example",
                   f"--seats={CSV_ROWS + 10}")
        assert proc.returncode == 0, proc.stderr
        with open(cls.csv, "w") as f:
            f.write("email,role\n")
            for i in range(CSV_ROWS):
                f.write(f"person{i}@csv.example,{('read', 'write', 'admin')[i % 3]}\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def fresh_copy(self, name):
        path = os.path.join(self.tmp.name, name)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        shutil.copy(self.base, path)
        return path

    def timed_run(self, argv):
        start = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=1200)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return time.monotonic() - start

    def assert_intact(self, db):
        conn = sqlite3.connect(db)
        try:
            self.assertEqual(conn.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
            self.assertEqual(conn.execute("PRAGMA foreign_key_check").fetchall(), [])
            # The demo drops the search-index trigger inside its transaction: a kill must not lose it.
            self.assertEqual(scalar(conn, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                          " AND name = 'members_fts_insert'"), 1)
            # The search index is sound (FTS5 raises "database disk image is malformed" otherwise; this
            # writes nothing, on a trial copy) and indexes exactly each organization's members.
            conn.execute("INSERT INTO members_fts (members_fts) VALUES ('integrity-check')")
            conn.rollback()
            for (org,) in conn.execute("SELECT id FROM organizations").fetchall():
                self.assertEqual(scalar(conn, "SELECT count(*) FROM members_fts WHERE members_fts MATCH ?",
                                        f"scope : org{org}"),
                                 scalar(conn, "SELECT count(*) FROM members WHERE organization_id = ?", org))
        finally:
            conn.close()

    def assert_still_writable(self, db, tag):
        proc = ctl(db, "org", "list", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        proc = ctl(db, "team", "create", f"--org={TARGET}", f"--name=After crash {tag}")
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))
        self.assert_intact(db)

    def run_trials(self, label, duration, trials, name, args, check):
        """Each trial: a fresh copy, the command killed at its moment, then check (db, finished) says
        whether the change is there, and orgdeskctl must still write the file."""
        measured = duration
        outcomes = {"absent": 0, "complete": 0, "finished": 0}
        for i, fraction in enumerate(kill_fractions(self.rng, trials)):
            # A busy machine runs slower than the measured run: a kill that still found nothing committed
            # stretches the estimate, so that the later moments reach the commit.
            delay = fraction * duration
            db = self.fresh_copy(name)
            status, killed = kill_at([CTL, f"--database={db}", *args], delay)
            with self.subTest(trial=i, delay=round(delay, 3), killed=killed, seed=SEED):
                if not killed:
                    self.assertEqual(status, 0)
                present = check(db, not killed)
                self.assert_still_writable(db, i)
                if killed and not present:
                    duration = max(duration, delay * 1.1)
                outcomes["finished" if not killed else "complete" if present else "absent"] += 1
        print(f"{label}: {measured:.2f} s uncut ({duration:.2f} s estimated at the end); {trials} trials: "
              f"{outcomes['absent']} killed before the commit (nothing there), {outcomes['complete']} killed "
              f"after it (all there), {outcomes['finished']} finished first", file=sys.stderr)

    # ---------------------------------------------------------------------------------------------
    def check_csv(self, db, finished):
        self.assert_intact(db)
        conn = sqlite3.connect(db)
        try:
            org = scalar(conn, "SELECT id FROM organizations WHERE slug = ?", TARGET)
            invited = scalar(conn, "SELECT count(*) FROM invitations WHERE organization_id = ?", org)
            journaled = scalar(conn, "SELECT count(*) FROM journal WHERE organization_id = ?"
                                     " AND action = 'invitation.bulk-create'", org)
            self.assertIn(invited, (0, CSV_ROWS), "a half import")
            if finished:
                self.assertEqual(invited, CSV_ROWS, "the process exited 0 but the rows are not there")
            self.assertEqual(journaled, 1 if invited else 0, "the journal disagrees with the invitations")
            if invited:
                self.assertEqual(scalar(conn, "SELECT json_extract(after_json, '$.count') FROM journal"
                                              " WHERE organization_id = ? AND action = 'invitation.bulk-create'",
                                        org), CSV_ROWS)
            self.assertEqual(scalar(conn, "SELECT count(*) FROM members WHERE organization_id = ?", org), 1)
            return invited
        finally:
            conn.close()

    def test_csv_invite_killed(self):
        calib = self.fresh_copy("csv-calibrate.db")
        argv = [CTL, f"--database={calib}", "invite", f"--org={TARGET}", f"--csv={self.csv}"]
        self.timed_run(argv)  # the first run warms the caches
        self.assertEqual(self.check_csv(calib, True), CSV_ROWS)
        calib = self.fresh_copy("csv-calibrate.db")
        duration = self.timed_run(argv)

        self.run_trials(f"CSV invite of {CSV_ROWS} rows", duration, CSV_TRIALS, "csv-trial.db",
                        ["invite", f"--org={TARGET}", f"--csv={self.csv}"], self.check_csv)

    # ---------------------------------------------------------------------------------------------
    def check_demo(self, db, finished):
        self.assert_intact(db)
        conn = sqlite3.connect(db)
        try:
            orgs = [row[0] for row in conn.execute("SELECT id FROM organizations WHERE slug LIKE 'northwind-labs%'")]
            self.assertLessEqual(len(orgs), 1)
            if finished:
                self.assertEqual(len(orgs), 1, "the process exited 0 but the organization is not there")
            demo_journal = scalar(conn, "SELECT count(*) FROM journal WHERE action = 'organization.demo'")
            if not orgs:
                self.assertEqual(demo_journal, 0, "a journal row for an organization that is not there")
                self.assertEqual(scalar(conn, "SELECT count(*) FROM members"), 1)
                self.assertEqual(scalar(conn, "SELECT count(*) FROM teams"), 0)
                self.assertEqual(scalar(conn, "SELECT count(*) FROM updates"), 0)
                return False
            org = orgs[0]
            self.assertEqual(demo_journal, 1)
            count = lambda table: scalar(conn, f"SELECT count(*) FROM {table} WHERE organization_id = ?", org)
            self.assertEqual(count("members"), DEMO_MEMBERS)
            self.assertEqual(count("teams"), DEMO_TEAMS)
            self.assertEqual(count("updates"), DEMO_UPDATES)
            self.assertEqual(count("invitations"), min(DEMO_MEMBERS // 20, 50))
            self.assertEqual(count("subscriptions"), 1)
            self.assertEqual(scalar(conn, "SELECT json_extract(after_json, '$.members') FROM journal"
                                          " WHERE action = 'organization.demo'"), DEMO_MEMBERS)
            return True
        finally:
            conn.close()

    def test_demo_killed(self):
        demo = ["demo", f"--members={DEMO_MEMBERS}", f"--teams={DEMO_TEAMS}", f"--updates={DEMO_UPDATES}"]
        calib = self.fresh_copy("demo-calibrate.db")
        duration = self.timed_run([CTL, f"--database={calib}", *demo])
        self.assertTrue(self.check_demo(calib, True))
        os.remove(calib)

        self.run_trials(f"demo of {DEMO_MEMBERS} members", duration, DEMO_TRIALS, "demo-trial.db", demo,
                        self.check_demo)


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
