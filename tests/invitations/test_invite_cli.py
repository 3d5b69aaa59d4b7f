#!/usr/bin/python3
# test_invite_cli.py — orgdeskctl's invitation, seat and member commands as a script sees them:
# the per-row report, exit statuses, refusals of whole files, --dry-run, resend and revoke,
# bulk member changes and the members export.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None


class InviteCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdeskctl-invite-")
        self.db = os.path.join(self.tmp.name, "orgdesk.db")
        self.run_ctl("org", "create", "--name=Acme", "--owner-email=owner@acme.example",
                     "--owner-name=Olive Owner", "--seats=10")

    def tearDown(self):
        self.tmp.cleanup()

    def run_ctl(self, *args, expect=0, stdin=None):
        argv = [CTL, f"--database={self.db}"] + list(args)
        proc = subprocess.run(argv, capture_output=True, input=stdin, timeout=120)
        proc.stdout = proc.stdout.decode("utf-8")
        proc.stderr = proc.stderr.decode("utf-8")
        if proc.returncode != expect:
            self.fail(f"{argv} exited {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def json_of(self, *args, expect=0):
        return json.loads(self.run_ctl(*args, expect=expect).stdout)

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def invitations(self):
        return self.json_of("invitation", "list", "--org=acme", "--json")

    def journal_size(self):
        return len(self.json_of("journal", "list", "--org=acme", "--json"))

    def test_csv_with_bom_and_crlf_report(self):
        path = self.write("people.csv", "\ufeffEmail,Name,Role\r\n"
                                        "ann@acme.example,Ann,admin\r\n"
                                        "\"bob@acme.example\",\"Bob, Jr.\",\r\n"
                                        "\r\n"
                                        "ANN@acme.example,Dup,read\r\n"
                                        "not-an-email,X,read\r\n"
                                        "cy@acme.example,Cy,boss\r\n"
                                        "owner@acme.example,Olive,\r\n")
        journal = self.journal_size()
        proc = self.run_ctl("invite", "--org=acme", f"--csv={path}", "--role=read", expect=1)
        lines = proc.stdout.splitlines()
        self.assertTrue(lines[0].startswith("line 2: ann@acme.example — Invited as Admin. Code "), lines[0])
        self.assertIn("line 3: bob@acme.example — Invited as Read.", lines[1])
        self.assertEqual(lines[2], "line 5: ANN@acme.example — Duplicate in file: "
                                   "ANN@acme.example is already on line 2 of this list. Keep one of the two rows.")
        self.assertEqual(lines[3], "line 6: not-an-email — Invalid email: The email address has no “@”.")
        self.assertEqual(lines[4], "line 7: cy@acme.example — Unknown role: "
                                   "Unknown role “boss”. Use read, write, admin or owner.")
        self.assertIn("line 8: owner@acme.example — Already a member", lines[5])
        self.assertIn("Invited 2 of 6 rows.", proc.stdout)
        self.assertIn("Rejected 4: 1 Invalid email, 1 Duplicate in file, 1 Already a member, 1 Unknown role.",
                      proc.stdout)
        self.assertIn("Seats: Uses 2 of 9 free seats (1 of 10 seats in use).", proc.stdout)
        self.assertIn("4 of 6 rows were rejected", proc.stderr)
        # The valid rows were invited, in one journal entry.
        self.assertEqual(sorted((i["email"], i["role"]) for i in self.invitations()),
                         [("ann@acme.example", "admin"), ("bob@acme.example", "read")])
        self.assertEqual(self.journal_size(), journal + 1)
        self.assertEqual(self.json_of("journal", "list", "--org=acme", "--limit=1", "--json")[0]["action"],
                         "invitation.bulk-create")

    def test_json_report(self):
        path = self.write("x.csv", "email,role\na@acme.example,write\nb@acme.example,owner\nbad\n")
        report = self.json_of("--as=owner@acme.example", "invite", "--org=acme", f"--csv={path}", "--json",
                              expect=1)
        rows = report["rows"]
        self.assertEqual([(r["line"], r["email"], r["role"], r["outcome"], r["rejected"]) for r in rows],
                         [(2, "a@acme.example", "write", "invited", False),
                          (3, "b@acme.example", "owner", "invited", False),
                          (4, "bad", "write", "invalid-email", True)])
        self.assertEqual(len(rows[0]["code"]), 23)
        self.assertNotIn("code", rows[2])
        summary = report["summary"]
        self.assertEqual(summary["rows"], 3)
        self.assertEqual(summary["invited"], 2)
        self.assertEqual(summary["rejected"], 1)
        self.assertFalse(summary["dry_run"])
        self.assertEqual(summary["outcomes"]["invalid-email"], 1)
        self.assertEqual(summary["seats"], {"total": 10, "used": 1, "free": 9, "needed": 2,
                                            "impact": "Uses 2 of 9 free seats (1 of 10 seats in use)."})
        # Every invited row can be accepted with its code.
        self.run_ctl("invitation", "accept", rows[1]["code"], "--name=Bea Boss")
        roles = {m["email"]: m["role"] for m in self.json_of("member", "list", "--org=acme", "--json")}
        self.assertEqual(roles["b@acme.example"], "owner")

    def test_all_invited_exits_zero_and_emails_form(self):
        report = self.json_of("invite", "--org=acme", "--email=x@acme.example", "--email=y@acme.example",
                              "--role=admin", "--json")
        self.assertEqual([(r["line"], r["outcome"], r["role"]) for r in report["rows"]],
                         [(1, "invited", "admin"), (2, "invited", "admin")])
        proc = self.run_ctl("invite", "--org=acme", "--email=z@acme.example")
        self.assertIn("line 1: z@acme.example — Invited as Write.", proc.stdout)
        self.assertEqual(proc.stderr, "")

    def test_dry_run_changes_nothing(self):
        path = self.write("x.csv", "a@acme.example\nb@acme.example,admin\n")
        journal = self.journal_size()
        proc = self.run_ctl("invite", "--org=acme", f"--csv={path}", "--dry-run")
        self.assertIn("line 1: a@acme.example — Will be invited as Write.", proc.stdout)
        self.assertIn("Dry run: 2 of 2 rows would be invited; nothing was changed.", proc.stdout)
        report = self.json_of("invite", "--org=acme", f"--csv={path}", "--dry-run", "--json")
        self.assertEqual([r["outcome"] for r in report["rows"]], ["will-invite", "will-invite"])
        self.assertTrue(report["summary"]["dry_run"])
        self.assertEqual(report["summary"]["invited"], 0)
        self.assertEqual(self.invitations(), [])
        self.assertEqual(self.journal_size(), journal)
        # A rejected row makes a dry run fail too, and still changes nothing.
        bad = self.write("bad.csv", "a@acme.example\nnope\n")
        self.run_ctl("invite", "--org=acme", f"--csv={bad}", "--dry-run", expect=1)
        self.assertEqual(self.invitations(), [])

    def test_seat_limit_rows(self):
        self.run_ctl("seats", "set", "--org=acme", "3")
        report = self.json_of("invite", "--org=acme", "--email=a@acme.example", "--email=b@acme.example",
                              "--email=c@acme.example", "--json", expect=1)
        self.assertEqual([r["outcome"] for r in report["rows"]], ["invited", "invited", "over-seat-limit"])
        self.assertIn("Add 1 seat to invite every row.", report["rows"][2]["reason"])
        proc = self.run_ctl("invite", "--org=acme", "--email=d@acme.example", expect=1)
        self.assertIn("All 3 seats are in use (1 members, 2 pending invitations). Add seats to invite d@acme.example.",
                      proc.stdout)

    def test_refused_files(self):
        journal = self.journal_size()
        cases = [
            ("latin1.csv", b"email\nann@acme.example\nj\xfcrgen@acme.example\n",
             ["latin1.csv: Line 3 is not UTF-8", "offset 24"]),
            ("quote.csv", b"a@acme.example\n\"b@acme.example,read\nc@acme.example\n",
             ["quote.csv: The quoted field that starts on line 2 has no closing quote"]),
            ("utf16.csv", "email\n".encode("utf-16"), ["UTF-16"]),
            ("rows.csv", b"email\n" + b"u@acme.example\n" * 200001, ["more than 200000 rows", "line 200002"]),
        ]
        for name, data, needles in cases:
            path = self.write(name, data)
            proc = self.run_ctl("invite", "--org=acme", f"--csv={path}", expect=1)
            for needle in needles:
                self.assertIn(needle, proc.stderr, name)
            self.assertEqual(proc.stdout, "", name)
        # Larger than 50 MB: refused from its size, before it is read.
        big = os.path.join(self.tmp.name, "big.csv")
        with open(big, "wb") as f:
            f.truncate(50 * 1024 * 1024 + 1)
        proc = self.run_ctl("invite", "--org=acme", f"--csv={big}", expect=1)
        self.assertIn("big.csv: The list is 50.0\u00a0MiB (52428801 bytes); lists larger than 50 MiB "
                      "(52428800 bytes) are refused.", proc.stderr)
        proc = self.run_ctl("invite", "--org=acme", "--csv=" + os.path.join(self.tmp.name, "missing.csv"), expect=1)
        self.assertIn("missing.csv", proc.stderr)
        proc = self.run_ctl("invite", "--org=acme", f"--csv={self.tmp.name}", expect=1)
        self.assertIn("folder", proc.stderr)
        self.assertEqual(self.invitations(), [])
        self.assertEqual(self.journal_size(), journal)

    def test_standard_input(self):
        report = json.loads(self.run_ctl("invite", "--org=acme", "--csv=-", "--json",
                                         stdin=b"\xef\xbb\xbfemail\r\ns@acme.example\r\n").stdout)
        self.assertEqual(report["rows"][0]["line"], 2)
        proc = self.run_ctl("invite", "--org=acme", "--csv=-", stdin=b"\xff", expect=1)
        self.assertIn("standard input: Line 1 is not UTF-8", proc.stderr)

    def test_usage_errors(self):
        proc = self.run_ctl("invite", "--org=acme", expect=2)
        self.assertIn("Give either --email", proc.stderr)
        self.assertIn("exit status", proc.stderr.lower())
        self.run_ctl("invite", "--org=acme", "--email=a@acme.example", "--csv=x.csv", expect=2)
        proc = self.run_ctl("invite", "--org=acme", "--email=a@acme.example", "--role=boss", expect=2)
        self.assertIn("Unknown role “boss”", proc.stderr)
        self.run_ctl("invite", "--org=acme", "--email=a@acme.example", "stray", expect=2)
        self.run_ctl("invitation", "revoke", "--org=acme", expect=2)
        self.run_ctl("invitation", "resend", "--org=acme", expect=2)
        self.run_ctl("member", "export", "--org=acme", "--format=xml", expect=2)
        self.assertEqual(self.invitations(), [])

    def test_not_allowed_for_your_role(self):
        code = self.json_of("invite", "--org=acme", "--email=wim@acme.example", "--json")["rows"][0]["code"]
        self.run_ctl("invitation", "accept", code, "--name=Wim")
        proc = self.run_ctl("--as=wim@acme.example", "invite", "--org=acme", "--email=n@acme.example",
                            "--email=bad", expect=1)
        self.assertIn("Only an Admin or Owner can invite members; your role is Write. Nothing was invited.",
                      proc.stderr)
        self.assertIn("line 2: bad — Not allowed for your role", proc.stdout)
        self.assertEqual(self.invitations(), [])

    def test_rejected_rows_file_round_trip(self):
        path = self.write("in.csv", "email,role,name\r\n\"x,y@acme.example\",read,X\r\nok@acme.example,admin,O\r\n"
                                    "q@acme.example,boss,Q\r\n")
        rejected = os.path.join(self.tmp.name, "rejected.csv")
        self.run_ctl("invite", "--org=acme", f"--csv={path}", f"--rejected={rejected}", expect=1)
        with open(rejected, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["email", "role", "line", "reason"])
        self.assertEqual([r[:3] for r in rows[1:]], [["x,y@acme.example", "read", "2"], ["q@acme.example", "boss", "4"]])
        # Fixed and imported again: the parser reads its own file.
        with open(rejected, "r", newline="", encoding="utf-8") as f:
            fixed = f.read().replace("x,y@acme.example", "xy@acme.example").replace(",boss,", ",write,")
        self.write("fixed.csv", fixed)
        report = self.json_of("invite", "--org=acme", "--csv=" + os.path.join(self.tmp.name, "fixed.csv"), "--json")
        self.assertEqual([(r["email"], r["role"]) for r in report["rows"]],
                         [("xy@acme.example", "read"), ("q@acme.example", "write")])
        # An output path that cannot be written stops everything before it starts.
        proc = self.run_ctl("invite", "--org=acme", "--email=later@acme.example",
                            "--rejected=" + os.path.join(self.tmp.name, "no", "such", "dir.csv"), expect=1)
        self.assertNotIn("later@acme.example", [i["email"] for i in self.invitations()])

    def test_resend_and_revoke(self):
        self.run_ctl("invite", "--org=acme", "--email=a@acme.example", "--email=b@acme.example",
                     "--email=c@acme.example")
        by_email = {i["email"]: i for i in self.invitations()}
        proc = self.run_ctl("invitation", "resend", "--org=acme", "A@acme.example")
        self.assertIn("Sent the invitation for a@acme.example again (2 times in all)", proc.stdout)
        self.run_ctl("invitation", "resend", "--org=acme", str(by_email["b@acme.example"]["id"]))
        sent = {i["email"]: i["times_sent"] for i in self.invitations()}
        self.assertEqual(sent, {"a@acme.example": 2, "b@acme.example": 2, "c@acme.example": 1})

        # Revoking several is all or nothing: an unknown address changes nothing.
        proc = self.run_ctl("invitation", "revoke", "--org=acme", "a@acme.example", "zed@acme.example", expect=1)
        self.assertIn("no pending or expired invitation for zed@acme.example", proc.stderr)
        self.assertEqual(len(self.invitations()), 3)
        proc = self.run_ctl("invitation", "revoke", "--org=acme", "a@acme.example",
                            str(by_email["b@acme.example"]["id"]))
        self.assertIn("Revoked 2 invitations.", proc.stdout)
        self.assertEqual([i["email"] for i in self.invitations()], ["c@acme.example"])
        proc = self.run_ctl("invitation", "resend", "--org=acme", str(by_email["a@acme.example"]["id"]), expect=1)
        self.assertIn("was revoked", proc.stderr)

        # An expired invitation no longer holds a seat; resending it takes one again.
        conn = sqlite3.connect(self.db)
        conn.execute("UPDATE invitations SET expires_at = 1000 WHERE email = 'c@acme.example'")
        conn.commit()
        conn.close()
        self.assertEqual(self.json_of("org", "show", "--org=acme", "--json")["pending_invitations"], 0)
        self.assertEqual(self.invitations()[0]["state"], "expired")
        self.run_ctl("invitation", "resend", "--org=acme", "c@acme.example")
        self.assertEqual(self.invitations()[0]["state"], "pending")
        self.assertEqual(self.json_of("org", "show", "--org=acme", "--json")["pending_invitations"], 1)

    def test_bulk_members_and_export(self):
        report = self.json_of("invite", "--org=acme", "--email=a@acme.example", "--email=b@acme.example",
                              "--email=c@acme.example", "--json")
        for row, name in zip(report["rows"], ["=SUM(A1)", "Bea, B.", "@cmd"]):
            self.run_ctl("invitation", "accept", row["code"], f"--name={name}")
        self.run_ctl("member", "set-role", "--org=acme", "a@acme.example", "b@acme.example", "admin")
        roles = {m["email"]: m["role"] for m in self.json_of("member", "list", "--org=acme", "--json")}
        self.assertEqual((roles["a@acme.example"], roles["b@acme.example"]), ("admin", "admin"))
        # All or nothing: the last Owner cannot be demoted, so b keeps admin too.
        proc = self.run_ctl("member", "set-role", "--org=acme", "b@acme.example", "owner@acme.example", "read",
                            expect=1)
        self.assertIn("only Owner", proc.stderr)
        roles = {m["email"]: m["role"] for m in self.json_of("member", "list", "--org=acme", "--json")}
        self.assertEqual(roles["b@acme.example"], "admin")

        text = self.run_ctl("member", "export", "--org=acme").stdout
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(rows[0], ["name", "email", "role", "teams", "joined", "last_active"])
        self.assertEqual([r[0] for r in rows[1:]], ["'=SUM(A1)", "'@cmd", "Bea, B.", "Olive Owner"])
        self.assertTrue(text.endswith("\r\n"))
        self.assertRegex(rows[1][4], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        members = self.json_of("member", "export", "--org=acme", "--format=json")
        self.assertEqual(members[0]["name"], "=SUM(A1)")
        self.assertEqual(set(members[0]), {"name", "email", "role", "teams", "joined_at", "last_active_at"})
        out = os.path.join(self.tmp.name, "members.json")
        self.run_ctl("member", "export", "--org=acme", "--format=json", "--search=bea", f"--output={out}")
        with open(out, encoding="utf-8") as f:
            self.assertEqual([m["email"] for m in json.load(f)], ["b@acme.example"])
        # A failed export leaves no file behind.
        missing = os.path.join(self.tmp.name, "never.csv")
        self.run_ctl("member", "export", "--org=nope", f"--output={missing}", expect=1)
        self.assertFalse(os.path.exists(missing))

        self.run_ctl("member", "remove", "--org=acme", "a@acme.example", "c@acme.example")
        emails = [m["email"] for m in self.json_of("member", "list", "--org=acme", "--json")]
        self.assertEqual(sorted(emails), ["b@acme.example", "owner@acme.example"])
        proc = self.run_ctl("member", "remove", "--org=acme", "b@acme.example", "ghost@acme.example", expect=1)
        self.assertIn("ghost@acme.example is not a member", proc.stderr)
        self.assertIn("b@acme.example", [m["email"] for m in self.json_of("member", "list", "--org=acme", "--json")])


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
