#!/usr/bin/python3
# test_atspi_settings.py — the Settings page through what a screen reader sees
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_settings.py ORGDESK ORGDESKCTL
# Needs a display, a session bus, at-spi2-core and an unlocked keyring: run it through
# tests/headless.sh.
#
# On a demo database, all through AT-SPI: Settings → LTM Websites, type a URL into "Add a website",
# press Enter, and Save; then API Keys → Add API Key, fill in the name and the key, Save. The
# website shows in the list (normalized) and the key's row shows its last four characters only.
# After the app has exited, the secret is in neither the database file nor its write-ahead log.
#
# Every wait polls with a deadline; nothing sleeps a fixed time.

import json
import os
import shutil
import sys
import tempfile

# The App, find, wait and typing helpers are the ones test_atspi_shell.py defines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_atspi_shell import (  # noqa: E402
    TEXT_ROLES, App, activate, ctl, demo, find, frames, log, press_enter_in, pyatspi, show_area,
    states_of, text_of_editable, type_into, wait_until)

SECRET = 'sk-test-Settings0123456789abcdefZ9q4'
KEY_NAME = 'Production'
WEBSITE_TYPED = 'https://Blocked.Example.org/some/path?q=1'
WEBSITE_HOST = 'blocked.example.org'
WEBSITE_INVALID = 'not a website'


def open_tab(page, title):
    tab = wait_until(lambda: find(page, pyatspi.ROLE_PAGE_TAB, title), 'the %s tab' % title)
    activate(tab)
    wait_until(lambda: states_of(tab).contains(pyatspi.STATE_SELECTED) or
               states_of(tab).contains(pyatspi.STATE_CHECKED), 'the %s tab to be chosen' % title)
    return tab


