#!/usr/bin/python3
# test_settings_cli.py — orgdeskctl's settings, website, credential and policy commands, run as a
# script would run them; a marker secret stored through the CLI must appear in no output, no
# database file and no exported or published file; without a Secret Service nothing is stored.
#
# The credential tests need the throw-away keyring of tests/headless.sh (HEADLESS_INNER=1) and
# are skipped elsewhere, so that a developer's own keyring is never touched.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None
HERE = pathlib.Path(__file__).resolve().parent
MARKER = "sk-ORGDESK-MARKER-7f3a9c51d2e84b06cli9"
MARKER_2 = "sk-ORGDESK-MARKER-rotated-55aa10cc"
WEBSITES = "$.external_provider.denied_workstream_pattern_engine_websites"
MODELS = "$.external_provider.allowed_cloud_models"
KEYRING = os.environ.get("HEADLESS_INNER") == "1"


class SettingsCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdesk-settings-cli-")
        self.dir = pathlib.Path(self.tmp.name)
        self.db = str(self.dir / "orgdesk.db")
        self.outputs = []
        self.run_ctl("org", "create", "--name=Acme Tools", "--owner-email=owner@acme.example",
                     "--owner-name=Olive Owner")

    def tearDown(self):
        self.tmp.cleanup()

    def run_ctl(self, *args, expect=0, stdin=None, prefix=(), env=None, debug=False):
        """Runs orgdeskctl; with debug, every log message is printed too (GLib prints debug
        messages on standard output, so not for commands whose output is parsed)."""
        argv = list(prefix) + [CTL, f"--database={self.db}"] + list(args)
        env = dict(env if env is not None else os.environ)
        if debug:
            env["G_MESSAGES_DEBUG"] = "all"
        proc = subprocess.run(argv, capture_output=True, text=True, input=stdin, timeout=120, env=env)
        self.outputs.append(proc.stdout + proc.stderr)
        if proc.returncode != expect:
            self.fail(f"{argv} exited {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def json_of(self, *args):
        return json.loads(self.run_ctl(*args).stdout)

    def get(self, key):
        return self.run_ctl("settings", "get", "--org=acme-tools", key).stdout.strip()

    def count(self, sql):
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()

    # -------------------------------------------------------------------------------------------
    def test_settings_get_and_set(self):
        self.assertEqual(self.get("features.telemetry"), "true")
        self.assertEqual(self.get("processing.mode"), "local")
        self.run_ctl("settings", "set", "--org=acme-tools", "features.telemetry", "off")
        self.run_ctl("settings", "set", "--org=acme-tools", "processing.mode", "Cloud")
        self.assertEqual(self.get("features.telemetry"), "false")
        self.assertEqual(self.get("processing.mode"), "cloud")

        everything = self.json_of("settings", "get", "--org=acme-tools", "--json")
        self.assertIs(everything["features.external_cloud"], True)
        self.assertIn("gpt-4.1", everything["models.allowed"])
        self.assertIsNone(everything["models.default.fast"])
        features = self.json_of("settings", "get", "--org=acme-tools", "features", "--json")
        self.assertEqual(sorted(features),
                         ["features.external_cloud", "features.summary_reports", "features.telemetry"])

        # Models: defaults must be allowed, and the error names the field.
        self.run_ctl("settings", "set", "--org=acme-tools", "models.default.fast", "gpt-4.1-mini")
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "models.provider.openai", "off", expect=1)
        self.assertIn("default fast model “gpt-4.1-mini” is not an allowed model", proc.stderr)
        self.assertEqual(self.get("models.provider.openai"), "true")
        self.run_ctl("settings", "set", "--org=acme-tools", "models.default.fast", "none")
        self.run_ctl("settings", "set", "--org=acme-tools", "models.provider.openai", "off")
        self.assertNotIn("gpt-4.1", json.loads(self.get("models.allowed")))
        self.run_ctl("settings", "set", "--org=acme-tools", "models.customize", "on")
        self.run_ctl("settings", "set", "--org=acme-tools", "models.all", "off")
        self.assertEqual(json.loads(self.get("models.allowed")), [])
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "models.default.accurate", "gpt-x", expect=1)
        self.assertIn("not in the model catalogue", proc.stderr)

        # Sources.
        self.run_ctl("settings", "set", "--org=acme-tools", "sources.manage", "on")
        self.run_ctl("settings", "set", "--org=acme-tools", "sources.deny", "slack")
        self.run_ctl("settings", "set", "--org=acme-tools", "sources.add", "Acme IDE=com.acme.ide,acme.exe")
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "sources.add", "Chat=com.tinyspeck.slackmacgap",
                            expect=1)
        self.assertIn("already belongs to “Slack”", proc.stderr)
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "sources.remove", "Slack", expect=1)
        self.assertIn("Global", proc.stderr)
        self.assertEqual(self.get("sources.global.slack"), "true")
        custom = json.loads(self.get("sources.custom.acme ide"))
        self.assertEqual(custom, {"name": "Acme IDE", "bundle_ids": ["com.acme.ide", "acme.exe"], "denied": True})

        # Refusals.
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "features.telemetry", "maybe", expect=1)
        self.assertIn("not on or off", proc.stderr)
        proc = self.run_ctl("settings", "set", "--org=acme-tools", "features.colour", "on", expect=1)
        self.assertIn("settings keys", proc.stderr)
        self.run_ctl("settings", "set", "--org=acme-tools", "features.telemetry", expect=2)
        proc = self.run_ctl("settings", "get", "--org=acme-tools", "nope", expect=1)
        self.assertIn("not a setting", proc.stderr)
        keys = self.run_ctl("settings", "keys").stdout
        for key in ("features.external_cloud", "processing.mode", "models.customize", "models.default.",
                    "sources.add", "websites.add"):
            self.assertIn(key, keys)

        # A Write member may not change settings.
        self.run_ctl("invite", "--org=acme-tools", "--email=writer@acme.example", "--role=write")
        code = self.json_of("invitation", "list", "--org=acme-tools", "--json")[0]["code"]
        self.run_ctl("invitation", "accept", code, "--name=Walt Writer")
        proc = self.run_ctl("--as=writer@acme.example", "settings", "set", "--org=acme-tools",
                            "features.telemetry", "on", expect=1)
        self.assertEqual(self.get("features.telemetry"), "false")

        actions = [e["action"] for e in self.json_of("journal", "list", "--org=acme-tools", "--json")]
        self.assertIn("settings.update", actions)

    def test_websites(self):
        self.run_ctl("website", "add", "--org=acme-tools", "HTTPS://User@Example.COM:8443/path?q#f", "bücher.example")
        self.assertEqual(self.run_ctl("website", "list", "--org=acme-tools").stdout.splitlines(),
                         ["example.com", "xn--bcher-kva.example  (bücher.example)"])
        proc = self.run_ctl("website", "add", "--org=acme-tools", "new.example", "http://example.com/x", expect=1)
        self.assertIn("already a denied website", proc.stderr)
        proc = self.run_ctl("website", "add", "--org=acme-tools", "localhost", expect=1)
        self.assertIn("not a full domain name", proc.stderr)
        # All or nothing: new.example was not added either.
        self.assertEqual(len(self.json_of("website", "list", "--org=acme-tools", "--json")), 2)

        blocklist = self.dir / "blocklist.csv"
        blocklist.write_bytes("\ufeffurl,why\r\nhttps://ads.example.net/x,ads\r\n\r\nnot a host\r\n"
                              "ADS.example.net\r\nexample.com\r\n\"tracker.example.org\",t\r\n".encode())
        rows = json.loads(self.run_ctl("website", "import", "--org=acme-tools", str(blocklist), "--dry-run",
                                       "--json", expect=1).stdout)
        self.assertEqual([(r["line"], r["outcome"]) for r in rows],
                         [(2, "will-add"), (4, "invalid"), (5, "duplicate-in-file"), (6, "already-denied"),
                          (7, "will-add")])
        self.assertEqual(rows[0]["normalized"], "ads.example.net")
        self.assertIsNone(rows[1]["normalized"])
        self.assertTrue(rows[1]["message"])
        self.assertEqual(len(self.json_of("website", "list", "--org=acme-tools", "--json")), 2)
        proc = self.run_ctl("website", "import", "--org=acme-tools", str(blocklist), expect=1)
        self.assertIn("2 added, 3 rejected", proc.stderr)
        hosts = [w["host"] for w in self.json_of("website", "list", "--org=acme-tools", "--json")]
        self.assertEqual(hosts, ["ads.example.net", "example.com", "tracker.example.org", "xn--bcher-kva.example"])
        clean = self.dir / "clean.txt"
        clean.write_text("one.example\ntwo.example\n")
        self.run_ctl("website", "import", "--org=acme-tools", str(clean))
        self.run_ctl("website", "remove", "--org=acme-tools", "https://ONE.example/")
        self.assertEqual(len(self.json_of("website", "list", "--org=acme-tools", "--json")), 5)
        binary = self.dir / "binary.txt"
        binary.write_bytes(b"ok.example\n\xff\xfe\n")
        proc = self.run_ctl("website", "import", "--org=acme-tools", str(binary), expect=1)
        self.assertIn("not UTF-8", proc.stderr)

    def test_policy(self):
        exported = self.run_ctl("policy", "export", "--org=acme-tools").stdout
        document = json.loads(exported)
        self.assertEqual(document["schema_version"], 1)
        self.assertEqual(document["organization"]["slug"], "acme-tools")
        self.assertEqual(document["revision"], 1)
        for section in ("analytics", "external_cloud", "external_provider"):
            self.assertIn(section, document)
        provider = document["external_provider"]
        self.assertEqual(sorted(provider), ["allowed_cloud_models", "denied_workstream_pattern_engine_sources",
                                            "denied_workstream_pattern_engine_websites", "processing"])
        self.assertEqual(provider["processing"], {"enabled": "ENABLED", "processing": "LOCAL"})

        # An invalid document: every problem on standard error with its path, nothing applied.
        bad = json.loads(exported)
        bad["analytics"]["telemetry"]["enabled"] = "yes"
        bad["external_provider"]["allowed_cloud_models"]["default_models"]["fast"] = "gpt-x"
        bad["external_provider"]["denied_workstream_pattern_engine_websites"]["denied_websites"] = [
            {"url": "bad host"}, {"url": "ok.example"}, {"url": "OK.example"}]
        bad_file = self.dir / "bad.json"
        bad_file.write_text(json.dumps(bad))
        proc = self.run_ctl("policy", "import", "--org=acme-tools", str(bad_file), expect=1)
        lines = [line for line in proc.stderr.splitlines() if line.startswith("$")]
        self.assertEqual([line.split(":")[0] for line in lines],
                         ["$.analytics.telemetry.enabled", f"{MODELS}.default_models.fast",
                          f"{WEBSITES}.denied_websites[0].url", f"{WEBSITES}.denied_websites[2].url"])
        self.assertIn("4 problems", proc.stderr)
        self.assertEqual(proc.stdout, "")
        self.assertEqual(self.get("features.telemetry"), "true")

        # A valid one: --dry-run shows the diff and changes nothing; then it applies.
        good = json.loads(exported)
        good["analytics"]["telemetry"]["enabled"] = "DISABLED"
        good["external_provider"]["denied_workstream_pattern_engine_websites"] = {
            "enabled": "ENABLED", "denied_websites": [{"url": "https://Blocked.example/x"}]}
        good_file = self.dir / "good.json"
        good_file.write_text(json.dumps(good))
        proc = self.run_ctl("policy", "import", "--org=acme-tools", str(good_file), "--dry-run")
        self.assertIn('+ $.analytics.telemetry.enabled: "DISABLED"', proc.stdout)
        self.assertIn(f'+ {WEBSITES}.denied_websites[]: {{"url":"blocked.example"}}', proc.stdout)
        self.assertEqual(self.get("features.telemetry"), "true")
        self.run_ctl("policy", "import", "--org=acme-tools", "-", stdin=json.dumps(good))
        self.assertEqual(self.get("features.telemetry"), "false")
        self.assertEqual(self.get("websites.manage"), "true")

        # Publish: files in the folder, the diff, the revision; unchanged publishes nothing.
        folder = self.dir / "policy"
        folder.mkdir()
        first = self.json_of("policy", "publish", "--org=acme-tools", f"--folder={folder}", "--json")
        self.assertEqual(first["revision"], 1)
        self.assertIs(first["published"], True)
        self.assertTrue(first["changes"])
        self.assertEqual(sorted(p.name for p in folder.iterdir()),
                         ["orgdesk-policy-acme-tools-r1.json", "orgdesk-policy-acme-tools.json"])
        published = json.loads((folder / "orgdesk-policy-acme-tools.json").read_text())
        self.assertEqual(published["revision"], 1)
        again = self.json_of("policy", "publish", "--org=acme-tools", f"--folder={folder}", "--json")
        self.assertEqual(again["revision"], 1)
        self.assertIs(again["published"], False)
        self.assertEqual(again["changes"], [])
        self.assertIn("nothing was published",
                      self.run_ctl("policy", "publish", "--org=acme-tools", f"--folder={folder}").stdout)

        self.run_ctl("settings", "set", "--org=acme-tools", "features.telemetry", "on")
        self.assertEqual(self.run_ctl("policy", "diff", "--org=acme-tools").stdout.splitlines(),
                         ['- $.analytics.telemetry.enabled: "DISABLED"', '+ $.analytics.telemetry.enabled: "ENABLED"'])
        text = self.run_ctl("policy", "publish", "--org=acme-tools", f"--folder={folder}").stdout
        self.assertIn("Published revision 2", text)
        self.assertIn('+ $.analytics.telemetry.enabled: "ENABLED"', text)
        history = self.json_of("policy", "history", "--org=acme-tools", "--json")
        self.assertEqual([h["revision"] for h in history], [2, 1])
        self.assertEqual(history[0]["published_by"], "Olive Owner")
        self.assertEqual(history[0]["file"], "orgdesk-policy-acme-tools-r2.json")

        # Restore revision 1 into the settings; the next export is the draft of revision 3.
        self.run_ctl("policy", "restore", "--org=acme-tools", "1")
        self.assertEqual(self.get("features.telemetry"), "false")
        self.assertEqual(json.loads(self.run_ctl("policy", "export", "--org=acme-tools").stdout)["revision"], 3)
        self.run_ctl("policy", "restore", "--org=acme-tools", "7", expect=1)
        self.run_ctl("policy", "restore", "--org=acme-tools", "seven", expect=2)
        proc = self.run_ctl("policy", "publish", "--org=acme-tools", f"--folder={self.dir / 'missing'}", expect=1)
        self.assertIn("does not exist", proc.stderr)
        output = self.dir / "exported.json"
        self.run_ctl("policy", "export", "--org=acme-tools", f"--output={output}")
        self.assertEqual(json.loads(output.read_text())["revision"], 3)

    # -------------------------------------------------------------------------------------------
    def scan_for_marker(self, marker, extra_files=()):
        for suffix in ("", "-wal", "-shm"):
            path = pathlib.Path(self.db + suffix)
            if path.exists():
                self.assertNotIn(marker.encode(), path.read_bytes(), f"the secret is in {path}")
        for path in extra_files:
            self.assertNotIn(marker.encode(), pathlib.Path(path).read_bytes(), f"the secret is in {path}")
        for text in self.outputs:
            self.assertNotIn(marker, text)

    @unittest.skipUnless(KEYRING, "needs the throw-away keyring of tests/headless.sh")
    def test_credentials_and_the_marker(self):
        out = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=Production",
                           "--field=project_id=proj_42", stdin=MARKER + "\n", debug=True).stdout
        self.assertIn("ending in", out)
        listed = self.json_of("credential", "list", "--org=acme-tools", "--json")
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["name"], "Production")
        self.assertEqual(listed[0]["provider"], "openai")
        self.assertEqual(listed[0]["last_four"], MARKER[-4:])
        self.assertEqual(listed[0]["fields"], {"api_url": "https://api.openai.com", "project_id": "proj_42"})

        # The same name again replaces the secret (same credential).
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=Production",
                     stdin=MARKER_2, debug=True)
        listed = self.json_of("credential", "list", "--org=acme-tools", "--json")
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["last_four"], MARKER_2[-4:])
        self.assertEqual(listed[0]["fields"]["project_id"], "proj_42")
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=anthropic", "--name=Production",
                            stdin="sk-ant-0123456789abcdef", expect=1)
        self.assertIn("is for OpenAI", proc.stderr)

        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=bedrock", "--name=AWS",
                     "--field=access_key_id=AKIAIOSFODNN7EXAMPLE", "--field=region=us-east-1",
                     stdin=MARKER + "-bedrock")
        service_account = self.dir / "sa.json"
        service_account.write_text(json.dumps({
            "type": "service_account", "project_id": "acme-ai", "private_key_id": "0123456789abcdef01234567",
            "private_key": f"-----BEGIN PRIVATE KEY-----\n{MARKER}\n-----END PRIVATE KEY-----\n",
            "client_email": "svc@acme-ai.iam.gserviceaccount.com"}))
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=gemini", "--name=Vertex",
                     f"--service-account-file={service_account}")
        gemini = [c for c in self.json_of("credential", "list", "--org=acme-tools", "--json") if c["name"] == "Vertex"]
        self.assertEqual(gemini[0]["fields"]["auth"], "service_account")

        # Never on the command line.
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=X", MARKER, expect=2)
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=X", f"--secret={MARKER}",
                     expect=2)
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=X",
                            f"--field=api_key={MARKER}", stdin="sk-abcdef0123456789", expect=1)
        self.assertIn("standard input", proc.stderr)
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=Empty",
                            stdin="", expect=1)
        self.assertIn("standard input", proc.stderr)

        # Every path that shows data, then every file.
        folder = self.dir / "policy"
        folder.mkdir()
        journal_json = self.dir / "journal.json"
        journal_csv = self.dir / "journal.csv"
        for debug in (False, True):
            self.run_ctl("credential", "list", "--org=acme-tools", debug=debug)
            self.run_ctl("credential", "list", "--org=acme-tools", "--json", debug=debug)
            self.run_ctl("policy", "export", "--org=acme-tools", debug=debug)
            self.run_ctl("policy", "publish", "--org=acme-tools", f"--folder={folder}", "--json", debug=debug)
            self.run_ctl("policy", "history", "--org=acme-tools", "--json", debug=debug)
            self.run_ctl("journal", "list", "--org=acme-tools", debug=debug)
            self.run_ctl("journal", "list", "--org=acme-tools", "--json", debug=debug)
            self.run_ctl("journal", "export", "--org=acme-tools", "--format=json", f"--output={journal_json}",
                         debug=debug)
            self.run_ctl("journal", "export", "--org=acme-tools", "--format=csv", f"--output={journal_csv}",
                         debug=debug)
            self.run_ctl("journal", "export", "--org=acme-tools", "--format=json", debug=debug)
            self.run_ctl("settings", "get", "--org=acme-tools", debug=debug)
            self.run_ctl("settings", "get", "--org=acme-tools", "--json", debug=debug)
            self.run_ctl("org", "show", "--org=acme-tools", "--json", debug=debug)
        self.assertIn("credential.create", journal_json.read_text())
        published = list(folder.iterdir())
        self.assertEqual(len(published), 2)
        for marker in (MARKER, MARKER_2):
            self.scan_for_marker(marker, [journal_json, journal_csv, *published])

        for name in ("Production", "AWS", "Vertex"):
            self.run_ctl("credential", "delete", "--org=acme-tools", f"--name={name}", debug=True)
        self.assertEqual(self.json_of("credential", "list", "--org=acme-tools", "--json"), [])
        self.run_ctl("credential", "delete", "--org=acme-tools", "--name=Production", expect=1)

    def test_no_secret_service(self):
        runner = shutil.which("dbus-run-session")
        if runner is None:
            self.skipTest("dbus-run-session is not installed")
        prefix = [runner, f"--config-file={HERE / 'nosvc-bus.conf'}", "--"]
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=Production",
                            stdin=MARKER, prefix=prefix, expect=1, debug=True)
        self.assertIn("No keyring is available", proc.stderr)
        self.assertIn("Nothing was stored", proc.stderr)
        self.assertEqual(self.json_of("credential", "list", "--org=acme-tools", "--json"), [])
        self.assertEqual(self.count("SELECT count(*) FROM credentials"), 0)
        self.assertEqual(self.count("SELECT count(*) FROM journal WHERE action LIKE 'credential.%'"), 0)
        self.scan_for_marker(MARKER)

        # Neither a session bus nor a display.
        env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")}
        env["XDG_RUNTIME_DIR"] = str(self.dir)
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=Production",
                            stdin=MARKER, env=env, expect=1)
        self.assertIn("keyring", proc.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM credentials"), 0)

    def test_usage(self):
        self.run_ctl("credential", "set", "--org=acme-tools", "--name=X", stdin="k", expect=2)
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=gemini", "--name=X",
                     "--service-account-file", expect=2)
        self.run_ctl("credential", "set", "--org=acme-tools", "--provider=openai", "--name=X",
                     "--service-account-file=/nonexistent", expect=2)
        proc = self.run_ctl("credential", "set", "--org=acme-tools", "--provider=mistral", "--name=X",
                            stdin="sk-0123456789", expect=1)
        self.assertIn("not a provider", proc.stderr)
        self.run_ctl("credential", "delete", "--org=acme-tools", expect=2)
        self.run_ctl("policy", "import", "--org=acme-tools", expect=2)
        self.run_ctl("policy", "publish", "--org=acme-tools", expect=2)
        self.run_ctl("website", "add", "--org=acme-tools", expect=2)
        proc = self.run_ctl("policy", "export", "--org=missing", expect=1)
        self.assertIn("missing", proc.stderr)
        self.assertIn("settings get --org=SLUG", self.run_ctl("--help").stdout)


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
