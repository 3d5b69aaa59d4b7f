#!/usr/bin/python3
# test_orgdeskctl.py — runs the real orgdeskctl binary on a temporary database and checks what a
# script would see: standard output, JSON documents, standard error and exit statuses.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None


class OrgdeskctlTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdeskctl-test-")
        self.db = os.path.join(self.tmp.name, "orgdesk.db")

    def tearDown(self):
        self.tmp.cleanup()

    def run_ctl(self, *args, expect=0, stdin=None, database=True):
        argv = [CTL] + ([f"--database={self.db}"] if database else []) + list(args)
        proc = subprocess.run(argv, capture_output=True, text=True, input=stdin, timeout=120)
        if proc.returncode != expect:
            self.fail(f"{argv} exited {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def json_of(self, *args):
        return json.loads(self.run_ctl(*args).stdout)

    def create_org(self, name="Acme Tools", email="owner@acme.example", seats=None):
        args = ["org", "create", f"--name={name}", f"--owner-email={email}", "--owner-name=Olive Owner"]
        if seats:
            args.append(f"--seats={seats}")
        return self.run_ctl(*args).stdout.strip()

    def test_org_create_prints_slug_and_lists(self):
        self.assertEqual(self.create_org(), "acme-tools")
        self.assertEqual(self.create_org(email="x@acme.example"), "acme-tools-2")
        orgs = self.json_of("org", "list", "--json")
        self.assertEqual([o["slug"] for o in orgs], ["acme-tools", "acme-tools-2"])
        self.assertEqual(orgs[0]["members"], 1)
        self.assertEqual(orgs[0]["name"], "Acme Tools")
        text = self.run_ctl("org", "list").stdout
        self.assertIn("acme-tools", text)
        self.assertIn("1 of 5 seats used", text)

    def test_org_show(self):
        self.create_org(seats=12)
        org = self.json_of("org", "show", "--org=acme-tools", "--json")
        self.assertEqual(org["seats"], 12)
        self.assertEqual(org["pending_invitations"], 0)
        text = self.run_ctl("org", "show", "--org=acme-tools").stdout
        self.assertIn("1 of 12 used", text)
        self.assertIn("$22.99 per seat", text)

    def test_member_list_json(self):
        self.create_org()
        members = self.json_of("member", "list", "--org=acme-tools", "--json")
        self.assertEqual(len(members), 1)
        self.assertEqual(members[0]["email"], "owner@acme.example")
        self.assertEqual(members[0]["name"], "Olive Owner")
        self.assertEqual(members[0]["role"], "owner")
        self.assertEqual(members[0]["teams"], [])

    def test_demo_is_deterministic_and_complete(self):
        slug = self.run_ctl("demo", "--members=200", "--teams=6", "--updates=15").stdout.strip()
        self.assertEqual(slug, "northwind-labs")
        members = self.json_of("member", "list", f"--org={slug}", "--json")
        self.assertEqual(len(members), 200)
        self.assertEqual(len(self.json_of("team", "list", f"--org={slug}", "--json")), 6)
        self.assertEqual(len(self.json_of("update", "list", f"--org={slug}", "--json")), 15)
        # A second demo in another file has exactly the same people.
        other = os.path.join(self.tmp.name, "other.db")
        subprocess.run([CTL, f"--database={other}", "demo", "--members=200", "--teams=6", "--updates=15"],
                       check=True, capture_output=True)
        again = json.loads(subprocess.run([CTL, f"--database={other}", "member", "list", f"--org={slug}",
                                           "--json"], check=True, capture_output=True, text=True).stdout)
        self.assertEqual([(m["email"], m["role"], m["teams"]) for m in members],
                         [(m["email"], m["role"], m["teams"]) for m in again])
        self.assertEqual(self.run_ctl("demo", "--members=10").stdout.strip(), "northwind-labs-2")

    def test_as_enforces_roles(self):
        self.create_org()
        invited = self.json_of("invite", "--org=acme-tools", "--email=wim@acme.example", "--json")["rows"]
        self.assertEqual(invited[0]["outcome"], "invited")
        self.run_ctl("invitation", "accept", invited[0]["code"], "--name=Wim Writer")
        # A Write member cannot invite; the error names the rule and nothing is written.
        proc = self.run_ctl("--as=wim@acme.example", "invite", "--org=acme-tools",
                            "--email=new@acme.example", expect=1)
        self.assertIn("Only an Admin or Owner can invite members", proc.stderr)
        self.assertEqual(self.json_of("invitation", "list", "--org=acme-tools", "--json"), [])
        # Nor change roles.
        proc = self.run_ctl("--as", "wim@acme.example", "member", "set-role", "--org=acme-tools",
                            "wim@acme.example", "admin", expect=1)
        self.assertIn("your role is Write", proc.stderr)
        # The Owner can; and the last Owner cannot be demoted.
        self.run_ctl("member", "set-role", "--org=acme-tools", "wim@acme.example", "admin")
        roles = {m["email"]: m["role"] for m in self.json_of("member", "list", "--org=acme-tools", "--json")}
        self.assertEqual(roles["wim@acme.example"], "admin")
        proc = self.run_ctl("member", "set-role", "--org=acme-tools", "owner@acme.example", "write", expect=1)
        self.assertIn("only Owner", proc.stderr)
        # An Admin cannot grant Owner.
        proc = self.run_ctl("--as=wim@acme.example", "member", "set-role", "--org=acme-tools",
                            "wim@acme.example", "owner", expect=1)
        self.assertIn("Only an Owner", proc.stderr)
        # Unknown acting member.
        proc = self.run_ctl("--as=nobody@acme.example", "team", "create", "--org=acme-tools",
                            "--name=X", expect=1)
        self.assertIn("not a member", proc.stderr)

    def test_invitation_accept_refusals(self):
        self.create_org()
        invited = self.json_of("invite", "--org=acme-tools", "--email=a@acme.example", "--role=read", "--json")
        code = invited["rows"][0]["code"]
        listed = self.json_of("invitation", "list", "--org=acme-tools", "--json")
        self.assertEqual(listed[0]["code"], code)
        self.assertEqual(listed[0]["state"], "pending")
        self.run_ctl("invitation", "accept", code.lower(), "--name=Ann")
        proc = self.run_ctl("invitation", "accept", code, "--name=Ann", expect=1)
        self.assertIn("already been used", proc.stderr)
        proc = self.run_ctl("invitation", "accept", "NOPE-NOPE", "--name=Ann", expect=1)
        self.assertIn("No invitation has the code", proc.stderr)

    def test_seats_and_invite_rejections(self):
        self.create_org(seats=2)
        report = self.run_ctl("invite", "--org=acme-tools", "--email=a@acme.example",
                              "--email=not-an-email", "--email=b@acme.example", "--json", expect=1)
        rows = json.loads(report.stdout)["rows"]
        self.assertEqual([r["outcome"] for r in rows], ["invited", "invalid-email", "over-seat-limit"])
        self.assertEqual([r["rejected"] for r in rows], [False, True, True])
        self.assertIn("“@”", rows[1]["reason"])
        self.assertIn("Add 1 seat", rows[2]["reason"])
        proc = self.run_ctl("seats", "set", "--org=acme-tools", "1", expect=1)
        self.assertIn("at least 2 seats", proc.stderr)
        self.run_ctl("seats", "set", "--org=acme-tools", "3")
        self.assertEqual(self.json_of("org", "show", "--org=acme-tools", "--json")["seats"], 3)

    def test_teams_updates_journal(self):
        self.create_org()
        self.run_ctl("team", "create", "--org=acme-tools", "--name=Platform")
        proc = self.run_ctl("team", "create", "--org=acme-tools", "--name=platform", expect=1)
        self.assertIn("already a team", proc.stderr)
        self.run_ctl("update", "post", "--org=acme-tools", "--team=Platform", "--title=Hello",
                     "--content=First post", "--tags=a,b")
        updates = self.json_of("update", "list", "--org=acme-tools", "--team=platform", "--json")
        self.assertEqual(updates[0]["title"], "Hello")
        self.assertEqual(updates[0]["tags"], ["a", "b"])
        self.assertEqual(updates[0]["team"], "Platform")
        actions = [e["action"] for e in self.json_of("journal", "list", "--org=acme-tools", "--json")]
        self.assertEqual(actions, ["update.post", "team.create", "organization.create"])

    def test_errors_and_usage(self):
        proc = self.run_ctl("member", "list", "--org=missing", expect=1)
        self.assertIn("no organization “missing”", proc.stderr)
        self.assertEqual(proc.stdout, "")
        proc = self.run_ctl("frobnicate", expect=2)
        self.assertIn("Unknown command", proc.stderr)
        proc = self.run_ctl("org", "create", "--name=X", expect=2)
        self.assertIn("--owner-email", proc.stderr)
        proc = self.run_ctl("org", "list", "--bogus", expect=2)
        self.assertIn("Usage:", proc.stderr)
        proc = self.run_ctl("org", "create", "--name=X", "--owner-email=bad", expect=1)
        self.assertIn("“@”", proc.stderr)

    def test_refuses_foreign_database_untouched(self):
        conn = sqlite3.connect(self.db)
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
        conn.commit()
        conn.close()
        before = pathlib.Path(self.db).read_bytes()
        proc = self.run_ctl("org", "list", expect=1)
        self.assertIn("another program", proc.stderr)
        self.assertEqual(pathlib.Path(self.db).read_bytes(), before)

    def test_default_database_path(self):
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(self.tmp.name, "xdg"))
        subprocess.run([CTL, "org", "create", "--name=Default", "--owner-email=d@d.example"],
                       check=True, capture_output=True, env=env)
        self.assertTrue(os.path.exists(os.path.join(self.tmp.name, "xdg", "orgdesk", "orgdesk.db")))


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
