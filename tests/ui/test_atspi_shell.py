#!/usr/bin/python3
# test_atspi_shell.py — what a screen reader sees of Orgdesk's main window
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_shell.py ORGDESK ORGDESKCTL
# Needs a display, a session bus and at-spi2-core: run it through tests/headless.sh.
#
# 1. A demo database (orgdeskctl demo): the sidebar rows are named list items; activating one
#    shows its page; the Members page shows the seat usage and named member rows.
# 2. An empty database: the welcome page's entries and buttons have names; typing an organization
#    into them and pressing "Create Organization" opens the main view on it.
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


def check_demo(tmp):
    database = os.path.join(tmp, 'demo.db')
    result = subprocess.run([ORGDESKCTL, '--database=' + database, 'demo',
                             '--members=30', '--teams=3', '--updates=5'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, 'orgdeskctl demo failed: ' + result.stderr
    slug = result.stdout.strip()
    log('# demo organization:', slug)

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        log('# application name on the bus: %r' % app.accessible.name)

        switcher = wait_until(lambda: find(frame, pyatspi.ROLE_COMBO_BOX, 'Organization'),
                              'the organization switcher')
        assert switcher is not None

        for name in ('Overview', 'Members', 'Teams', 'Billing', 'Settings', 'Activity'):
            row = wait_until(lambda: find(frame, pyatspi.ROLE_LIST_ITEM, name),
                             'the sidebar row %s' % name)
            activate(row)
            page = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, name),
                              'the %s page to be showing' % name)
            assert is_showing(page)
            # Only the chosen page is showing
            for other in ('Overview', 'Teams', 'Activity'):
                if other != name:
                    assert find(frame, pyatspi.ROLE_PANEL, other) is None, \
                        '%s shows while %s was chosen' % (other, name)
            log('ok - sidebar row %s shows its page' % name)

        members_row = find(frame, pyatspi.ROLE_LIST_ITEM, 'Members')
        activate(members_row)
        members = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Members'),
                             'the Members page')

        seats = wait_until(lambda: find(members, pyatspi.ROLE_LABEL,
                                        lambda n: n.endswith('seats used')),
                           'the seat usage label')
        log('# seat usage: %r' % seats.name)
        assert seats.name.split()[1:3] == ['of', '36'] or ' of ' in seats.name, seats.name
        pending = find(members, pyatspi.ROLE_LABEL, lambda n: 'pending invitation' in n)
        assert pending is not None, 'no pending invitations label'

        search = find(members, pyatspi.ROLE_ENTRY, 'Search members') or \
            find(members, pyatspi.ROLE_TEXT, 'Search members')
        assert search is not None, 'no search field named "Search members"'

        table = wait_until(lambda: find(members, pyatspi.ROLE_TREE_TABLE, 'Members') or
                           find(members, pyatspi.ROLE_TABLE, 'Members'),
                           'the members table')
        row = wait_until(lambda: find(table, pyatspi.ROLE_TABLE_ROW,
                                      lambda n: 'Alex Morgan' in n and '@' in n and 'Owner' in n),
                         'a member row that reads as a sentence')
        log('# member row: %r' % row.name)
        log('ok - members page shows seat usage and member rows')

        # Typing in the search field narrows the table (the repository searches)
        search.queryEditableText().setTextContents('alex.morgan')
        wait_until(lambda: find(table, pyatspi.ROLE_TABLE_ROW,
                                lambda n: n.startswith('Alex Morgan')) is not None and
                   find(table, pyatspi.ROLE_TABLE_ROW,
                        lambda n: '@' in n and not n.startswith('Alex Morgan')) is None,
                   'the search to narrow the table')
        log('ok - member search narrows the table')


def check_welcome(tmp):
    database = os.path.join(tmp, 'empty.db')

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Welcome to Orgdesk'),
                   'the welcome page')
        entries = {}
        for name in ('Organization name', 'Your name', 'Your email', 'Invite code'):
            entries[name] = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, name) or
                                       find(frame, pyatspi.ROLE_ENTRY, name),
                                       'the entry %s' % name)
        create = find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Create Organization')
        join = find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Join Organization')
        assert create is not None and join is not None, 'welcome buttons are not named'
        log('ok - welcome page entries and buttons are named')

        # A wrong invite code is refused with the core's message, shown on the page
        entries['Invite code'].queryEditableText().setTextContents('NOT-A-CODE')
        join_name = [e for e in pyatspi.findAllDescendants(
            frame, lambda o: o.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY) and
            o.name == 'Your name')][-1]
        join_name.queryEditableText().setTextContents('Bo Chen')
        activate(join)
        wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                lambda n: len(n) > 10 and 'code' in n.lower()),
                   'the invite code error')
        log('ok - a wrong invite code is refused with a message')

        entries['Organization name'].queryEditableText().setTextContents('Acme Research')
        entries['Your name'].queryEditableText().setTextContents('Ana Silva')
        entries['Your email'].queryEditableText().setTextContents('ana@example.com')
        activate(create)

        wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Members'),
                   'the main view on the new organization')
        wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, 'Acme Research'),
                   'the new organization in the window')
        assert find(frame, pyatspi.ROLE_PANEL, 'Welcome to Orgdesk') is None
        log('ok - creating an organization opens the main view')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-')
    try:
        check_demo(tmp)
        check_welcome(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI checks passed')


if __name__ == '__main__':
    main()
