#!/usr/bin/python3
# test_atspi_audit.py — walks every page of the main window, and the dialogs opened from them, the
# way a screen reader does, and fails on any control a person can focus or act on that has no
# accessible name (an empty one, a widget type name such as "GtkToggleButton" that GTK 4.8 reads
# for an unnamed widget, or a name with a mnemonic underscore left in it). Every dialog must also
# close on Escape.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_audit.py ORGDESK ORGDESKCTL   (through tests/headless.sh)

import atexit
import os
import re
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


# What GTK 4.8 reads for a widget with no name: its type name
TYPE_NAME = re.compile(r'^(Gtk|Adw|Od)[A-Z][A-Za-z]+$')
MNEMONIC = re.compile(r'(^|\s)_[^\s_]')


def gtk_internal(obj, role, name):
    """Parts of GTK 4.8 and libadwaita 1.2 widgets that the application cannot name, read through
    the named widget that holds them: the list of a drop-down's popup and its items (the combo
    box is named; GTK 4.8's GtkListItem has no accessible label — 4.12 adds one — and an item
    reads the label inside it), a column view's inner list and header row (the table is named),
    an AdwPreferencesGroup's list of rows (each row is named), a password entry's peek icon.
    A drop-down's own button is named after the drop-down (od_widget_name_drop_down_buttons())
    and is audited like any button."""
    try:
        parent = obj.parent
        parent_role, parent_name = parent.getRole(), parent.name
    except Exception:
        return False
    inside_combo = any(a is not None and a.getRole() == pyatspi.ROLE_COMBO_BOX and not bad_name(a.name)
                       for a in ancestors(obj, 4))
    if role in (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_ITEM) and inside_combo and name in ('GtkListView', ''):
        return True
    if role in (pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE_ROW) and name in ('GtkColumnListView', 'GtkListItemWidget') \
            and parent_role in (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE) and not bad_name(parent_name):
        return True
    if role == pyatspi.ROLE_LIST and name == 'GtkListBox' and obj.childCount > 0 and \
            all(not bad_name(obj.getChildAtIndex(i).name) for i in range(obj.childCount)):
        return True
    if role == pyatspi.ROLE_PUSH_BUTTON and name == 'GtkImage' and any(
            a is not None and a.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY)
            for a in ancestors(obj, 3)):
        return True
    return False


def ancestors(obj, n):
    found = []
    node = obj
    for _ in range(n):
        try:
            node = node.parent
        except Exception:
            break
        if node is None:
            break
        found.append(node)
    return found


def bad_name(name):
    name = (name or '').strip()
    return not name or TYPE_NAME.match(name) is not None or MNEMONIC.search(name) is not None


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
            if bad_name(obj.name) and not gtk_internal(obj, role, obj.name):
                found.append(describe(obj))
        for i in range(obj.childCount):
            try:
                visit(obj.getChildAtIndex(i), depth + 1)
            except Exception:
                continue

    visit(root, 0)
    return found


# The dialogs: how to open each from the main window, and its window title
DIALOGS = [
    ('Members', lambda app, frame, page: shell.keys(app, 'Orgdesk', 'ctrl+i'), 'Invite Members'),
    ('Overview', lambda app, frame, page: press(page, 'Post Update'), 'Post Update'),
    ('Teams', lambda app, frame, page: press(page, 'New Team'), 'New Team'),
    ('Billing', lambda app, frame, page: open_term_dialog(app, page), 'Switch to Quarterly Billing?'),
    ('Billing', lambda app, frame, page: press(page, lambda n: 'ubscription' in n and n.startswith('Cancel')), None),
    ('Settings', lambda app, frame, page: open_api_key_dialog(page), 'Add API Key'),
    ('Settings', lambda app, frame, page: open_policy_dialog(app, page), 'Publish Policy?'),
    ('Overview', lambda app, frame, page: shell.keys(app, 'Orgdesk', 'ctrl+k'), 'Go To'),
]


def press(page, name):
    button = shell.wait_until(lambda: shell.find(page, pyatspi.ROLE_PUSH_BUTTON, name),
                              'the %s button' % getattr(name, '__name__', name))
    shell.activate(button)


