#!/usr/bin/python3
"""test_secrets.py — an API key never leaves the keyring.

A marker secret (sk-MARKER-<random>, a new one per provider and per version of each key) goes
through every credential path of orgdeskctl — set, list, replace the secret, edit the other fields,
delete — for every provider of SPEC §6 (Google Gemini both as an API key and as a Vertex AI
service-account file), with the real gnome-keyring of tests/headless.sh (the test skips
elsewhere, so a person's own keyring is never touched). Every command runs with
G_MESSAGES_DEBUG=all. Then no marker may be found in:
  * the database file, its -wal and -shm files (a reader keeps the write-ahead log alive),
  * anything orgdeskctl printed (standard output and error of every command),
  * the exports: member export (CSV, JSON), journal list/export (CSV, JSON), policy export, the
    policy publish folder, billing export and history, credential list (--json and not),
    settings get, org show,
  * the command line and environment of a running `credential set` (/proc/PID/cmdline, environ),
  * what orgdeskctl printed when it was killed with SIGABRT or SIGSEGV half-way through a
    `credential set`.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import json
import os
import pathlib
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import unittest

CTL = None
KEYRING = os.environ.get("HEADLESS_INNER") == "1"
ORG = "acme-tools"

# provider → (non-secret fields given with --field, a field to edit afterwards)
PROVIDERS = {
    "openai": (["organization_id=org-acme", "project_id=proj_42"], "project_id=proj_43"),
    "anthropic": ([], "api_url=https://anthropic.internal.example"),
    "gemini": ([], None),
    "azure-openai": (["endpoint=https://acme.openai.azure.com", "deployment=gpt-4o"], "deployment=gpt-4o-mini"),
    "bedrock": (["access_key_id=AKIAIOSFODNN7EXAMPLE", "region=us-east-1"], "region=eu-west-1"),
}


def new_marker(tag):
    return f"sk-MARKER-{tag}-{secrets.token_hex(12)}"


@unittest.skipUnless(KEYRING, "needs the throw-away keyring of tests/headless.sh")
class SecretsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdesk-secrets-")
        self.dir = pathlib.Path(self.tmp.name)
        self.db = str(self.dir / "orgdesk.db")
        self.outputs = []
        self.markers = []
        self.files = []
        self.run_ctl("org", "create", "--name=Acme Tools", "--owner-email=owner@acme.example", "--seats=20")
        # A reader in another process holds the database open, so the write-ahead log and its index
        # stay on disk to be scanned (in this process, reading the files would drop its locks).
        self.reader = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
             " c.execute('SELECT count(*) FROM organizations').fetchone(); print('open', flush=True);"
             " sys.stdin.read()", self.db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.assertEqual(self.reader.stdout.readline(), "open\n")

    def tearDown(self):
        self.reader.communicate("")
        self.tmp.cleanup()

    def env(self):
        env = dict(os.environ)
        env["G_MESSAGES_DEBUG"] = "all"
        return env

    def run_ctl(self, *args, expect=0, stdin=None):
        argv = [CTL, f"--database={self.db}", *args]
        proc = subprocess.run(argv, capture_output=True, text=True, input=stdin, timeout=120, env=self.env())
        self.outputs.append(proc.stdout + proc.stderr)
        self.assertEqual(proc.returncode, expect, f"{argv}\nstdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def json_of(self, *args):
        # G_MESSAGES_DEBUG=all prints debug messages on standard output: parse the last line that is JSON.
        lines = self.run_ctl(*args).stdout.splitlines(keepends=True)
        first = next(i for i, line in enumerate(lines) if line.startswith(("[", "{")))
        return json.loads("".join(lines[first:]))

    def set_secret(self, provider, name, secret, fields=(), expect=0):
        """credential set with the secret on standard input, checking /proc/PID while it runs."""
        argv = [CTL, f"--database={self.db}", "credential", "set", f"--org={ORG}", f"--provider={provider}",
                f"--name={name}", *[f"--field={f}" for f in fields]]
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=self.env())
        seen = []
        for _ in range(2):  # before and after the secret is on standard input
            try:
                seen.append(pathlib.Path(f"/proc/{proc.pid}/cmdline").read_bytes())
                seen.append(pathlib.Path(f"/proc/{proc.pid}/environ").read_bytes())
            except (FileNotFoundError, ProcessLookupError):
                pass
            if proc.stdin is not None:
                proc.stdin.write(secret.encode())
                proc.stdin.close()
                proc.stdin = None
        out, err = proc.communicate(timeout=120)
        self.outputs.append(out.decode() + err.decode())
        self.assertEqual(proc.returncode, expect, err.decode())
        self.assertTrue(seen, "the process was never seen running")
        for blob in seen:
            self.assertNotIn(secret.encode(), blob, "the secret is on the command line or in the environment")
        return out.decode()

    def scan(self):
        files = [pathlib.Path(self.db + suffix) for suffix in ("", "-wal", "-shm")]
        self.assertTrue(files[1].exists(), f"no write-ahead log to scan: {sorted(os.listdir(self.dir))}")
        files += [pathlib.Path(p) for p in self.files]
        for folder in (self.dir / "published",):
            if folder.exists():
                files += list(folder.iterdir())
        self.assertGreater(len(self.markers), 10)
        for marker in self.markers:
            for path in files:
                if path.exists():
                    self.assertNotIn(marker.encode(), path.read_bytes(), f"the secret is in {path}")
            for text in self.outputs:
                self.assertNotIn(marker, text, "the secret was printed")
            # Neither a prefix nor the bulk of it: only the last four characters may be shown.
            for path in files:
                if path.exists():
                    self.assertNotIn(marker[:-4].encode(), path.read_bytes())

    def export_everything(self, tag):
        out = self.dir / tag
        out.mkdir()
        published = self.dir / "published"
        published.mkdir(exist_ok=True)
        for fmt in ("csv", "json"):
            self.run_ctl("member", "export", f"--org={ORG}", f"--format={fmt}", f"--output={out}/members.{fmt}")
            self.run_ctl("journal", "export", f"--org={ORG}", f"--format={fmt}", f"--output={out}/journal.{fmt}")
            self.files += [out / f"members.{fmt}", out / f"journal.{fmt}"]
        self.run_ctl("journal", "export", f"--org={ORG}", "--format=json")
        self.run_ctl("policy", "export", f"--org={ORG}", f"--output={out}/policy.json")
        self.run_ctl("policy", "export", f"--org={ORG}")
        self.run_ctl("policy", "publish", f"--org={ORG}", f"--folder={published}", "--json")
        self.run_ctl("billing", "export", f"--org={ORG}", f"--output={out}/billing.csv")
        self.files += [out / "policy.json", out / "billing.csv"]
        for command in (("billing", "history"), ("billing", "show"), ("credential", "list"), ("journal", "list"),
                        ("settings", "get"), ("org", "show"), ("policy", "history"), ("member", "list")):
            self.run_ctl(*command, f"--org={ORG}")
            self.run_ctl(*command, f"--org={ORG}", "--json")
        self.assertTrue(any(published.iterdir()))

    def test_every_credential_path(self):
        for provider, (fields, edit) in PROVIDERS.items():
            name = f"{provider} key"
            first = new_marker(f"{provider}-1")
            self.markers.append(first)
            out = self.set_secret(provider, name, first, fields)
            self.assertIn(first[-4:], out)
            listed = {c["name"]: c for c in self.json_of("credential", "list", f"--org={ORG}", "--json")}
            self.assertEqual(listed[name]["provider"], provider)
            self.assertEqual(listed[name]["last_four"], first[-4:])

            # Replace the secret (same credential, same id), then edit a non-secret field only.
            second = new_marker(f"{provider}-2")
            self.markers.append(second)
            self.set_secret(provider, name, second)
            relisted = {c["name"]: c for c in self.json_of("credential", "list", f"--org={ORG}", "--json")}
            self.assertEqual(relisted[name]["id"], listed[name]["id"])
            self.assertEqual(relisted[name]["last_four"], second[-4:])
            if edit:
                third = new_marker(f"{provider}-3")
                self.markers.append(third)
                key, value = edit.split("=", 1)
                # --field gives the whole set of non-secret fields: the others again, this one changed.
                self.set_secret(provider, name, third, [f for f in fields if not f.startswith(key + "=")] + [edit])
                edited = {c["name"]: c for c in self.json_of("credential", "list", f"--org={ORG}", "--json")}
                self.assertEqual(edited[name]["fields"][key], value)

        # Google Gemini through a Vertex AI service-account file: the whole JSON is the secret.
        sa_marker = new_marker("vertex")
        self.markers.append(sa_marker)
        service_account = self.dir / "sa.json"
        service_account.write_text(json.dumps({
            "type": "service_account", "project_id": "acme-ai", "private_key_id": secrets.token_hex(12),
            "private_key": f"-----BEGIN PRIVATE KEY-----\n{sa_marker}\n-----END PRIVATE KEY-----\n",
            "client_email": "svc@acme-ai.iam.gserviceaccount.com"}))
        self.run_ctl("credential", "set", f"--org={ORG}", "--provider=gemini", "--name=Vertex",
                     f"--service-account-file={service_account}")

        # Refused ways of giving a secret: on the command line (the person's own doing, so what is printed
        # then is not scanned), or as a field (refused before anything is stored).
        bad = new_marker("argv")
        self.markers.append(bad)
        for extra, stdin, status in (([bad], None, 2), ([f"--field=api_key={bad}"], "sk-abcdef0123456789", 1)):
            proc = subprocess.run([CTL, f"--database={self.db}", "credential", "set", f"--org={ORG}",
                                   "--provider=openai", "--name=X", *extra], input=stdin, capture_output=True,
                                  text=True, env=self.env())
            self.assertEqual(proc.returncode, status, proc.stderr)

        # A Read member may not see or change any of it.
        self.run_ctl("invite", f"--org={ORG}", "--email=reader@acme.example", "--role=read")
        code = self.json_of("invitation", "list", f"--org={ORG}", "--json")[0]["code"]
        self.run_ctl("invitation", "accept", code, "--name=Reader")
        refused = new_marker("reader")
        self.markers.append(refused)
        proc = subprocess.run([CTL, f"--database={self.db}", "--as=reader@acme.example", "credential", "set",
                               f"--org={ORG}", "--provider=openai", "--name=Reader's"],
                              input=refused, capture_output=True, text=True, env=self.env())
        self.outputs.append(proc.stdout + proc.stderr)
        self.assertEqual(proc.returncode, 1, proc.stderr)

        self.export_everything("with-keys")
        self.scan()
        # The scan reads what was written: the last four characters of a key are in the file (metadata).
        stored = b"".join(pathlib.Path(self.db + suffix).read_bytes() for suffix in ("", "-wal"))
        self.assertIn(self.markers[0][-4:].encode(), stored)

        # Delete every one; the exports again.
        names = [c["name"] for c in self.json_of("credential", "list", f"--org={ORG}", "--json")]
        self.assertEqual(len(names), len(PROVIDERS) + 1)
        for name in names:
            self.run_ctl("credential", "delete", f"--org={ORG}", f"--name={name}")
        self.assertEqual(self.json_of("credential", "list", f"--org={ORG}", "--json"), [])
        journal = self.json_of("journal", "list", f"--org={ORG}", "--json")
        actions = [e.get("action") for e in journal]
        self.assertEqual(actions.count("credential.delete"), len(names))
        self.export_everything("after-delete")
        self.scan()

    def test_crash_output(self):
        """SIGABRT and SIGSEGV at moments spread over a `credential set`: what was printed holds no secret."""
        for n, sig in enumerate([signal.SIGABRT, signal.SIGSEGV] * 4):
            marker = new_marker(f"crash{n}")
            self.markers.append(marker)
            argv = [CTL, f"--database={self.db}", "credential", "set", f"--org={ORG}", "--provider=openai",
                    f"--name=Crash {n}"]
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=self.env())
            proc.stdin.write(marker.encode())
            proc.stdin.close()
            proc.stdin = None
            time.sleep(0.02 * (n // 2))
            try:
                proc.send_signal(sig)
            except ProcessLookupError:
                pass
            out, err = proc.communicate(timeout=60)
            self.outputs.append(out.decode(errors="replace") + err.decode(errors="replace"))
        self.run_ctl("credential", "list", f"--org={ORG}", "--json")
        self.export_everything("after-crashes")
        self.markers += [new_marker("padding") for _ in range(3)]
        self.scan()


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