def check_settings(tmp):
    database = os.path.join(tmp, 'demo.db')
    slug = demo(database, members=12, teams=3, updates=2)

    with App(database, secret=SECRET) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        page = show_area(frame, 'Settings')
        log('ok - the Settings page shows')

        tabs = wait_until(lambda: find(page, pyatspi.ROLE_PAGE_TAB_LIST, 'Settings tabs'),
                          'the named tab list')
        names = [child.name for child in tabs if child is not None]
        assert names == ['General', 'Teams', 'Features', 'API Keys', 'Models', 'LTM Sources',
                         'LTM Websites', 'Policy'], names
        log('ok - the tabs are named: %s' % ', '.join(names))

        # LTM Websites: type a URL, press Enter, see the normalized host, save
        open_tab(page, 'LTM Websites')
        entry = wait_until(lambda: find(page, TEXT_ROLES, 'Add a website'),
                           'the "Add a website" field')
        switch_roles = tuple(getattr(pyatspi, role) for role in ('ROLE_SWITCH', 'ROLE_TOGGLE_BUTTON',
                                                                 'ROLE_CHECK_BOX')
                             if hasattr(pyatspi, role))
        manage = find(page, switch_roles, 'Organization manages denied websites')
        assert manage is not None, 'the manage switch has no name'
        # An invalid website: the label under the field says why, and the window's status
        # announces the same words
        type_into(entry, WEBSITE_INVALID)
        status = press_enter_in(app, entry, lambda: find(frame, pyatspi.ROLE_STATUS_BAR,
                                                          lambda n: 'contains a space' in n, showing=False),
                                'the window status to announce the error')
        problem = status.name
        assert find(page, pyatspi.ROLE_LABEL, problem) is not None, 'no label under the field says %r' % problem
        log('ok - an invalid website is announced: %r' % problem)

        type_into(entry, WEBSITE_TYPED)
        websites = wait_until(lambda: find(page, pyatspi.ROLE_LIST, 'Denied websites'), 'the list')
        press_enter_in(app, entry, lambda: find(websites, pyatspi.ROLE_LIST_ITEM, WEBSITE_HOST),
                       'the website in the list')
        assert text_of_editable(entry) == '', 'the field keeps the added website'
        log('ok - Enter adds the website, normalized to %s' % WEBSITE_HOST)

        save = wait_until(lambda: find(page, pyatspi.ROLE_PUSH_BUTTON, 'Save changes'),
                          'the unsaved-changes bar')
        activate(save)
        wait_until(lambda: find(page, pyatspi.ROLE_PUSH_BUTTON, 'Save changes') is None,
                   'the bar to go once saved')
        listed = json.loads(ctl(database, 'website', 'list', '--org=' + slug, '--json'))
        hosts = [entry.get('host', entry.get('url')) if isinstance(entry, dict) else entry
                 for entry in listed]
        assert WEBSITE_HOST in json.dumps(listed), listed
        log('ok - Save writes the website to the database (%d listed)' % len(hosts))

        # API Keys: add an OpenAI key through the dialog
        open_tab(page, 'API Keys')
        add = wait_until(lambda: find(page, pyatspi.ROLE_PUSH_BUTTON, 'Add API Key'),
                         'the Add API Key button')
        activate(add)
        try:
            dialog = wait_until(lambda: next((f for f in frames(app.accessible)
                                              if f.name == 'Add API Key'), None),
                                'the Add API Key dialog', timeout=10)
        except AssertionError:
            log('# windows: %r' % [(f.getRoleName(), f.name) for f in app.accessible])
            raise
        name_field = wait_until(lambda: find(dialog, TEXT_ROLES, 'Name'),
                                'the Name field')
        secret_field = wait_until(lambda: find(dialog, (pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT),
                                               'API key'),
                                  'the API key field')
        provider = find(dialog, (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_PUSH_BUTTON),
                        lambda n: 'Provider' in n or 'OpenAI' in n)
        log('# provider control: %r' % (provider.name if provider else None))
        type_into(name_field, KEY_NAME)
        type_into(secret_field, SECRET)
        activate(wait_until(lambda: find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Save API Key'),
                            'the Save API Key button'))
        def key_dialog_open():
            # Say so if the app died; a window that goes away while we read it is just gone
            assert app.process.poll() is None, 'orgdesk exited with %d' % app.process.returncode
            for f in frames(app.accessible):
                try:
                    if f.name == 'Add API Key':
                        return True
                except Exception:
                    pass
            return False
        wait_until(lambda: not key_dialog_open(), 'the dialog to close once stored')

        keys = wait_until(lambda: find(page, pyatspi.ROLE_LIST, 'API keys'), 'the list of keys')
        key_row = wait_until(lambda: find(keys, pyatspi.ROLE_LIST_ITEM,
                                          lambda n: n.startswith(KEY_NAME)),
                             'the new key in the list')
        log('# key row: %r' % key_row.name)
        assert 'ending in ' + SECRET[-4:] in key_row.name, key_row.name
        shown = [o.name for o in pyatspi.findAllDescendants(key_row, lambda o: o.getRole() ==
                                                            pyatspi.ROLE_LABEL)]
        assert any(('•••• ' + SECRET[-4:]) in text for text in shown), shown
        for text in shown + [key_row.name, key_row.description or '']:
            assert SECRET[:-4] not in text and SECRET not in text, 'the secret is on screen: %r' % text
        log('ok - the key is listed with only its last four characters')

    listed = json.loads(ctl(database, 'credential', 'list', '--org=' + slug, '--json'))
    assert any(c.get('name') == KEY_NAME and c.get('last_four') == SECRET[-4:] for c in listed), listed

    for suffix in ('', '-wal', '-shm', '-journal'):
        path = database + suffix
        if os.path.exists(path):
            with open(path, 'rb') as f:
                data = f.read()
            assert SECRET.encode() not in data, 'the secret is in %s' % path
            assert SECRET[:-4].encode() not in data, 'most of the secret is in %s' % path
    log('ok - the secret is in neither the database nor its write-ahead log')



def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-settings-')
    try:
        check_settings(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI settings checks passed')


if __name__ == '__main__':
    main()
