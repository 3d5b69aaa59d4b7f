#!/usr/bin/python3
# test_atspi_invite.py — inviting people through what a screen reader sees
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_invite.py ORGDESK ORGDESKCTL
# Needs a display, a session bus and at-spi2-core: run it through tests/headless.sh.
#
# On a demo database, through AT-SPI only: the Members page's "Invite Members" button opens the
# invite dialog; two addresses typed into its "Addresses to invite" text (EditableText) are
# reviewed, each review row reads as a sentence, nothing is sent before "Invite 2 People"; then
# the Pending Invitations tab lists both addresses.
#
# Every wait polls with a deadline; nothing sleeps a fixed time.

import os
import shutil
import subprocess
import sys
import tempfile

# The App, find and wait helpers are the ones test_atspi_shell.py defines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_atspi_shell import (  # noqa: E402
    ORGDESKCTL, App, activate, find, log, pyatspi, text_of, wait_until)


ADDRESSES = ('ana.invited@example.com', 'bo.invited@example.com')


def pending_invitations(database, slug):
    """The addresses of the pending invitations, from orgdeskctl (outside the app)."""
    result = subprocess.run([ORGDESKCTL, '--database=' + database, 'invitation', 'list',
                             '--org=' + slug, '--json'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    import json
    return {entry['email'] for entry in json.loads(result.stdout)}


def check_invite(tmp):
    database = os.path.join(tmp, 'demo.db')
    result = subprocess.run([ORGDESKCTL, '--database=' + database, 'demo',
                             '--members=30', '--teams=3', '--updates=0'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, 'orgdeskctl demo failed: ' + result.stderr
    slug = result.stdout.strip()
    log('# demo organization:', slug)
    before = pending_invitations(database, slug)

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        activate(wait_until(lambda: find(frame, pyatspi.ROLE_LIST_ITEM, 'Members'),
                            'the Members sidebar row'))
        members = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Members'), 'the Members page')

        # The page's button opens the dialog (its AT-SPI action, as a screen reader user would)
        invite = wait_until(lambda: find(members, pyatspi.ROLE_PUSH_BUTTON, 'Invite Members'),
                            'the Invite Members button')
        activate(invite)
        dialog = wait_until(lambda: find(app.accessible, pyatspi.ROLE_DIALOG, 'Invite Members',
                                         showing=False),
                            'the invite dialog')
        log('ok - Invite Members opens the invite dialog')

        # Its controls have names
        for role, name in ((pyatspi.ROLE_PUSH_BUTTON, 'Cancel'),
                           (pyatspi.ROLE_PUSH_BUTTON, 'Review'),
                           (pyatspi.ROLE_PUSH_BUTTON, 'Add another person'),
                           (pyatspi.ROLE_PUSH_BUTTON, 'Import CSV'),
                           (pyatspi.ROLE_COMBO_BOX, 'Default Role'),
                           (pyatspi.ROLE_COMBO_BOX, 'Role of person 1')):
            wait_until(lambda: find(dialog, role, name), 'the control %r' % name)
        paste = wait_until(lambda: find(dialog, pyatspi.ROLE_TEXT, 'Addresses to invite'),
                           'the "Addresses to invite" text')
        log('ok - the dialog\'s controls are named')

        paste.queryEditableText().setTextContents(', '.join(ADDRESSES))
        wait_until(lambda: text_of(paste) == ', '.join(ADDRESSES), 'the pasted addresses')
        activate(find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Review'))

        # The review: one row per address, read as a sentence; nothing sent yet
        review = wait_until(lambda: find(dialog, pyatspi.ROLE_TREE_TABLE, 'Review') or
                            find(dialog, pyatspi.ROLE_TABLE, 'Review'), 'the review table')
        for address in ADDRESSES:
            sentence = 'Line 1, %s, Write, will be invited' % address
            row = wait_until(lambda: find(review, pyatspi.ROLE_TABLE_ROW, sentence, showing=False),
                             'the review row %r' % sentence)
            log('# review row: %r' % row.name)
        assert pending_invitations(database, slug) == before, 'the review sent invitations'
        log('ok - the review shows each address and sends nothing')

        send = wait_until(lambda: find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Invite 2 People'),
                          'the "Invite 2 People" button')
        activate(send)
        wait_until(lambda: find(app.accessible, pyatspi.ROLE_DIALOG, 'Invite Members',
                                showing=False) is None,
                   'the dialog to close')
        log('ok - "Invite 2 People" sends the invitations and closes the dialog')

        # The Pending Invitations tab lists both
        tab = wait_until(lambda: find(members, pyatspi.ROLE_PAGE_TAB, 'Pending Invitations'),
                         'the Pending Invitations tab')
        activate(tab)
        table = wait_until(lambda: find(members, pyatspi.ROLE_TREE_TABLE, 'Pending invitations') or
                           find(members, pyatspi.ROLE_TABLE, 'Pending invitations'),
                           'the pending invitations table')
        for address in ADDRESSES:
            row = wait_until(lambda: find(table, pyatspi.ROLE_TABLE_ROW,
                                          lambda n: n.startswith(address + ', Write, invited by')),
                             'the pending invitation of %s' % address)
            log('# pending row: %r' % row.name)
        log('ok - the Pending Invitations tab lists both addresses')

    assert pending_invitations(database, slug) == before | set(ADDRESSES)
    log('ok - both invitations are in the database')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-invite-')
    try:
        check_invite(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI invite checks passed')


if __name__ == '__main__':
    main()
