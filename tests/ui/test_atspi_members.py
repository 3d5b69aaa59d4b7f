#!/usr/bin/python3
# test_atspi_members.py — the Members page and the command palette, by keyboard and AT-SPI only
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_members.py ORGDESK ORGDESKCTL   (through tests/headless.sh)
#
# On a demo database:
# 1. Change a role: a member's named menu button ("Actions for …") → "Make Admin"; the row then
#    reads "…, Admin, …", the window's status (role "status bar") says what the toast says,
#    and orgdeskctl sees the new role.
# 2. Revoke an invitation: the Pending Invitations view → "Actions for the invitation to …" →
#    "Revoke Invitation…" → the confirmation's "Revoke Invitation"; the row goes, and the core
#    no longer lists it as pending.
# 3. The command palette, by keyboard: Ctrl+K, type a member's name, the result reads
#    "Name, member, email"; Enter closes the palette and the Members page shows that member.
# 4. Delete, by keyboard: the palette leaves the member's row selected with the focus; Delete
#    asks "Remove …?", and confirming removes them.
#
# Every wait polls with a deadline; nothing sleeps a fixed time.

import json
import os
import shutil
import sys
import tempfile

# The App, find, wait and keyboard helpers are the ones test_atspi_shell.py defines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_atspi_shell import (  # noqa: E402
    TEXT_ROLES, App, activate, ctl, demo, find, keys, log, pyatspi, show_area, text_of_editable,
    wait_until)

INVITED = 'revoke.me@example.com'
BUTTONS = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
MENU_ITEMS = (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
              pyatspi.ROLE_PUSH_BUTTON)
TABS = (pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON,
        pyatspi.ROLE_RADIO_BUTTON)


def members_of(database, slug):
    return {m['email']: m for m in json.loads(ctl(database, 'member', 'list', '--org=' + slug, '--json'))}


def pending(database, slug):
    return {i['email'] for i in json.loads(ctl(database, 'invitation', 'list', '--org=' + slug, '--json'))
            if i.get('state', 'pending') == 'pending'}


def press(obj):
    """Presses a button; a GtkMenuButton carries its action on the toggle button inside."""
    def has_action(o):
        try:
            return o.queryAction().nActions > 0
        except Exception:
            return False
    target = obj if has_action(obj) else pyatspi.findDescendant(obj, has_action)
    assert target is not None, 'nothing to press in %r' % obj.name
    target.queryAction().doAction(0)


def dialog_with_button(app, name):
    """The application's window that holds a showing button of this name (AdwMessageDialog)."""
    for window in app.accessible:
        if window is not None and find(window, pyatspi.ROLE_PUSH_BUTTON, name) is not None:
            return window
    return None


def table_rows(table):
    return [o.name for o in pyatspi.findAllDescendants(table, lambda o: o.getRole() == pyatspi.ROLE_TABLE_ROW)
            if '@' in (o.name or '')]