def open_term_dialog(app, page):
    """The billing term row is an AdwComboRow, which GTK 4.8 gives no AT-SPI action: open it by
    keyboard as a person does. Ctrl+K, "billing" and Return put the focus on the Billing page's
    first control; Tab moves it to the row; Space opens its list, whose items must read their
    terms; Down and Return choose the next term (monthly to quarterly), which asks for
    confirmation."""
    row = shell.wait_until(lambda: shell.find(page, pyatspi.ROLE_COMBO_BOX, lambda n: n.startswith('Billing term')),
                           'the Billing term row')
    shell.keys(app, 'Orgdesk', 'ctrl+k')
    shell.wait_until(lambda: app.window('Go To'), 'the command palette')
    shell.keys(app, 'Go To', ('type', 'billing'))
    # The results follow the typing: wait for the full query's, with Billing chosen
    shell.wait_until(lambda: any(shell.text_of(t) == 'billing' for t in pyatspi.findAllDescendants(
        app.window('Go To'), lambda o: o.getRole() in shell.TEXT_ROLES)), 'the query in the palette')
    shell.wait_until(lambda: [o.name for o in pyatspi.findAllDescendants(
        app.window('Go To'), lambda o: o.getRole() == pyatspi.ROLE_LIST_ITEM and
        shell.states_of(o).contains(pyatspi.STATE_SELECTED))] == ['Billing, page, Alt+4'],
        'the Billing result to be chosen')
    shell.keys(app, 'Go To', 'Return')
    shell.wait_until(lambda: app.window('Go To') is None, 'the palette to close')
    shell.wait_until(lambda: pyatspi.findDescendant(page, has_focus) is not None,
                     'the focus on the Billing page')
    for _ in range(30):
        if has_focus(row):
            break
        shell.keys(app, 'Orgdesk', 'Tab')
        try:
            shell.wait_until(lambda: any_focus(app), 'the focus to land', timeout=5)
        except AssertionError:
            pass
    assert has_focus(row), 'Tab never reached the Billing term row'
    shell.keys(app, 'Orgdesk')
    pyatspi.Registry.generateKeyboardEvent(0x20, None, pyatspi.KEY_SYM)     # space
    listing = shell.wait_until(lambda: shell.find(row, pyatspi.ROLE_LIST, lambda n: n == 'GtkListView'),
                               'Space to open the list of terms')
    items = shell.wait_until(lambda: [o for o in listing if o is not None and o.getRole() == pyatspi.ROLE_LIST_ITEM]
                             or None, 'the terms in the list')
    readings = [item_reading(item) for item in items]
    shell.log('# the term list reads: %r' % readings)
    for term in ('Monthly', 'Quarterly', 'Yearly'):
        assert any(r.startswith(term) for r in readings), 'no item reads %r: %r' % (term, readings)
    pyatspi.Registry.generateKeyboardEvent(0xff54, None, pyatspi.KEY_SYM)   # Down
    pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)   # Return


def has_focus(obj):
    states = shell.states_of(obj)
    return states is not None and states.contains(pyatspi.STATE_FOCUSED)


def any_focus(app):
    frame = app.window('Orgdesk')
    return frame is not None and pyatspi.findDescendant(frame, has_focus) is not None


def item_reading(item):
    """What a screen reader reads for a list item: its name, else the labels inside it."""
    if not bad_name(item.name):
        return item.name
    labels = pyatspi.findAllDescendants(item, lambda o: o.getRole() == pyatspi.ROLE_LABEL)
    return ' '.join(label.name for label in labels if not bad_name(label.name))


def open_api_key_dialog(page):
    tab = shell.wait_until(lambda: shell.find(page, pyatspi.ROLE_PAGE_TAB, 'API Keys'), 'the API Keys tab')
    shell.activate(tab)
    press(page, 'Add API Key')


def open_policy_dialog(app, page):
    """Policy → Publish… asks for a folder first (GTK's own file chooser, not audited here): type
    a fresh folder into its location field, Choose, and the policy dialog shows what publishing
    there changes."""
    folder = tempfile.mkdtemp(prefix='orgdesk-audit-policy-')
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    tab = shell.wait_until(lambda: shell.find(page, pyatspi.ROLE_PAGE_TAB, 'Policy'), 'the Policy tab')
    shell.activate(tab)
    press(page, 'Publish the policy')
    chooser = shell.wait_until(lambda: shell.find(app.accessible, (pyatspi.ROLE_FILLER, pyatspi.ROLE_DIALOG),
                                                  'Publish Policy to Folder', showing=False), 'the folder chooser')
    shell.keys(app, 'Publish Policy to Folder', 'ctrl+l', ('type', folder + '/'))
    shell.wait_until(lambda: any(shell.text_of(t) == folder + '/' for t in pyatspi.findAllDescendants(
        chooser, lambda o: o.getRole() == pyatspi.ROLE_TEXT)), 'the folder typed into the chooser')
    press(chooser, lambda n: n.endswith('Choose'))
    shell.wait_until(lambda: all(f.name != 'Publish Policy to Folder' for f in shell.frames(app.accessible)),
                     'the folder chooser to close')


def new_window(app, before):
    for window in shell.frames(app.accessible):
        if window not in before and shell.is_showing(window):
            return window
    return None


def audit_dialogs(app, frame):
    problems = []
    for area, open_it, title in DIALOGS:
        page = shell.show_area(frame, area)
        before = shell.frames(app.accessible)
        open_it(app, frame, page)
        dialog = shell.wait_until(lambda: new_window(app, before), 'the dialog from %s' % area)
        name = dialog.name
        if title is not None:
            assert name == title, 'the dialog is named %r, not %r' % (name, title)
        shell.wait_until(lambda: dialog.childCount > 0, 'the %s dialog to fill' % name)
        counter = [0]
        missing = unnamed_controls(dialog, counter)
        shell.log('# dialog %r: %d controls, %d without a name' % (name, counter[0], len(missing)))
        assert counter[0] >= 2, 'found only %d controls in %r' % (counter[0], name)
        problems += ['%s dialog: %s' % (name, m) for m in missing]
        # Escape closes every dialog (keys go to the dialog's own X window)
        shell.keys(app, name if name else None, 'Escape')
        shell.wait_until(lambda: new_window(app, before) is None, 'Escape to close %r' % name)
    return problems


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
                for m in missing:
                    shell.log('# not named: %s' % m)
            sidebar_missing = unnamed_controls(frame, [0])
            problems += ['window: %s' % m for m in sidebar_missing if m not in problems]
            problems += audit_dialogs(app, frame)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if problems:
        shell.log('\n'.join('not named: ' + p for p in sorted(set(problems))))
        raise SystemExit('%d controls have no accessible name' % len(set(problems)))
    shell.log('ok - every control on every page and in every dialog has an accessible name')


if __name__ == '__main__':
    main()
