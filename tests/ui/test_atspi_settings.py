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

SECRET = 'sk-test-Settings0123456789abcdefZ9q4'
KEY_NAME = 'Production'
WEBSITE_TYPED = 'https://Blocked.Example.org/some/path?q=1'
WEBSITE_HOST = 'blocked.example.org'


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


def find(root, roles, name, showing=True):
    """The first descendant with one of these roles and this name (name may be a callable)."""
    if not isinstance(roles, (tuple, list)):
        roles = (roles,)

    def matches(obj):
        if obj is None or obj.getRole() not in roles:
            return False
        if callable(name):
            if not name(obj.name):
                return False
        elif obj.name != name:
            return False
        return not showing or is_showing(obj)
    return pyatspi.findDescendant(root, matches)


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


def editable(obj):
    """The object itself if it takes text, else its first descendant that does."""
    try:
        obj.queryEditableText()
        return obj
    except NotImplementedError:
        pass

    def takes_text(o):
        try:
            o.queryEditableText()
            return True
        except Exception:
            return False
    found = pyatspi.findDescendant(obj, takes_text)
    assert found is not None, 'no editable text in %r' % obj.name
    return found


def type_into(obj, text):
    editable(obj).queryEditableText().setTextContents(text)


def window_origin(pid):
    """Where orgdesk's window is on the X screen (GTK 4.8 gives window coordinates only)."""
    try:
        ids = subprocess.run(['xdotool', 'search', '--pid', str(pid), '--name', 'Orgdesk'],
                             capture_output=True, text=True, timeout=10).stdout.split()
    except FileNotFoundError:
        return 0, 0
    for window in ids:
        out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                             capture_output=True, text=True, timeout=10).stdout
        values = dict(line.split('=', 1) for line in out.splitlines() if '=' in line)
        if int(values.get('WIDTH', '0')) > 1:
            return int(values['X']), int(values['Y'])
    return 0, 0


def press_enter_in(app, obj, done, what):
    """Focus a text field as a person does, by clicking into it (GTK 4.8 refuses AT-SPI's
    GrabFocus and shows no focus state for an entry row), press Return, and wait for done();
    click and press again if the key arrived before the click had moved the focus."""
    x, y = window_origin(app.process.pid)
    for attempt in range(3):
        extents = obj.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        pyatspi.Registry.generateMouseEvent(x + extents.x + extents.width // 2,
                                            y + extents.y + extents.height // 2, pyatspi.MOUSE_B1C)
        pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)   # Return
        try:
            return wait_until(done, what, timeout=TIMEOUT / 3)
        except AssertionError:
            if attempt == 2:
                raise
            log('# pressing Return again')


def frames(app):
    """The application's windows (GTK 4.8 gives a dialog window the role "filler")."""
    return [child for child in app if child is not None]


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
        if SECRET in errors:
            raise AssertionError('orgdesk wrote the secret to its standard error')
        problems = [line for line in errors.splitlines()
                    if ('-CRITICAL' in line or '-WARNING' in line)
                    and 'Screen coordinates' not in line]
        if problems and exc[0] is None:
            raise AssertionError('orgdesk printed warnings:\n' + '\n'.join(problems))
        return False


def ctl(database, *args):
    result = subprocess.run([ORGDESKCTL, '--database=' + database] + list(args),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, 'orgdeskctl %s failed: %s' % (' '.join(args), result.stderr)
    return result.stdout


def open_tab(page, title):
    tab = wait_until(lambda: find(page, pyatspi.ROLE_PAGE_TAB, title), 'the %s tab' % title)
    activate(tab)
    wait_until(lambda: states_of(tab).contains(pyatspi.STATE_SELECTED) or
               states_of(tab).contains(pyatspi.STATE_CHECKED), 'the %s tab to be chosen' % title)
    return tab


def check_settings(tmp):
    database = os.path.join(tmp, 'demo.db')
    slug = ctl(database, 'demo', '--members=12', '--teams=3', '--updates=2').strip()
    log('# demo organization:', slug)

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        row = wait_until(lambda: find(frame, pyatspi.ROLE_LIST_ITEM, 'Settings'),
                         'the Settings row of the sidebar')
        activate(row)
        page = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Settings'), 'the Settings page')
        log('ok - the Settings page shows')

        tabs = wait_until(lambda: find(page, pyatspi.ROLE_PAGE_TAB_LIST, 'Settings tabs'),
                          'the named tab list')
        names = [child.name for child in tabs if child is not None]
        assert names == ['General', 'Teams', 'Features', 'API Keys', 'Models', 'LTM Sources',
                         'LTM Websites', 'Policy'], names
        log('ok - the tabs are named: %s' % ', '.join(names))

        # LTM Websites: type a URL, press Enter, see the normalized host, save
        open_tab(page, 'LTM Websites')
        entry = wait_until(lambda: find(page, (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY), 'Add a website'),
                           'the "Add a website" field')
        switch_roles = tuple(getattr(pyatspi, role) for role in ('ROLE_SWITCH', 'ROLE_TOGGLE_BUTTON',
                                                                 'ROLE_CHECK_BOX')
                             if hasattr(pyatspi, role))
        manage = find(page, switch_roles, 'Organization manages denied websites')
        assert manage is not None, 'the manage switch has no name'
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
        name_field = wait_until(lambda: find(dialog, (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY), 'Name'),
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
        wait_until(lambda: all(f.name != 'Add API Key' for f in frames(app.accessible)),
                   'the dialog to close once stored')

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


def text_of_editable(obj):
    target = editable(obj)
    text = target.queryText()
    return text.getText(0, text.characterCount)


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-settings-')
    try:
        check_settings(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI settings checks passed')


if __name__ == '__main__':
    main()
