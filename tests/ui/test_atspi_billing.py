#!/usr/bin/python3
# test_atspi_billing.py — the Billing page as a screen reader sees and drives it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_billing.py ORGDESK ORGDESKCTL
# Needs a display, a session bus and at-spi2-core: run it through tests/headless.sh.
#
# On a demo database (orgdeskctl demo): the sidebar's Billing row opens the page; the seat spin
# button is named, reads its minimum and why; raising it through its Value interface shows the
# prorated quote as a sentence; Apply changes the seats in the file, and the page's Total row
# then reads the new total. Every wait polls with a deadline; nothing sleeps a fixed time.
# (The helpers are those of test_atspi_shell.py.)

import json
import os
import shutil
import subprocess
import sys
import tempfile

# The App, find and wait helpers are the ones test_atspi_shell.py defines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_atspi_shell import (  # noqa: E402
    ORGDESKCTL, App, activate, find, log, pyatspi, states_of, wait_until)


def format_cents(cents):
    """$1,234.56 from integer cents, as od_format_cents() writes it."""
    dollars, rest = divmod(cents, 100)
    return '$%s.%02d' % ('{:,}'.format(dollars), rest)


def billing_show(database, slug):
    result = subprocess.run([ORGDESKCTL, '--database=' + database, 'billing', 'show',
                             '--org=' + slug, '--json'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, 'orgdeskctl billing show failed: ' + result.stderr
    return json.loads(result.stdout)


def check_billing(tmp):
    database = os.path.join(tmp, 'demo.db')
    result = subprocess.run([ORGDESKCTL, '--database=' + database, 'demo',
                             '--members=30', '--teams=3', '--updates=5'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, 'orgdeskctl demo failed: ' + result.stderr
    slug = result.stdout.strip()
    before = billing_show(database, slug)
    seats = before['seats']
    price = before['price_per_seat_cents']
    assert before['term'] == 'monthly', before['term']
    log('# demo organization: %s, %d seats, at least %d' % (slug, seats, before['minimum_seats']))

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        row = wait_until(lambda: find(frame, pyatspi.ROLE_LIST_ITEM, 'Billing'),
                         'the sidebar row Billing')
        activate(row)
        page = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Billing'), 'the Billing page')

        # The plan reads as sentences
        total_now = 'Total: %s per month for %d seats' % (format_cents(price * seats), seats)
        wait_until(lambda: find(page, pyatspi.ROLE_LIST_ITEM, total_now), 'the row %r' % total_now)
        log('ok - the Total row reads %r' % total_now)

        # The stepper: named, its minimum is the seats used, and it says why
        spin = wait_until(lambda: find(page, pyatspi.ROLE_SPIN_BUTTON, 'Seats'), 'the seat spin button')
        value = spin.queryValue()
        wait_until(lambda: value.currentValue == seats, 'the spin button to show %d seats' % seats)
        assert value.minimumValue == before['minimum_seats'], \
            'minimum %r, seats used %r' % (value.minimumValue, before['minimum_seats'])
        assert spin.description == before['seat_minimum'], repr(spin.description)
        log('ok - the seat stepper starts at %d, cannot go below %d, and says %r'
            % (seats, value.minimumValue, spin.description))

        # Raising it shows the quote, and changes nothing yet
        value.currentValue = seats + 5
        quote = wait_until(lambda: find(page, pyatspi.ROLE_LIST_ITEM,
                                        lambda n: n.startswith('Adds 5 seats: ') and
                                        'now for the rest of this period, then' in n),
                           'the quote of 5 more seats')
        log('# quote: %r' % quote.name)
        total_after = format_cents(price * (seats + 5))
        assert quote.name.endswith('then %s per month' % total_after), quote.name
        assert billing_show(database, slug)['seats'] == seats, 'seats changed before Apply'
        log('ok - raising the seats shows the prorated quote')

        apply = wait_until(lambda: find(page, pyatspi.ROLE_PUSH_BUTTON, 'Apply the new seat count'),
                           'the Apply button')
        wait_until(lambda: states_of(apply).contains(pyatspi.STATE_SENSITIVE), 'Apply to be sensitive')
        activate(apply)

        total_new = 'Total: %s per month for %d seats' % (total_after, seats + 5)
        wait_until(lambda: find(page, pyatspi.ROLE_LIST_ITEM, total_new), 'the row %r' % total_new)
        after = billing_show(database, slug)
        assert after['seats'] == seats + 5, after['seats']
        assert after['total_cents'] == price * (seats + 5), after['total_cents']
        log('ok - Apply raised the seats to %d and the page reads %r' % (after['seats'], total_new))

        # The quote is gone and the history has the change, newest first
        wait_until(lambda: find(page, pyatspi.ROLE_LIST_ITEM,
                                lambda n: n.startswith('Adds 5 seats')) is None,
                   'the quote to go away')
        history = wait_until(lambda: find(page, pyatspi.ROLE_LIST, 'Billing history'),
                             'the billing history list')
        wait_until(lambda: find(history, pyatspi.ROLE_LIST_ITEM,
                                lambda n: ('Seats: %d → %d' % (seats, seats + 5)) in n and
                                'Charged $' in n),
                   'the seat change in the billing history')
        log('ok - the billing history lists the change with its charge')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-billing-')
    try:
        check_billing(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI billing checks passed')


if __name__ == '__main__':
    main()
