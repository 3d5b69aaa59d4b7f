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
import time

try:
    import pyatspi
except ImportError:
    print('SKIP: pyatspi is not installed')
    sys.exit(77)

ORGDESK, ORGDESKCTL = sys.argv[1], sys.argv[2]
TIMEOUT = 30.0
POLL = 0.05


def log(*args):
    print(*args, flush=True)


def wait_until(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # objects come and go while the tree changes
            last_error = e
        time.sleep(POLL)
    raise AssertionError('timed out waiting for %s (last error: %r)' % (what, last_error))


def states_of(obj):
    try:
        return obj.getState()
    except Exception:
        return None


def find(root, role, name, showing=True):
    """The first descendant with this role and name (name may be a callable)."""
    def matches(obj):
        if obj is None or obj.getRole() != role:
            return False
        if callable(name):
            if not name(obj.name):
                return False
        elif obj.name != name:
            return False
        return not showing or is_showing(obj)
    return pyatspi.findDescendant(root, matches)


def is_showing(obj):
    """STATE_SHOWING where the toolkit sets it; GTK 4.8 only sets it on windows, so there it means
    'still in the tree (Orgdesk takes unmapped pages out of it) and of a non-empty size'."""
    states = states_of(obj)
    if states is None or not states.contains(pyatspi.STATE_VISIBLE):
        return False
    if states.contains(pyatspi.STATE_SHOWING):
        return True
    try:
        extents = obj.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return True
    return extents.width > 0 and extents.height > 0


def activate(obj):
    """Press a button or a row: its first action, or else select it in its parent list."""
    try:
        action = obj.queryAction()
        if action.nActions > 0:
            action.doAction(0)
            return
    except NotImplementedError:
        pass
    parent = obj.parent
    parent.querySelection().selectChild(obj.getIndexInParent())


def text_of(obj):
    text = obj.queryText()
    return text.getText(0, text.characterCount)


class App:
    """orgdesk on a database, found on the accessibility bus by its process id."""

    def __init__(self, database):
        self.database = database
        self.process = None
        self.accessible = None

    def __enter__(self):
        for attempt in range(2):
            self.stderr = tempfile.TemporaryFile()
            env = dict(os.environ)
            env.setdefault('GSK_RENDERER', 'cairo')
            self.process = subprocess.Popen([ORGDESK, '--database=' + self.database],
                                            stdout=subprocess.DEVNULL, stderr=self.stderr,
                                            env=env)
            try:
                self.accessible = wait_until(self._find_application, 'the orgdesk application')
                return self
            except AssertionError:
                self.stderr.seek(0)
                errors = self.stderr.read().decode(errors='replace')
                self._stop()
                # A rare Xvfb hiccup: relaunch once (tests/HEADLESS notes)
                if attempt == 0 and 'cannot open display' in errors:
                    log('# relaunching after:', errors.strip())
                    continue
                raise AssertionError('orgdesk did not appear on the accessibility bus:\n' + errors)
        raise AssertionError('unreachable')

    def _find_application(self):
        if self.process.poll() is not None:
            raise AssertionError('orgdesk exited with status %d' % self.process.returncode)
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            try:
                if app.get_process_id() == self.process.pid and app.childCount > 0:
                    return app
            except Exception:
                continue
        return None

    def _stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self._stop()
        self.stderr.seek(0)
        errors = self.stderr.read().decode(errors='replace')
        problems = [line for line in errors.splitlines()
                    if ('-CRITICAL' in line or '-WARNING' in line)
                    and 'Screen coordinates' not in line]
        if problems and exc[0] is None:
            raise AssertionError('orgdesk printed warnings:\n' + '\n'.join(problems))
        return False


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
