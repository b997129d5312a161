# Start the kiosk when the kiosk account logs in on the first text console (tty1).
# Read from that account's ~/.profile:   . /opt/visitor-kiosk/deploy/linux/start-on-login.sh
# Logins over SSH or on other consoles are left alone, so staff can still work on the PC.
# shellcheck shell=sh
if [ "$(tty)" = /dev/tty1 ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # The text console shown between kiosk restarts never blanks either.
    setterm --blank 0 --powerdown 0 2>/dev/null
    # The kiosk runs in the user manager, outside this login; cage finds the login session (and
    # with it the screen and input devices) through these variables.
    systemctl --user import-environment XDG_SESSION_ID XDG_SEAT XDG_VTNR
    systemctl --user start visitor-kiosk.service
    echo "The visitor kiosk was started. If it was closed from its admin screen, start it again"
    echo "with:  systemctl --user start visitor-kiosk   (or restart the PC)"
fi
