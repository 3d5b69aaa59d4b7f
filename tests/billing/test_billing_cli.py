#!/usr/bin/python3
# test_billing_cli.py — `orgdeskctl billing …` on a temporary database: JSON shapes, text output,
# error output with one line per contact field, exit statuses, the CSV export and renewals.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import calendar
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CTL = None

SHOW_KEYS = {
    "organization", "plan", "status", "cancel_at_period_end", "term", "pending_term",
    "price_per_seat_cents", "seats", "seats_used", "members", "pending_invitations",
    "minimum_seats", "seat_minimum", "total_cents", "next_charge_cents", "started_at",
    "period_started_at", "next_billing_at", "ends_at", "discount", "contact",
}
CONTACT_KEYS = {"name", "email", "phone", "country", "street", "city", "region", "postal-code"}
HISTORY_KEYS = {"id", "date", "actor", "kind", "summary", "before", "after", "amount_cents",
                "period_total_cents", "effective_at"}
QUOTE_KEYS = {"current_seats", "seats", "minimum_seats", "added_seats", "price_per_seat_cents",
              "percent_off", "remaining_days", "period_days", "period_start", "period_end",
              "prorated_cents", "period_total_cents"}
VALID_CONTACT = ["--name=Accounts Payable", "--email=billing@acme.example", "--phone=+1 555 010 0199",
                 "--country=US", "--street=1 Harbour Street", "--city=Seattle", "--region=WA",
                 "--postal-code=98101"]


def round_half_up(numerator, denominator):
    return (2 * numerator + denominator) // (2 * denominator)


def add_months(anchor, start, months):
    """The billing-date rule of od-billing.h, for the test's own expectations."""
    a = time.gmtime(anchor)
    s = time.gmtime(start)
    index = s.tm_year * 12 + s.tm_mon - 1 + months
    year, month = index // 12, index % 12 + 1
    day = min(a.tm_mday, calendar.monthrange(year, month)[1])
    return calendar.timegm((year, month, day, a.tm_hour, a.tm_min, a.tm_sec))


class BillingCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdesk-billing-cli-")
        self.db = os.path.join(self.tmp.name, "orgdesk.db")
        self.run_ctl("org", "create", "--name=Acme Tools", "--owner-email=owner@acme.example",
                     "--owner-name=Olive Owner", "--seats=10")

    def tearDown(self):
        self.tmp.cleanup()

    def run_ctl(self, *args, expect=0):
        argv = [CTL, f"--database={self.db}"] + list(args)
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if proc.returncode != expect:
            self.fail(f"{argv} exited {proc.returncode}, expected {expect}\n"
                      f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        return proc

    def json_of(self, *args):
        return json.loads(self.run_ctl(*args).stdout)

    def show(self):
        return self.json_of("billing", "show", "--org=acme-tools", "--json")

    def history(self):
        return self.json_of("billing", "history", "--org=acme-tools", "--json")

    def add_member(self, email, name, role):
        self.run_ctl("invite", "--org=acme-tools", f"--email={email}", f"--role={role}")
        code = next(i["code"] for i in self.json_of("invitation", "list", "--org=acme-tools", "--json")
                    if i["email"] == email)
        self.run_ctl("invitation", "accept", code, f"--name={name}")

    def sql(self, statement, *args):
        conn = sqlite3.connect(self.db)
        conn.execute(statement, args)
        conn.commit()
        conn.close()

    # -- show ------------------------------------------------------------------------------

    def test_show_json_shape(self):
        sub = self.show()
        self.assertEqual(set(sub), SHOW_KEYS)
        self.assertEqual(sub["organization"], "acme-tools")
        self.assertEqual(sub["status"], "active")
        self.assertIs(sub["cancel_at_period_end"], False)
        self.assertEqual(sub["term"], "monthly")
        self.assertIsNone(sub["pending_term"])
        self.assertEqual(sub["price_per_seat_cents"], 2299)
        self.assertEqual(sub["seats"], 10)
        self.assertEqual(sub["seats_used"], 1)
        self.assertEqual(sub["minimum_seats"], 1)
        self.assertEqual(sub["seat_minimum"], "You have 1 member, so you need at least 1 seat.")
        self.assertEqual(sub["total_cents"], 22990)
        self.assertEqual(sub["next_charge_cents"], 22990)
        self.assertIsNone(sub["discount"])
        self.assertIsNone(sub["ends_at"])
        self.assertTrue(sub["next_billing_at"].endswith("Z"))
        self.assertEqual(set(sub["contact"]), CONTACT_KEYS)

    def test_show_text(self):
        out = self.run_ctl("billing", "show", "--org=acme-tools").stdout
        self.assertIn("monthly, $22.99 per seat per month", out)
        self.assertIn("$229.90 per month", out)
        self.assertIn("You have 1 member, so you need at least 1 seat.", out)
        self.assertIn("Discount:", out)

    def test_unknown_org_and_usage(self):
        proc = self.run_ctl("billing", "show", "--org=missing", expect=1)
        self.assertIn("missing", proc.stderr)
        self.assertEqual(proc.stdout, "")
        proc = self.run_ctl("billing", "show", expect=1)
        self.assertIn("--org=SLUG", proc.stderr)
        self.run_ctl("billing", "show", "--org=acme-tools", "extra", expect=2)
        self.run_ctl("billing", "frobnicate", "--org=acme-tools", expect=2)
        self.run_ctl("billing", "quote-seats", "--org=acme-tools", "many", expect=2)
        proc = self.run_ctl("billing", "contact", "--org=acme-tools", expect=2)
        self.assertIn("set or show", proc.stderr)
        self.run_ctl("billing", "discount", "--org=acme-tools", expect=2)
        self.run_ctl("billing", "discount", "--org=acme-tools", "WELCOME10", "--remove", expect=2)

    # -- seats -----------------------------------------------------------------------------

    def test_quote_seats_and_the_ledger_row(self):
        quote = self.json_of("billing", "quote-seats", "--org=acme-tools", "12", "--json")
        self.assertEqual(set(quote), QUOTE_KEYS)
        self.assertEqual(quote["current_seats"], 10)
        self.assertEqual(quote["added_seats"], 2)
        self.assertEqual(quote["price_per_seat_cents"], 2299)
        self.assertGreaterEqual(quote["period_days"], 28)
        self.assertLessEqual(quote["remaining_days"], quote["period_days"])
        self.assertEqual(quote["prorated_cents"],
                         round_half_up(2 * 2299 * quote["remaining_days"], quote["period_days"]))
        self.assertEqual(quote["period_total_cents"], 12 * 2299)
        self.assertEqual(self.history(), [])   # a quote changes nothing

        text = self.run_ctl("billing", "quote-seats", "--org=acme-tools", "12").stdout
        self.assertIn("Seats: 10 → 12", text)
        self.assertIn("Charged now:", text)

        self.run_ctl("seats", "set", "--org=acme-tools", "12")
        rows = self.history()
        self.assertEqual(len(rows), 1)
        self.assertEqual(set(rows[0]), HISTORY_KEYS)
        self.assertEqual(rows[0]["kind"], "seats")
        self.assertEqual(rows[0]["actor"], "Olive Owner")
        self.assertEqual(rows[0]["before"], {"seats": 10})
        self.assertEqual(rows[0]["after"]["seats"], 12)
        self.assertEqual(rows[0]["amount_cents"], quote["prorated_cents"])
        self.assertEqual(rows[0]["period_total_cents"], 12 * 2299)

    def test_quote_below_the_minimum(self):
        self.run_ctl("invite", "--org=acme-tools", "--email=a@acme.example", "--email=b@acme.example")
        proc = self.run_ctl("billing", "quote-seats", "--org=acme-tools", "2", expect=1)
        self.assertIn("You have 1 member and 2 pending invitations, so you need at least 3 seats.",
                      proc.stderr)
        self.assertEqual(self.show()["minimum_seats"], 3)

    # -- term ------------------------------------------------------------------------------

    def test_set_term(self):
        out = self.run_ctl("billing", "set-term", "--org=acme-tools", "yearly").stdout
        self.assertIn("changes to yearly", out)
        self.assertIn("$2,759.90 per year", out)
        sub = self.show()
        self.assertEqual(sub["term"], "monthly")
        self.assertEqual(sub["pending_term"], "yearly")
        self.assertEqual(sub["next_charge_cents"], 10 * 27599)
        row = self.history()[0]
        self.assertEqual(row["kind"], "term")
        self.assertEqual(row["before"], {"term": "monthly", "pending_term": None})
        self.assertEqual(row["after"], {"term": "monthly", "pending_term": "yearly"})
        self.assertEqual(row["amount_cents"], 0)
        self.assertEqual(row["period_total_cents"], 10 * 27599)
        self.assertEqual(row["effective_at"], sub["next_billing_at"])

        out = self.run_ctl("billing", "set-term", "--org=acme-tools", "MONTHLY").stdout
        self.assertIn("no change is pending", out)
        self.assertIsNone(self.show()["pending_term"])

        proc = self.run_ctl("billing", "set-term", "--org=acme-tools", "weekly", expect=2)
        self.assertIn("Unknown term “weekly”", proc.stderr)
        self.run_ctl("billing", "set-term", "--org=acme-tools", expect=2)

        actions = [e["action"] for e in self.json_of("journal", "list", "--org=acme-tools", "--json")]
        self.assertEqual(actions[:2], ["subscription.term", "subscription.term"])

    # -- discount --------------------------------------------------------------------------

    def test_discount(self):
        out = self.run_ctl("billing", "discount", "--org=acme-tools", "welcome10").stdout
        self.assertIn("WELCOME10: 10% off", out)
        sub = self.show()
        self.assertEqual(sub["discount"]["code"], "WELCOME10")
        self.assertEqual(sub["discount"]["percent_off"], 10)
        self.assertIs(sub["discount"]["active"], False)
        self.assertEqual(sub["discount"]["starts_at"], sub["next_billing_at"])
        self.assertEqual(sub["next_charge_cents"], 20691)

        proc = self.run_ctl("billing", "discount", "--org=acme-tools", "x!", expect=1)
        self.assertIn("not a discount code", proc.stderr)
        proc = self.run_ctl("billing", "discount", "--org=acme-tools", "NOPE-2024", expect=1)
        self.assertIn("unknown or no longer valid", proc.stderr)

        out = self.run_ctl("billing", "discount", "--org=acme-tools", "--remove").stdout
        self.assertIn("No discount code applies.", out)
        self.assertIsNone(self.show()["discount"])
        kinds = [(r["kind"], r["after"]["code"]) for r in self.history()]
        self.assertEqual(kinds, [("discount", None), ("discount", "WELCOME10")])

    # -- cancel, resume --------------------------------------------------------------------

    def test_cancel_and_resume(self):
        out = self.run_ctl("billing", "cancel", "--org=acme-tools").stdout
        self.assertIn("stays active until", out)
        sub = self.show()
        self.assertEqual(sub["status"], "active")
        self.assertIs(sub["cancel_at_period_end"], True)
        self.assertIsNone(sub["next_billing_at"])
        self.assertIsNotNone(sub["ends_at"])
        self.assertEqual(sub["next_charge_cents"], 0)

        out = self.run_ctl("billing", "resume", "--org=acme-tools").stdout
        self.assertIn("renews on", out)
        self.assertIs(self.show()["cancel_at_period_end"], False)
        self.assertEqual([r["kind"] for r in self.history()], ["resume", "cancel"])
        actions = [e["action"] for e in self.json_of("journal", "list", "--org=acme-tools", "--json")]
        self.assertEqual(actions[:2], ["subscription.resume", "subscription.cancel"])

    # -- contact ---------------------------------------------------------------------------

    def test_contact_errors_one_line_per_field(self):
        proc = self.run_ctl("billing", "contact", "set", "--org=acme-tools", "--email=nope",
                            "--phone=12", "--country=US", "--postal-code=1234", expect=1)
        lines = proc.stderr.strip().split("\n")
        self.assertEqual(lines[0], "orgdeskctl: The billing contact was not saved: 7 fields need to be fixed.")
        fields = [line.split(":", 1)[0] for line in lines[1:]]
        self.assertEqual(fields, ["name", "email", "phone", "street", "city", "region", "postal-code"])
        self.assertIn("postal-code: Enter a ZIP code such as 12345 or 12345-6789.", lines)
        self.assertIn("email: The email address has no “@”.", lines)
        self.assertEqual(proc.stdout, "")
        # nothing saved
        self.assertEqual(self.json_of("billing", "contact", "show", "--org=acme-tools", "--json"),
                         {key: "" for key in CONTACT_KEYS})
        self.assertEqual(self.history(), [])

    def test_contact_set_and_show(self):
        out = self.run_ctl("billing", "contact", "set", "--org=acme-tools", *VALID_CONTACT).stdout
        self.assertIn("saved", out)
        contact = self.json_of("billing", "contact", "show", "--org=acme-tools", "--json")
        self.assertEqual(contact["country"], "US")
        self.assertEqual(contact["postal-code"], "98101")

        # Only the options given change; a country by name is saved as its code.
        self.run_ctl("billing", "contact", "set", "--org=acme-tools", "--country=canada",
                     "--region=ON", "--postal-code=k1a0b1", "--city=Ottawa")
        contact = self.json_of("billing", "contact", "show", "--org=acme-tools", "--json")
        self.assertEqual(contact["country"], "CA")
        self.assertEqual(contact["postal-code"], "K1A 0B1")
        self.assertEqual(contact["name"], "Accounts Payable")
        self.assertEqual(self.show()["contact"], contact)
        text = self.run_ctl("billing", "contact", "show", "--org=acme-tools").stdout
        self.assertIn("CA (Canada)", text)
        rows = self.history()
        self.assertEqual([r["kind"] for r in rows], ["contact", "contact"])
        self.assertEqual(rows[0]["after"]["city"], "Ottawa")
        self.assertIsNone(rows[0]["period_total_cents"])

    # -- permissions -----------------------------------------------------------------------

    def test_read_and_write_are_refused(self):
        self.add_member("rae@acme.example", "Rae", "read")
        self.add_member("wes@acme.example", "Wes", "write")
        for who, role in (("rae@acme.example", "Read"), ("wes@acme.example", "Write")):
            for args in (["set-term", "--org=acme-tools", "yearly"],
                         ["discount", "--org=acme-tools", "WELCOME10"],
                         ["cancel", "--org=acme-tools"],
                         ["resume", "--org=acme-tools"],
                         ["contact", "set", "--org=acme-tools", *VALID_CONTACT]):
                proc = self.run_ctl(f"--as={who}", "billing", *args, expect=1)
                self.assertIn(f"Only an Admin or Owner can manage billing; your role is {role}.",
                              proc.stderr)
        self.assertEqual(self.history(), [])
        # Reading is allowed.
        self.run_ctl("--as=rae@acme.example", "billing", "show", "--org=acme-tools")

    # -- export ----------------------------------------------------------------------------

    def test_export_csv(self):
        self.add_member("eve@acme.example", "=cmd|' /C calc'!A0", "admin")
        self.run_ctl("--as=eve@acme.example", "billing", "set-term", "--org=acme-tools", "quarterly")
        self.run_ctl("seats", "set", "--org=acme-tools", "11")
        path = os.path.join(self.tmp.name, "billing.csv")
        self.run_ctl("billing", "export", "--org=acme-tools", f"--output={path}")
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["kind"] for r in rows], ["term", "seats"])     # oldest first
        self.assertEqual(rows[0]["actor"], "'=cmd|' /C calc'!A0")          # no formula
        self.assertEqual(rows[0]["amount"], "0.00")
        self.assertEqual(rows[1]["amount"], f'{int(rows[1]["amount_cents"]) // 100}.'
                                            f'{int(rows[1]["amount_cents"]) % 100:02d}')
        self.assertEqual(json.loads(rows[1]["before"]), {"seats": 10})

        out = self.run_ctl("billing", "export", "--org=acme-tools").stdout
        self.assertEqual(list(csv.DictReader(io.StringIO(out, newline="")))[0]["kind"], "term")

        proc = self.run_ctl("billing", "export", "--org=acme-tools",
                            f"--output={self.tmp.name}/missing/dir/x.csv", expect=1)
        self.assertIn("x.csv", proc.stderr)

    # -- renewals --------------------------------------------------------------------------

    def test_passed_billing_dates_renew_on_show(self):
        # A term change and a discount are pending; then the file is moved back to a subscription
        # started on Jan 31, 2020, whose billing dates have all passed since.
        self.run_ctl("billing", "set-term", "--org=acme-tools", "quarterly")
        self.run_ctl("billing", "discount", "--org=acme-tools", "EDUCATION50")
        anchor = calendar.timegm((2020, 1, 31, 10, 0, 0))
        first = add_months(anchor, anchor, 1)
        self.sql("UPDATE subscriptions SET started_at = ?, next_billing_at = ?, discount_starts_at = ?",
                 anchor, first, first)

        now = time.time()
        expected = []
        start = first
        while start <= now:
            end = add_months(anchor, start, 3)
            expected.append(start)
            start = end
        sub = self.show()
        self.assertEqual(sub["term"], "quarterly")
        self.assertIsNone(sub["pending_term"])
        self.assertEqual(sub["next_billing_at"], time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)))
        self.assertIs(sub["discount"]["active"], True)

        renewals = [r for r in self.history() if r["kind"] == "renewal"]
        self.assertEqual(len(renewals), len(expected))
        self.assertEqual(renewals[-1]["date"], "2020-02-29T10:00:00Z")
        self.assertTrue(all(r["amount_cents"] == round_half_up(10 * 6999 * 50, 100) for r in renewals))
        self.assertTrue(all(r["actor"] == "Orgdesk" for r in renewals))
        # a second look renews nothing more
        self.assertEqual(len([r for r in self.history() if r["kind"] == "renewal"]), len(expected))


if __name__ == "__main__":
    CTL = sys.argv.pop(1)
    unittest.main(verbosity=2)
