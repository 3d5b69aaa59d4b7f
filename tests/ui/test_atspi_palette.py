#!/usr/bin/python3
# test_atspi_palette.py — the command palette's Up and Down, by keyboard and AT-SPI only
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_palette.py ORGDESK ORGDESKCTL   (through tests/headless.sh)
#
# On a demo database: Ctrl+K opens the palette; typing "tea" lists more than one result and the
# first is selected (AT-SPI state SELECTED on its list item). Down selects the next one and Up
# the one before (Up on the first keeps it), while the keyboard focus stays in the search field
# (a letter typed after them lands in the field and the new results start from the first);
# Down to "New Team" and Enter open the New Team dialog, and the palette closes.
#
# Every wait polls with a deadline; nothing sleeps a fixed time.

import os
import shutil
import sys
import tempfile

# The App, find, wait and keyboard helpers are the ones test_atspi_shell.py defines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_atspi_shell import (  # noqa: E402
    TEXT_ROLES, App, demo, find, keys, log, pyatspi, states_of, text_of_editable, wait_until)


def results(palette):
    """The palette's results, in order, as (name, selected)."""
    listing = find(palette, pyatspi.ROLE_LIST, 'Results', showing=False)
    assert listing is not None, 'no list named "Results"'
    items = [child for child in listing if child is not None and child.getRole() == pyatspi.ROLE_LIST_ITEM]
    out = []
    for item in items:
        states = states_of(item)
        out.append((item.name, states is not None and states.contains(pyatspi.STATE_SELECTED)))
    return out


def selected(palette):
    """The name of the one selected result (None when none or more than one is)."""
    chosen = [name for name, is_selected in results(palette) if is_selected]
    return chosen[0] if len(chosen) == 1 else None


def wait_selected(palette, name, what):
    wait_until(lambda: selected(palette) == name, '%s (selected: %r)' % (what, selected(palette)))
    log('# selected: %r' % name)


def check_palette(tmp):
    database = os.path.join(tmp, 'demo.db')
    demo(database, members=12, teams=3, updates=0)

    with App(database) as app:
        wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'), 'the main window')
        keys(app, 'Orgdesk', 'ctrl+k')
        palette = wait_until(lambda: app.window('Go To'), 'the command palette')
        entry = wait_until(lambda: find(palette, TEXT_ROLES, 'Go to'), 'its named search field')

        everything = wait_until(lambda: [n for n, _ in results(palette)], 'the results for no query')
        keys(app, 'Go To', ('type', 'tea'))
        wait_until(lambda: text_of_editable(entry) == 'tea', 'the typed query in the field')
        names = wait_until(lambda: [n for n, _ in results(palette)]
                           if [n for n, _ in results(palette)] != everything else None,
                           'the results for "tea"')
        log('# results: %r' % names)
        target = next(i for i, n in enumerate(names) if n.startswith('New Team'))
        assert len(names) >= 2 and target >= 1, 'expected "New Team" after another result: %r' % names
        wait_selected(palette, names[0], 'the first result to be selected')

        # Down and Up move the selection one result at a time
        keys(app, 'Go To', 'Down')
        wait_selected(palette, names[1], 'Down to select the second result')
        keys(app, 'Go To', 'Up')
        wait_selected(palette, names[0], 'Up to select the first result again')
        keys(app, 'Go To', 'Up')
        wait_selected(palette, names[0], 'Up on the first result to keep it')
        log('ok - Down and Up move the selected result')

        # The focus stayed in the search field: a letter typed now extends the query (and the
        # new results start from the first again)
        keys(app, 'Go To', 'Down')
        wait_selected(palette, names[1], 'Down to select the second result')
        keys(app, 'Go To', ('type', 'm'))
        wait_until(lambda: text_of_editable(entry) == 'team', 'the letter to land in the search field')
        wait_until(lambda: selected(palette) is not None and selected(palette) != names[1],
                   'the results for "team"')
        names = [n for n, _ in results(palette)]
        log('# results: %r' % names)
        target = next(i for i, n in enumerate(names) if n.startswith('New Team'))
        assert target >= 1, 'expected "New Team" after another result: %r' % names
        wait_selected(palette, names[0], 'a new query to select its first result')
        log('ok - the keyboard focus stays in the search field')

        # Down to "New Team", Enter opens it
        for i in range(1, target + 1):
            keys(app, 'Go To', 'Down')
            wait_selected(palette, names[i], 'Down to select result %d' % (i + 1))
        keys(app, 'Go To', 'Return')
        wait_until(lambda: app.window('Go To') is None, 'Enter to close the palette')
        dialog = wait_until(lambda: app.window('New Team'), 'the New Team dialog')
        assert find(dialog, TEXT_ROLES, 'Team name') is not None or \
            find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Create') is not None, 'not the New Team dialog'
        log('ok - Enter opens the selected result')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-palette-')
    try:
        check_palette(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI palette checks passed')


if __name__ == '__main__':
    main()
