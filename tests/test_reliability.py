#!/usr/bin/python3
# test_reliability.py — hostile database files and concurrent writers, through the real binary.
# Each hostile file must give a clear message, a non-zero exit, and stay byte-for-byte as it was.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import concurrent.futures
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None
IS_ROOT = os.geteuid() == 0


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class HostileFilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="orgdesk-hostile-")
        cls.good = os.path.join(cls.tmp.name, "good.db")
        subprocess.run([CTL, f"--database={cls.good}", "demo", "--members=400", "--teams=5", "--updates=20"],
                       check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy(self, name):
        path = os.path.join(self.tmp.name, name)
        shutil.copy(self.good, path)
        return path

    def assert_refused(self, path, *needles, command=("org", "list")):
        before = sha256(path)
        proc = subprocess.run([CTL, f"--database={path}", *command], capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(proc.stdout, "")
        for needle in needles:
            self.assertIn(needle, proc.stderr)
        self.assertEqual(sha256(path), before, "the file was changed")
        self.assertFalse(os.path.exists(path + "-wal"), "a write-ahead log was created")
        return proc.stderr

    def test_truncated(self):
        path = self.copy("truncated.db")
        os.truncate(path, os.path.getsize(path) // 3)
        self.assert_refused(path, "damaged", "untouched")

    def test_bad_header(self):
        path = self.copy("header.db")
        with open(path, "r+b") as f:
            f.write(b"this is not SQLite format 3 at all")
        self.assert_refused(path, "not an Orgdesk database", "untouched")

    def test_text_file(self):
        path = os.path.join(self.tmp.name, "notes.txt")
        with open(path, "w") as f:
            f.write("Shopping list\n- milk\n" * 200)
        self.assert_refused(path, "not a SQLite file")

    def test_newer_schema(self):
        path = self.copy("newer.db")
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)")
        conn.commit()
        conn.close()
        self.assert_refused(path, "newer version of Orgdesk", "untouched")

    def test_foreign_database(self):
        path = os.path.join(self.tmp.name, "places.sqlite")
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.commit()
        conn.close()
        self.assert_refused(path, "another program")

    def test_folder_instead_of_file(self):
        path = os.path.join(self.tmp.name, "a-folder.db")
        os.mkdir(path)
        proc = subprocess.run([CTL, f"--database={path}", "org", "list"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("is a folder", proc.stderr)

    @unittest.skipUnless(IS_ROOT, "mounting a read-only file system needs root")
    def test_read_only_file_system(self):
        mnt = os.path.join(self.tmp.name, "ro")
        os.mkdir(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt], check=True)
        try:
            shutil.copy(self.good, mnt)
            subprocess.run(["mount", "-o", "remount,ro", mnt], check=True)
            self.assert_refused(os.path.join(mnt, "good.db"), "cannot be written", "untouched")
            proc = subprocess.run([CTL, f"--database={mnt}/new.db", "org", "list"], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("cannot be written", proc.stderr)
        finally:
            subprocess.run(["umount", mnt], check=True)

    @unittest.skipUnless(IS_ROOT, "mounting a small file system needs root")
    def test_full_disk(self):
        mnt = os.path.join(self.tmp.name, "full")
        os.mkdir(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt], check=True)
        try:
            path = os.path.join(mnt, "orgdesk.db")
            subprocess.run([CTL, f"--database={path}", "org", "create", "--name=Small", "--owner-email=a@b.example"],
                           check=True, capture_output=True)
            proc = subprocess.run([CTL, f"--database={path}", "demo", "--members=20000"], capture_output=True,
                                  text=True, timeout=120)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("full", proc.stderr)
            # Nothing half-applied: the first organization is intact and the demo is not there at all.
            out = subprocess.run([CTL, f"--database={path}", "org", "list"], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("small", out.stdout)
            self.assertNotIn("northwind", out.stdout)
            conn = sqlite3.connect(path)
            self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(conn.execute("SELECT count(*) FROM members").fetchone()[0], 1)
            conn.close()
        finally:
            subprocess.run(["umount", mnt], check=True)


class ConcurrentWritersTest(unittest.TestCase):
    def test_parallel_processes(self):
        with tempfile.TemporaryDirectory(prefix="orgdesk-concurrent-") as tmp:
            db = os.path.join(tmp, "orgdesk.db")
            subprocess.run([CTL, f"--database={db}", "org", "create", "--name=Busy", "--owner-email=o@busy.example",
                            "--seats=1000"], check=True, capture_output=True)

            def writer(n):
                failures = []
                for i in range(40):
                    proc = subprocess.run([CTL, f"--database={db}", "team", "create", "--org=busy",
                                           f"--name=Team {n}-{i}"], capture_output=True, text=True)
                    if proc.returncode != 0:
                        failures.append(proc.stderr)
                return failures

            with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
                failures = sum(pool.map(writer, range(6)), [])
            self.assertEqual(failures, [], "a writer saw an error: " + "".join(failures[:3]))

            conn = sqlite3.connect(db)
            self.assertEqual(conn.execute("SELECT count(*) FROM teams").fetchone()[0], 240)
            self.assertEqual(conn.execute("SELECT count(*) FROM journal WHERE action = 'team.create'").fetchone()[0],
                             240)
            self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            conn.close()


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