def check_members(tmp):
    database = os.path.join(tmp, 'demo.db')
    slug = demo(database, members=30, teams=3, updates=0)
    ctl(database, 'invite', '--org=' + slug, '--email=' + INVITED, '--role=write')
    writers = [m for m in members_of(database, slug).values() if m['role'] == 'write']
    promoted, removed = writers[0], writers[-1]
    log('# promote %s, remove %s' % (promoted['name'], removed['name']))

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'), 'the main window')
        members = show_area(frame, 'Members')
        table = wait_until(lambda: find(members, (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE), 'Members'),
                           'the members table')

        # 1. Change a role through the row's menu
        search = wait_until(lambda: find(members, TEXT_ROLES, 'Search members'), 'the search field')
        search.queryEditableText().setTextContents(promoted['email'])
        wait_until(lambda: table_rows(table) and all(n.startswith(promoted['name'] + ', ')
                                                      for n in table_rows(table)),
                   'the search to show %s' % promoted['name'])
        menu_button = wait_until(lambda: find(table, BUTTONS, 'Actions for ' + promoted['name']),
                                 'the member menu button')
        press(menu_button)
        make_admin = wait_until(lambda: find(app.accessible, MENU_ITEMS, 'Make Admin'), 'the Make Admin item')
        activate(make_admin)
        row = wait_until(lambda: find(table, pyatspi.ROLE_TABLE_ROW,
                                      lambda n: n.startswith('%s, %s, Admin, ' % (promoted['name'],
                                                                                  promoted['email']))),
                         'the row to read Admin')
        log('# row: %r' % row.name)
        wait_until(lambda: members_of(database, slug)[promoted['email']]['role'] == 'admin',
                   'the core to have the new role')
        status = wait_until(lambda: find(frame, pyatspi.ROLE_STATUS_BAR, lambda n: promoted['name'] in n,
                                          showing=False),
                            'the window status to announce the change')
        log('# status: %r' % status.name)
        log('ok - the menu changes the role, the row reads it, and the status announces it')
        search.queryEditableText().setTextContents('')

        # 2. Revoke an invitation
        activate(wait_until(lambda: find(members, TABS, lambda n: n.startswith('Pending Invitations')),
                            'the Pending Invitations view switch'))
        invitations = wait_until(lambda: find(members, (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE),
                                              'Pending invitations'),
                                 'the invitations table')
        wait_until(lambda: find(invitations, pyatspi.ROLE_TABLE_ROW, lambda n: n.startswith(INVITED)),
                   'the invitation row')
        press(wait_until(lambda: find(invitations, BUTTONS, 'Actions for the invitation to ' + INVITED),
                         'the invitation menu button'))
        activate(wait_until(lambda: find(app.accessible, MENU_ITEMS, 'Revoke Invitation…'),
                            'the Revoke Invitation item'))
        dialog = wait_until(lambda: dialog_with_button(app, 'Revoke Invitation'), 'the confirmation')
        activate(find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Revoke Invitation'))
        wait_until(lambda: find(invitations, pyatspi.ROLE_TABLE_ROW, lambda n: n.startswith(INVITED)) is None,
                   'the invitation row to go')
        assert INVITED not in pending(database, slug), 'the invitation is still pending'
        log('ok - the invitation is revoked after a confirmation')
        activate(find(members, TABS, lambda n: n.startswith('Members')))

        # 3. The command palette, by keyboard
        keys(app, 'Orgdesk', 'ctrl+k')
        palette = wait_until(lambda: app.window('Go To'), 'the command palette')
        entry = wait_until(lambda: find(palette, TEXT_ROLES, 'Go to'), 'its named search field')
        keys(app, 'Go To', ('type', removed['name']))
        sentence = '%s, member, %s' % (removed['name'], removed['email'])
        wait_until(lambda: find(palette, pyatspi.ROLE_LIST_ITEM, sentence), 'the result "%s"' % sentence)
        status = find(palette, (pyatspi.ROLE_STATUS_BAR, pyatspi.ROLE_LABEL), lambda n: 'result' in n)
        assert status is not None, 'no status line counts the results'
        log('# typed %r; status: %r' % (text_of_editable(entry), status.name))
        keys(app, 'Go To', 'Return')
        wait_until(lambda: app.window('Go To') is None, 'Enter to close the palette')
        wait_until(lambda: table_rows(table) and all(n.startswith(removed['name'] + ', ' + removed['email'])
                                                      for n in table_rows(table)),
                   'the Members page to show %s' % removed['name'])
        assert text_of_editable(search) == removed['email'], text_of_editable(search)
        log('ok - Ctrl+K, a name and Enter show the member')

        # 4. Delete asks about the selected member, confirming removes
        keys(app, 'Orgdesk', 'Delete')
        dialog = wait_until(lambda: dialog_with_button(app, 'Remove Member'), 'the removal question')
        activate(find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Remove Member'))
        wait_until(lambda: removed['email'] not in members_of(database, slug), 'the member to be removed')
        wait_until(lambda: not table_rows(table), 'the row to go')
        log('ok - Delete removes the selected member after a question')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-members-')
    try:
        check_members(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI members checks passed')


if __name__ == '__main__':
    main()
