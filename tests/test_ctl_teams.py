#!/usr/bin/python3
# test_ctl_teams.py — orgdeskctl's teams, updates, journal export and undo, run as a script would.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

CTL = None


class TeamsCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdeskctl-teams-")
        self.db = os.path.join(self.tmp.name, "orgdesk.db")
        self.ctl("org", "create", "--name=Acme", "--owner-email=owner@acme.example", "--owner-name=Olive Owner")
        invited = json.loads(self.ctl("invite", "--org=acme", "--email=wes@acme.example", "--json").stdout)
        code = invited[0]["code"] if isinstance(invited, list) else invited["rows"][0]["code"]
        self.ctl("invitation", "accept", code, "--name=Wes Writer")

    def tearDown(self):
        self.tmp.cleanup()

    def ctl(self, *args, expect=0):
        proc = subprocess.run([CTL, f"--database={self.db}"] + list(args), capture_output=True, text=True,
                              timeout=60)
        if proc.returncode != expect:
            self.fail(f"{args} exited {proc.returncode}, expected {expect}\n{proc.stdout}\n{proc.stderr}")
        return proc

    def json_of(self, *args):
        return json.loads(self.ctl(*args).stdout)

    def journal_id(self, action):
        for entry in self.json_of("journal", "list", "--org=acme", "--json"):
            if entry["action"] == action:
                return entry["id"]
        self.fail(f"no {action} in the journal")

    def test_team_lifecycle_and_undo(self):
        self.ctl("team", "create", "--org=acme", "--name=Platform", "--description=Runs things")
        self.ctl("team", "add", "--org=acme", "--name=platform", "wes@acme.example")
        members = self.json_of("team", "members", "--org=acme", "--name=Platform", "--json")
        self.assertEqual([m["email"] for m in members], ["wes@acme.example"])
        self.ctl("update", "post", "--org=acme", "--team=Platform", "--title=Kickoff", "--content=Hello team")
        self.ctl("team", "edit", "--org=acme", "--name=Platform", "--new-name=Core Platform")
        teams = self.json_of("team", "list", "--org=acme", "--json")
        self.assertEqual([(t["name"], t["members"]) for t in teams], [("Core Platform", 1)])

        # A Write member cannot delete teams.
        proc = self.ctl("--as=wes@acme.example", "team", "delete", "--org=acme", "--name=Core Platform", expect=1)
        self.assertIn("Only an Admin or Owner", proc.stderr)

        self.ctl("team", "delete", "--org=acme", "--name=Core Platform")
        self.assertEqual(self.json_of("team", "list", "--org=acme", "--json"), [])
        self.assertEqual(self.json_of("update", "list", "--org=acme", "--json"), [])

        entry = self.journal_id("team.delete")
        self.assertIn("Undone", self.ctl("undo", "--org=acme", str(entry)).stdout)
        teams = self.json_of("team", "list", "--org=acme", "--json")
        self.assertEqual([(t["name"], t["members"]) for t in teams], [("Core Platform", 1)])
        updates = self.json_of("update", "list", "--org=acme", "--json")
        self.assertEqual([(u["title"], u["team"]) for u in updates], [("Kickoff", "Core Platform")])

        proc = self.ctl("undo", "--org=acme", str(entry), expect=1)
        self.assertIn("already been undone", proc.stderr)
        proc = self.ctl("undo", "--org=acme", str(self.journal_id("team.create")), expect=1)
        self.assertIn("cannot be undone", proc.stderr)

        self.ctl("team", "remove", "--org=acme", "--name=Core Platform", "wes@acme.example")
        self.assertEqual(self.json_of("team", "members", "--org=acme", "--name=Core Platform", "--json"), [])

    def test_update_delete_and_undo_by_author(self):
        self.ctl("--as=wes@acme.example", "update", "post", "--org=acme", "--title=Mine", "--content=Body")
        update = self.json_of("update", "list", "--org=acme", "--json")[0]
        self.ctl("--as=wes@acme.example", "update", "delete", "--org=acme", str(update["id"]))
        self.assertEqual(self.json_of("update", "list", "--org=acme", "--json"), [])
        self.ctl("--as=wes@acme.example", "undo", "--org=acme", str(self.journal_id("update.delete")))
        self.assertEqual(self.json_of("update", "list", "--org=acme", "--json")[0]["title"], "Mine")

    def test_role_change_undo(self):
        self.ctl("member", "set-role", "--org=acme", "wes@acme.example", "admin")
        self.ctl("undo", "--org=acme", str(self.journal_id("member.role")))
        roles = {m["email"]: m["role"] for m in self.json_of("member", "list", "--org=acme", "--json")}
        self.assertEqual(roles["wes@acme.example"], "write")

    def test_journal_search_and_export(self):
        self.ctl("team", "create", "--org=acme", "--name=Data")
        kinds = self.json_of("journal", "list", "--org=acme", "--kind=team", "--json")
        self.assertEqual([e["action"] for e in kinds], ["team.create"])
        found = self.json_of("journal", "list", "--org=acme", "--search=wes@", "--json")
        self.assertTrue(found)

        text = self.ctl("journal", "export", "--org=acme").stdout
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(rows[0]["action"], "organization.create")
        self.assertEqual(rows[-1]["action"], "team.create")
        self.assertEqual(rows[-1]["sentence"], "Olive Owner created the team Data")

        out = os.path.join(self.tmp.name, "journal.json")
        self.ctl("journal", "export", "--org=acme", "--format=json", f"--output={out}")
        with open(out, encoding="utf-8") as f:
            exported = json.load(f)
        self.assertEqual(len(exported), len(rows))
        self.ctl("journal", "export", "--org=acme", "--format=xml", expect=2)


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
