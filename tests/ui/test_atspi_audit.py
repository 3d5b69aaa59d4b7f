#!/usr/bin/python3
# test_atspi_audit.py — walks every page of the main window the way a screen reader does and
# fails on any control a person can focus or act on that has no accessible name.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_audit.py ORGDESK ORGDESKCTL   (through tests/headless.sh)

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_atspi_shell as shell  # noqa: E402  (the same App, find and wait helpers)

pyatspi = shell.pyatspi

# Roles a person acts on or types into: each must have a name.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK,
    pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB,
}
# GTK 4.8 names a switch by its role only; a switch reads from its row, which must be named.
SWITCH_ROLE = getattr(pyatspi, 'ROLE_SWITCH', None)
if SWITCH_ROLE is not None:
    CONTROL_ROLES.add(SWITCH_ROLE)


def describe(obj):
    path = []
    node = obj
    while node is not None and len(path) < 6:
        try:
            path.append('%s %r' % (node.getRoleName(), node.name))
            node = node.parent
        except Exception:
            break
    return ' < '.join(path)


def unnamed_controls(root, counter):
    found = []

    def visit(obj, depth):
        if obj is None or depth > 60:
            return
        try:
            role = obj.getRole()
            states = obj.getState()
        except Exception:
            return
        if not states.contains(pyatspi.STATE_VISIBLE):
            return
        focusable = states.contains(pyatspi.STATE_FOCUSABLE)
        is_control = role in CONTROL_ROLES or (focusable and role not in (
            pyatspi.ROLE_PANEL, pyatspi.ROLE_FILLER, pyatspi.ROLE_SCROLL_PANE))
        if is_control and shell.is_showing(obj):
            counter[0] += 1
            if not (obj.name or '').strip():
                found.append(describe(obj))
        for i in range(obj.childCount):
            try:
                visit(obj.getChildAtIndex(i), depth + 1)
            except Exception:
                continue

    visit(root, 0)
    return found


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-audit-')
    problems = []
    try:
        database = os.path.join(tmp, 'demo.db')
        subprocess.run([shell.ORGDESKCTL, '--database=' + database, 'demo', '--members=40', '--teams=4',
                        '--updates=8'], check=True, capture_output=True, timeout=60)
        with shell.App(database) as app:
            frame = shell.wait_until(lambda: shell.find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                                     'the main window')
            for name in ('Overview', 'Members', 'Teams', 'Billing', 'Settings', 'Activity'):
                row = shell.wait_until(lambda: shell.find(frame, pyatspi.ROLE_LIST_ITEM, name),
                                       'the sidebar row %s' % name)
                shell.activate(row)
                page = shell.wait_until(lambda: shell.find(frame, pyatspi.ROLE_PANEL, name),
                                        'the %s page' % name)
                # Let the page load its rows before walking it.
                shell.wait_until(lambda: page.childCount > 0, 'the %s page to fill' % name)
                counter = [0]
                missing = unnamed_controls(page, counter)
                shell.log('# %s: %d controls, %d without a name' % (name, counter[0], len(missing)))
                # A walk that finds nothing would prove nothing.
                assert counter[0] >= 3, 'found only %d controls on %s' % (counter[0], name)
                problems += ['%s page: %s' % (name, m) for m in missing]
            sidebar_missing = unnamed_controls(frame, [0])
            problems += ['window: %s' % m for m in sidebar_missing if m not in problems]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if problems:
        shell.log('\n'.join('not named: ' + p for p in sorted(set(problems))))
        raise SystemExit('%d controls have no accessible name' % len(set(problems)))
    shell.log('ok - every control on every page has an accessible name')


if __name__ == '__main__':
    main()
