"""The longest setting values the kiosk accepts (issue 15's limits), in one place for the tests
that check nothing is cut off: realistic words, each value exactly at its limit."""

from __future__ import annotations

FACILITY_NAME_MAX = 80
HELP_DESK_LOCATION_MAX = 80
SECURUS_APP_NAME_MAX = 40
SECURUS_URL_MAX = 100

FACILITY_NAME = "Richard J. Donovan Correctional Facility at Rock Mountain, Visitors Center Annex"
HELP_DESK_LOCATION = (
    "The tall blue counter beside the lockers, left of the main entrance, Building 12"
)
SECURUS_APP_NAME = "Securus Mobile for Friends and Family 22"
#: https only, on securustech.net, a path of ``/`` segments up to the limit.
SECURUS_URL = (
    "https://securustech.net/california/cdcr/friends-and-family/visitor-centers/account-setup/"
    "start-here/"
)

for _value, _limit in (
    (FACILITY_NAME, FACILITY_NAME_MAX),
    (HELP_DESK_LOCATION, HELP_DESK_LOCATION_MAX),
    (SECURUS_APP_NAME, SECURUS_APP_NAME_MAX),
    (SECURUS_URL, SECURUS_URL_MAX),
):
    assert len(_value) == _limit, (_value, len(_value), _limit)

#: A settings file (TOML) that sets all four.
LONGEST_SETTINGS = (
    f'facility_name = "{FACILITY_NAME}"\n'
    f'help_desk_location = "{HELP_DESK_LOCATION}"\n'
    f'securus_app_name = "{SECURUS_APP_NAME}"\n'
    f'securus_url = "{SECURUS_URL}"\n'
)
