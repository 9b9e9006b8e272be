#!/usr/bin/env bash
# check-packages: builds the Debian packages and checks them on this machine, as root (CI):
#   lintian; install the previous build (revision 0.1) with dpkg -i; the installed files; a booking
#   made by the installed kiosk; upgrade to this build keeps the kiosk's database, key, staged
#   content and edited settings; kioskctl validate on the installed content; systemd-analyze
#   verify on every unit; the installed kiosk, started by its unit's command line (cage, nested
#   in Xvfb) as its user, draws the attract screen (pixels); restart after kill -9 with backoff
#   and the watchdog under a real systemd (a user manager in a private mount namespace) where
#   this machine allows it; the installed hub answers health through its unit's command line
#   (SQLite, and PostgreSQL where KIOSK_TEST_PG names a server) with its data folder private and
#   nothing written outside it; remove and purge leave nothing behind.
# Leaves the packages purged: meant for CI and build machines, never for a machine that runs a
# showroom. It refuses to start where the packages are installed already, unless
# KIOSK_CHECK_PURGE_FIRST=1 (say, after a failed run). KIOSK_CHECK_SKIP_BUILD=1 reuses build-pkg/packages.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
build=${KIOSK_PACKAGE_BUILD_DIR:-build-pkg}
[ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"   # it installs packages
export LC_ALL=C.UTF-8

step() { printf '\n== %s\n' "$*"; }
fail() { echo "check-packages: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/check-packages.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    # The kiosk and hub this script started run as their users, below the shells in pids.
    for p in $(pgrep -u showroom-kiosk -x kiosk) $(pgrep -u showroom-kiosk -x cage) $(pgrep -u sales-hub -x sales-hub) "${pids[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

if [ "${KIOSK_CHECK_SKIP_BUILD:-0}" != 1 ]; then
    step "build the packages"
    scripts/build-packages.sh
fi
current=("$build"/packages/*.deb)
previous=("$build"/packages-previous/*.deb)
[ "${#current[@]}" -eq 3 ] && [ "${#previous[@]}" -eq 3 ] || fail "expected three packages in each of $build/packages and $build/packages-previous"

step "lintian"
# Each tag that remains is explained in packaging/lintian-explained.
lintian --fail-on error,warning --suppress-tags-from-file packaging/lintian-explained "${current[@]}"
echo "lintian: no errors or warnings besides the tags explained in packaging/lintian-explained"

step "install the previous build"
if dpkg-query -W -f='${Status}\n' showroom-kiosk showroom-content sales-hub 2> /dev/null | grep -q 'installed'; then
    [ "${KIOSK_CHECK_PURGE_FIRST:-0}" = 1 ] ||
        fail "showroom packages are installed here; this check purges them (with their data): KIOSK_CHECK_PURGE_FIRST=1 to go on"
    dpkg --purge showroom-kiosk sales-hub showroom-content
fi
dpkg -i "${previous[@]}"
for p in showroom-kiosk showroom-content sales-hub; do
    [ "$(dpkg-query -W -f='${Status} ${Version}' $p)" = "install ok installed 0.1.0-0.1" ] || fail "$p is not installed at 0.1.0-0.1"
done

# --- helpers: the installed units, read as systemd reads them -------------------------------
unit_file() { echo "/lib/systemd/system/$1"; }
unit_value() { sed -n "s/^$2=//p" "$(unit_file "$1")" | tail -n 1; }
# The unit's Environment= lines, then its EnvironmentFile (later wins), as KEY=VALUE lines.
unit_environment() {
    sed -n 's/^Environment=//p' "$(unit_file "$1")"
    sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$(unit_file "$1")" | while read -r f; do
        [ -r "$f" ] && grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$f" || true
    done
}
# Runs a command as the unit's user, in its working folder, with its umask and environment.
as_unit() {
    local unit=$1
    shift
    local user dir
    user=$(unit_value "$unit" User)
    dir=$(unit_value "$unit" WorkingDirectory)
    local -a environment
    mapfile -t environment < <(unit_environment "$unit")
    (cd "$dir" && umask "$(unit_value "$unit" UMask)" &&
        exec env -i PATH=/usr/bin:/bin HOME="$dir" "${environment[@]}" "$@" \
            setpriv --reuid="$user" --regid="$user" --init-groups -- "${KIOSK_AS_UNIT_COMMAND[@]}")
}

step "installed files"
for f in /usr/bin/kiosk /usr/bin/kioskctl /usr/bin/sales-hub /usr/sbin/sales-hub-admin \
    /usr/lib/showroom-kiosk/kiosk-session /usr/lib/showroom-kiosk/restart-backoff; do
    [ -x "$f" ] || fail "$f is missing or not executable"
done
for f in /usr/share/showroom-kiosk/content/content.json /usr/share/showroom-kiosk/shaders/pbr.frag \
    /usr/share/showroom-kiosk/assets/cars/heron.glb /lib/systemd/system/showroom-kiosk.service \
    /lib/systemd/system/sales-hub.service /usr/lib/sysusers.d/showroom-kiosk.conf /usr/lib/sysusers.d/sales-hub.conf \
    /usr/lib/tmpfiles.d/showroom-kiosk.conf /usr/lib/tmpfiles.d/sales-hub.conf /etc/pam.d/showroom-kiosk \
    /usr/share/sales-hub/nginx-sales-hub.conf; do
    [ -f "$f" ] || fail "$f is missing"
done
[ "$(stat -c %a /etc/showroom-kiosk/kiosk.env)" = 600 ] || fail "/etc/showroom-kiosk/kiosk.env must be 0600"
[ "$(stat -c %a /etc/sales-hub/sales-hub.env)" = 600 ] || fail "/etc/sales-hub/sales-hub.env must be 0600"
for b in /usr/bin/kiosk /usr/bin/kioskctl /usr/bin/sales-hub; do
    if ldd "$b" | grep -q 'not found'; then fail "$b: a shared library is missing: $(ldd "$b" | grep 'not found')"; fi
    # The packaged executables must not look for anything in the build tree.
    if grep -aq "$repo/" "$b"; then fail "$b names the build tree $repo"; fi
done
for d in showroom-kiosk:/var/lib/showroom-kiosk sales-hub:/var/lib/sales-hub; do
    user=${d%%:*} dir=${d#*:}
    id "$user" > /dev/null || fail "no system user $user"
    [ "$(stat -c '%U %a' "$dir")" = "$user 700" ] || fail "$dir: expected owner $user, mode 0700; found $(stat -c '%U %a' "$dir")"
done
key=/var/lib/showroom-kiosk/store.key
[ "$(stat -c '%U %a' $key)" = "showroom-kiosk 600" ] || fail "$key: expected owner showroom-kiosk, mode 0600"
grep -Eqx '[0-9a-f]{64}' $key || fail "$key is not 64 hexadecimal digits"
dpkg-query -W -f='${Depends}\n' showroom-kiosk | tee "$work/depends" | grep -q 'libglfw3' || fail "showroom-kiosk does not depend on libglfw3 (shlibdeps)"
dpkg-query -W -f='${Depends}\n' sales-hub | grep -q 'libpq5' || fail "sales-hub does not depend on libpq5 (shlibdeps)"
echo "installed files, users, data folders (0700), store key (0600) and shlibs dependencies: ok"

step "kioskctl validate on the installed content"
(cd / && kioskctl validate)
(cd / && kioskctl validate --content /usr/share/showroom-kiosk/content)

step "systemd-analyze verify on every unit"
units=$(dpkg -L showroom-kiosk sales-hub | grep -E '^/lib/systemd/system/.+\.(service|socket|timer|target)$')
[ -n "$units" ] || fail "no units installed"
# shellcheck disable=SC2086
systemd-analyze verify $units

step "the installed kiosk books a test drive (under Xvfb, as its unit runs it)"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp -fbdir "$work" > "$work/xvfb.log" 2>&1 &
pids+=($!)
sleep 2
cp tests/packaging/book-test-drive.json "$work/"
session=$(unit_value showroom-kiosk.service ExecStart)
session=${session#/usr/bin/cage -- }   # what cage runs: the session, the kiosk's command line
[ -x "$session" ] || fail "the kiosk unit's session $session is not executable"
KIOSK_AS_UNIT_COMMAND=("$session" --date 2026-11-27 --no-3d --script "$work/book-test-drive.json")
as_unit showroom-kiosk.service DISPLAY="$display" > "$work/booking.log" 2>&1 || { cat "$work/booking.log"; fail "the booking replay failed"; }
# Logs go to the journal: nothing of the visitor in them.
if grep -Eq '13912345678|wang' "$work/booking.log"; then fail "the kiosk logged personal data: $(cat "$work/booking.log")"; fi
KIOSK_AS_UNIT_COMMAND=(kioskctl outbox show)
as_unit showroom-kiosk.service > "$work/outbox-before.txt"
grep -q 'booking' "$work/outbox-before.txt" || fail "no booking in the kiosk's outbox: $(cat "$work/outbox-before.txt")"
echo "kiosk.db holds $(grep -c 'booking' "$work/outbox-before.txt") booking event(s); no name or phone number in the kiosk's log"
[ "$(stat -c %U /var/lib/showroom-kiosk/kiosk.db)" = showroom-kiosk ] || fail "kiosk.db is not the kiosk user's"

step "upgrade to this build"
mkdir -p /var/lib/showroom-kiosk/content
echo "staged by a hub" > /var/lib/showroom-kiosk/content/NOTE
echo "KIOSK_ID=kiosk-upgrade" >> /etc/showroom-kiosk/kiosk.env
sha256sum /var/lib/showroom-kiosk/store.key /var/lib/showroom-kiosk/kiosk.db > "$work/before.sha"
dpkg -i "${current[@]}"
for p in showroom-kiosk showroom-content sales-hub; do
    [ "$(dpkg-query -W -f='${Status} ${Version}' $p)" = "install ok installed 0.1.0-1" ] || fail "$p was not upgraded to 0.1.0-1"
done
sha256sum -c "$work/before.sha" || fail "the upgrade changed the kiosk's key or database"
[ -f /var/lib/showroom-kiosk/content/NOTE ] || fail "the upgrade lost the kiosk's staged content"
grep -qx 'KIOSK_ID=kiosk-upgrade' /etc/showroom-kiosk/kiosk.env || fail "the upgrade lost the edited kiosk.env"
sed -i '/^KIOSK_ID=kiosk-upgrade$/d' /etc/showroom-kiosk/kiosk.env
rm -r /var/lib/showroom-kiosk/content
KIOSK_AS_UNIT_COMMAND=(kioskctl outbox show)
as_unit showroom-kiosk.service > "$work/outbox-after.txt"
diff "$work/outbox-before.txt" "$work/outbox-after.txt" || fail "the bookings read differently after the upgrade"

step "the installed kiosk draws the attract screen (the unit's whole ExecStart: cage, nested in Xvfb)"
# cage runs on the X server as wlroots' X11 backend (software rendering) in a window of 1024x768,
# so this X screen is that size; in the showroom it drives the display itself. XDG_RUNTIME_DIR
# is what the unit's logind session gives it.
cage_display=:$((${display#:} + 100))
mkdir "$work/cage-fb" "$work/xdg"
chown showroom-kiosk: "$work/xdg"
chmod 700 "$work/xdg"
Xvfb "$cage_display" -screen 0 1024x768x24 -nolisten tcp -fbdir "$work/cage-fb" > "$work/xvfb-cage.log" 2>&1 &
pids+=($!)
sleep 2
read -ra exec_start <<< "$(unit_value showroom-kiosk.service ExecStart)"
[ "${exec_start[0]}" = /usr/bin/cage ] || fail "the kiosk unit does not start cage: ${exec_start[*]}"
KIOSK_AS_UNIT_COMMAND=("${exec_start[@]}")
as_unit showroom-kiosk.service DISPLAY="$cage_display" XDG_RUNTIME_DIR="$work/xdg" WLR_BACKENDS=x11 WLR_RENDERER=pixman \
    > "$work/attract.log" 2>&1 &
session_pid=$!
pids+=("$session_pid")
drawn=0
for _ in $(seq 1 "${KIOSK_CHECK_ATTRACT_TRIES:-30}"); do
    sleep 2
    kill -0 "$session_pid" 2> /dev/null || { cat "$work/attract.log"; fail "cage or the kiosk exited"; }
    if perl scripts/check-attract-screen.pl "$work/cage-fb/Xvfb_screen0" > "$work/pixels.txt" 2>&1; then drawn=1; break; fi
done
cat "$work/pixels.txt"
[ "$drawn" = 1 ] || { cat "$work/attract.log"; fail "the installed kiosk did not draw the attract screen"; }
kiosk_pid=$(pgrep -u showroom-kiosk -x kiosk) || fail "no kiosk process of the user showroom-kiosk"
cage_pid=$(pgrep -u showroom-kiosk -x cage) || fail "no cage process of the user showroom-kiosk"
[ "$(ps -o ppid= -p "$kiosk_pid" | tr -d ' ')" = "$cage_pid" ] || fail "the kiosk is not cage's application"
echo "cage ($cage_pid) runs the kiosk ($kiosk_pid) as showroom-kiosk"
kill "$kiosk_pid" "$cage_pid"
wait "$session_pid" 2> /dev/null || true

step "restart after kill -9, with backoff, and the watchdog (systemd)"
scripts/check-kiosk-restart.sh "$work" "$display" "$build"

step "the installed hub answers health through its unit's command line"
port=$((20000 + RANDOM % 20000))
echo "SALES_HUB_LISTEN=127.0.0.1:$port" >> /etc/sales-hub/sales-hub.env
hub_command=$(unit_value sales-hub.service ExecStart)
# Starts the hub as its unit would (settings from sales-hub.env), asks /v1/health, registers a
# kiosk and reads the CRM status through sales-hub-admin, and stops it.
check_hub() {
    KIOSK_AS_UNIT_COMMAND=(sh -c "exec $hub_command")
    as_unit sales-hub.service > "$work/hub.log" 2>&1 &
    hub_pid=$!
    pids+=("$hub_pid")
    rm -f "$work/health.json"
    for _ in $(seq 1 50); do
        curl -sf "http://127.0.0.1:$port/v1/health" > "$work/health.json" 2> /dev/null && break
        sleep 0.2
    done
    [ -s "$work/health.json" ] || { cat "$work/hub.log"; fail "no answer from the hub's health endpoint"; }
    echo "health: $(cat "$work/health.json"); $(grep -m1 'data in' "$work/hub.log")"
    hub_server=$(pgrep -u sales-hub -x sales-hub) || fail "no sales-hub process of the user sales-hub"
    token=$(sales-hub-admin register --device "kiosk-$1") || fail "sales-hub-admin register failed"
    [ -n "$token" ] || fail "sales-hub-admin register printed no token"
    sales-hub-admin crm-status > /dev/null || fail "sales-hub-admin crm-status failed"
    kill "$hub_server"
    wait "$hub_pid" 2> /dev/null || true
}
check_hub sqlite
[ "$(stat -c %a /var/lib/sales-hub)" = 700 ] || fail "/var/lib/sales-hub is not 0700"
[ -f /var/lib/sales-hub/hub.db ] || fail "the hub kept no hub.db in its data folder"
# Files the hub's user made anywhere it could write (its folder, and the world-writable ones).
outside=$(find /tmp /var /etc /run /dev/shm /home /root /opt /srv -xdev -path /var/lib/sales-hub -prune -o \
    -user sales-hub -print 2> /dev/null || true)
[ -z "$outside" ] || fail "the hub wrote outside its data folder: $outside"
notmine=$(find /var/lib/sales-hub ! -user sales-hub -print)
[ -z "$notmine" ] || fail "files in /var/lib/sales-hub not owned by sales-hub: $notmine"
# PostgreSQL by configuration, where CI runs a server (KIOSK_TEST_PG, scripts/start-test-postgres.sh).
if [ -n "${KIOSK_TEST_PG:-}" ]; then
    schema=package_check_$$
    printf 'SALES_HUB_DATABASE=%s\nSALES_HUB_PG_SCHEMA=%s\n' "$KIOSK_TEST_PG" "$schema" >> /etc/sales-hub/sales-hub.env
    check_hub postgresql
    grep -q 'data in postgresql' "$work/hub.log" || fail "the hub did not use PostgreSQL: $(head -n 3 "$work/hub.log")"
    sed -i '/^SALES_HUB_DATABASE=/d; /^SALES_HUB_PG_SCHEMA=/d' /etc/sales-hub/sales-hub.env
    runuser -u postgres -- psql -q -d "${KIOSK_TEST_PG##*/}" -c "DROP SCHEMA IF EXISTS $schema CASCADE" > /dev/null 2>&1 ||
        echo "check-packages: could not drop the schema $schema" >&2
else
    echo "KIOSK_TEST_PG is not set: the hub on PostgreSQL is not checked here"
fi
sed -i "/^SALES_HUB_LISTEN=127.0.0.1:$port\$/d" /etc/sales-hub/sales-hub.env

step "remove, then purge"
dpkg -r showroom-kiosk sales-hub showroom-content
for f in /usr/bin/kiosk /usr/bin/sales-hub /usr/share/showroom-kiosk /lib/systemd/system/showroom-kiosk.service; do
    [ ! -e "$f" ] || fail "$f is still there after remove"
done
[ -f /var/lib/showroom-kiosk/kiosk.db ] || fail "remove (not purge) must keep the kiosk's database"
[ -f /etc/showroom-kiosk/kiosk.env ] || fail "remove (not purge) must keep the settings"
dpkg --purge showroom-kiosk sales-hub   # showroom-content has no settings: remove took it all
for f in /var/lib/showroom-kiosk /var/lib/sales-hub /etc/showroom-kiosk /etc/sales-hub /etc/pam.d/showroom-kiosk; do
    [ ! -e "$f" ] || fail "$f is still there after purge"
done
left=$(find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked \
    -name 'showroom-kiosk*' -o -name 'sales-hub*' 2> /dev/null || true)
[ -z "$left" ] || fail "systemd state left after purge: $left"
if dpkg-query -W -f='${Status}\n' showroom-kiosk showroom-content sales-hub 2> /dev/null | grep -qv 'not-installed'; then
    fail "a package is still known to dpkg after purge: $(dpkg-query -W -f='${Package} ${Status}\n' showroom-kiosk showroom-content sales-hub 2>&1)"
fi
echo
echo "check-packages: all checks passed"
