#!/usr/bin/python3
# test_atspi_teams.py — creating a team and posting to it, through what a screen reader sees
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_atspi_teams.py ORGDESK ORGDESKCTL
# Needs a display, a session bus and at-spi2-core: run it through tests/headless.sh.
#
# On a demo database (orgdeskctl demo), and only through AT-SPI (roles, names, actions, editable
# text, and xdotool for one Escape): open Teams, press "New Team", type a name and a description,
# press "Create"; the new team's page opens; "Add Members" and a member's named Add button put them
# in the team, Escape closes the picker; press "Post Update", type a title and a text, press "Post"; the update
# appears in the team's feed as a named list item. Then the Overview's feed has it too, and the
# Activity page's search finds the team's creation as a sentence.
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
    TEXT_ROLES, App, activate, ctl, demo, find, is_sensitive, is_showing, keys, log, pyatspi,
    show_area, text_of, type_into, wait_until)

TEAM = 'Platform Guild'
DESCRIPTION = 'Build tools and CI'
TITLE = 'Guild kickoff'
CONTENT = 'We meet on Thursdays.\n\nBring your questions.'


def check_teams(tmp):
    database = os.path.join(tmp, 'demo.db')
    slug = demo(database, members=20, teams=3, updates=6)
    newcomer = json.loads(ctl(database, 'member', 'list', '--org=' + slug, '--json'))[3]

    with App(database) as app:
        frame = wait_until(lambda: find(app.accessible, pyatspi.ROLE_FRAME, 'Orgdesk'),
                           'the main window')
        teams = show_area(frame, 'Teams')
        wait_until(lambda: find(teams, pyatspi.ROLE_LIST, 'Teams'), 'the list of teams')
        search = wait_until(lambda: find(teams, TEXT_ROLES, 'Search teams'), 'the team search field')
        assert search is not None
        row = wait_until(lambda: find(teams, pyatspi.ROLE_LIST_ITEM,
                                      lambda n: n.endswith(' members') or n.endswith(' member')
                                      or n.endswith('No members')),
                         'a team row that reads as a sentence')
        log('# team row: %r' % row.name)
        log('ok - the teams list has named rows and a named search field')

        # New Team → a dialog with named fields
        new_team = wait_until(lambda: find(teams, pyatspi.ROLE_PUSH_BUTTON, 'New Team'),
                              'the New Team button')
        activate(new_team)
        dialog = wait_until(lambda: app.window('New Team'), 'the New Team dialog')
        name_field = wait_until(lambda: find(dialog, TEXT_ROLES, 'Team name'), 'the Team name field')
        description = find(dialog, TEXT_ROLES, 'Description')
        assert description is not None, 'no field named "Description"'
        create = find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Create')
        assert create is not None, 'no button named "Create"'
        assert not is_sensitive(create), 'Create is pressable before a name is typed'

        type_into(name_field, TEAM)
        type_into(description, DESCRIPTION)
        wait_until(lambda: is_sensitive(create), 'Create to become pressable')
        activate(create)

        # The new team's page opens
        wait_until(lambda: app.window('New Team') is None, 'the dialog to close')
        team_page = wait_until(lambda: find(frame, (pyatspi.ROLE_SCROLL_PANE, pyatspi.ROLE_PANEL,
                                                    pyatspi.ROLE_GROUPING), TEAM),
                               "the new team's page")
        wait_until(lambda: find(team_page, pyatspi.ROLE_LABEL, TEAM), "the team's name")
        back = wait_until(lambda: find(team_page, pyatspi.ROLE_PUSH_BUTTON, 'Back to Teams'),
                          'a back button')
        # The keyboard starts on the new page, not on the sidebar or a closed dialog
        wait_until(lambda: back.getState().contains(pyatspi.STATE_FOCUSED), 'Back to have the focus')
        log('ok - New Team creates the team and opens its page, focus on Back')

        # Add Members → a picker searched by name; its named Add button adds the member, and the
        # team's page lists them with a named Remove button
        activate(wait_until(lambda: find(team_page, pyatspi.ROLE_PUSH_BUTTON, 'Add Members'),
                            'the Add Members button'))
        picker = wait_until(lambda: app.window('Add Members'), 'the Add Members dialog')
        type_into(wait_until(lambda: find(picker, TEXT_ROLES, 'Search members to add'),
                             'the picker search field'), newcomer['name'])

        # The search applies after a short delay and replaces the list: until then the unfiltered
        # list may show the same Add button, whose row is rebound to someone else once it does
        def shown_add_buttons():
            return pyatspi.findAllDescendants(
                picker, lambda o: o.getRole() == pyatspi.ROLE_PUSH_BUTTON and
                (o.name or '').startswith('Add ') and is_showing(o))
        wait_until(lambda: len(shown_add_buttons()) == 1, 'the search to leave one Add button')
        add = wait_until(lambda: find(picker, pyatspi.ROLE_PUSH_BUTTON,
                                      'Add %s (%s)' % (newcomer['name'], newcomer['email'])),
                         'the Add button of %s' % newcomer['name'])
        activate(add)
        wait_until(lambda: find(picker, pyatspi.ROLE_LABEL, 'In the team'), 'the member to be added')
        keys(app, 'Add Members', 'Escape')
        wait_until(lambda: app.window('Add Members') is None, 'Escape to close the picker')
        wait_until(lambda: find(team_page, pyatspi.ROLE_PUSH_BUTTON,
                                'Remove %s from the team' % newcomer['name']),
                   "the new member on the team's page")
        listed = json.loads(ctl(database, 'team', 'members', '--org=' + slug, '--name=' + TEAM, '--json'))
        assert [m['email'] for m in listed] == [newcomer['email']], listed
        log('ok - the picker adds %s to the team, and Escape closes it' % newcomer['name'])

        # Post Update → a dialog set to post to this team
        post = wait_until(lambda: find(team_page, pyatspi.ROLE_PUSH_BUTTON, 'Post Update'),
                          'the Post Update button')
        activate(post)
        dialog = wait_until(lambda: app.window('Post Update'), 'the Post Update dialog')
        title = wait_until(lambda: find(dialog, TEXT_ROLES, 'Title'), 'the Title field')
        content = wait_until(lambda: find(dialog, TEXT_ROLES, 'Text of the update'),
                             'the text of the update')
        target = find(dialog, (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_PUSH_BUTTON),
                      lambda n: 'Post to' in n)
        log('# post to: %r' % (target.name if target is not None else None))
        type_into(title, TITLE)
        type_into(content, CONTENT)
        assert text_of(content).startswith('We meet'), 'typing into the text of the update failed'
        submit = find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Post')
        assert submit is not None, 'no button named "Post"'
        wait_until(lambda: is_sensitive(submit), 'Post to become pressable')
        activate(submit)
        wait_until(lambda: app.window('Post Update') is None, 'the dialog to close')

        # The update is in the team's feed, as a list item that reads as one sentence
        feed = wait_until(lambda: find(team_page, pyatspi.ROLE_LIST, 'Updates'), "the team's feed")
        item = wait_until(lambda: find(feed, pyatspi.ROLE_LIST_ITEM,
                                       lambda n: n.startswith(TITLE + ', by ') and (' in %s, ' % TEAM) in n),
                          'the update in the team feed')
        log('# update row: %r' % item.name)
        paragraph = find(item, pyatspi.ROLE_LABEL, 'Bring your questions.')
        assert paragraph is not None, 'the second paragraph is not shown on its own'
        # GTK 4.8 gives toggle buttons the push button role, with a pressed state
        buttons = (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON)
        reaction = find(item, buttons, 'Thumbs up, no reactions')
        assert reaction is not None, 'no named reaction button'
        activate(reaction)
        wait_until(lambda: find(item, buttons, 'Thumbs up, 1 reaction, you reacted'),
                   'the reaction to be counted')
        log('ok - the update is posted to the team and shows in its feed')

        # Back to the list: the team is there with its description
        activate(find(team_page, pyatspi.ROLE_PUSH_BUTTON, 'Back to Teams'))
        teams = wait_until(lambda: find(frame, pyatspi.ROLE_PANEL, 'Teams'), 'the Teams page')
        wait_until(lambda: find(teams, pyatspi.ROLE_LIST_ITEM, lambda n: n.startswith(TEAM + ', ')),
                   'the new team in the list')
        log('ok - the list shows the new team')

        # The Overview's feed has the update too
        overview = show_area(frame, 'Overview')
        feed = wait_until(lambda: find(overview, pyatspi.ROLE_LIST, 'Updates'), 'the Overview feed')
        wait_until(lambda: find(feed, pyatspi.ROLE_LIST_ITEM, lambda n: n.startswith(TITLE + ', by ')),
                   'the update in the Overview feed')
        log('ok - the Overview feed shows the update')

        # Activity: searching for the team finds its creation, read as a sentence
        activity = show_area(frame, 'Activity')
        search = wait_until(lambda: find(activity, TEXT_ROLES, 'Search activity'),
                            'the activity search field')
        type_into(search, TEAM)
        wait_until(lambda: find(activity, pyatspi.ROLE_LIST_ITEM,
                                lambda n: ('created the team %s' % TEAM) in n),
                   'the team creation in the activity')
        wait_until(lambda: find(activity, pyatspi.ROLE_LIST_ITEM,
                                lambda n: 'demo data' in n) is None,
                   'the search to narrow the activity')
        log('ok - the activity search finds the change as a sentence')


def main():
    tmp = tempfile.mkdtemp(prefix='orgdesk-atspi-teams-')
    try:
        check_teams(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log('all AT-SPI team checks passed')


if __name__ == '__main__':
    main()
