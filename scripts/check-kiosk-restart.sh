#!/usr/bin/env bash
# check-kiosk-restart.sh WORK DISPLAY BUILD (from check-packages.sh, as root, packages installed):
# the installed kiosk unit's restart logic under a real systemd. This machine may be a container
# whose PID 1 is not systemd, so the check runs systemd as a user manager of showroom-kiosk, in a
# private mount namespace (where /run/systemd/system exists) and a cgroup delegated to that
# user. Into it go
#   - the installed showroom-kiosk.service with its service settings as installed (Restart=,
#     RestartSec=, ExecStartPre= backoff, environment, working folder, umask) and the command
#     cage would run, on the Xvfb DISPLAY: killed with kill -9 it must be back after RestartSec
#     plus the backoff's 2 s, killed again at once after RestartSec plus 4 s;
#   - the watchdog probe (the kiosk's Watchdog class in a frame loop that hangs after 2 s) with
#     Type=notify and WatchdogSec=1: systemd must detect the hang and restart it.
# Type=notify and WatchdogSec= of the kiosk unit itself apply once the kiosk's frame loop feeds
# the watchdog (KIOSK_CHECK_NOTIFY=1 keeps them for the kiosk too).
# Where no user manager can start here, says so and names the direct test of the same logic.
set -euo pipefail
work=$1 display=$2 build=$3
user=showroom-kiosk
unit=/lib/systemd/system/showroom-kiosk.service
sd=$work/systemd
rm -rf "$sd"   # no backoff state or units from an earlier run
mkdir -p "$sd/units" "$sd/xdg" "$sd/home"
chown "$user:" "$sd/xdg" "$sd/home"
chmod 700 "$sd/xdg"
cp "$build/tests/watchdog_probe" "$sd/watchdog_probe"
chmod 755 "$sd" "$sd/units" "$sd/watchdog_probe"

# The cgroup the manager may manage: v1 name=systemd plus the unified hierarchy, or pure v2.
cgroups=()
if [ -d /sys/fs/cgroup/systemd ]; then
    cgroups=("/sys/fs/cgroup/systemd/check-packages-$$")
    [ -d /sys/fs/cgroup/unified ] && cgroups+=("/sys/fs/cgroup/unified/check-packages-$$")
elif [ -f /sys/fs/cgroup/cgroup.procs ]; then
    cgroups=("/sys/fs/cgroup/check-packages-$$")
fi
not_run() {
    echo "check-kiosk-restart: NOT RUN under systemd here: $*" >&2
    echo "check-kiosk-restart: the same restart logic is tested directly by ctest 'packaging: restart backoff'," \
        "the watchdog by 'packaging: watchdog: ...' against a fake NOTIFY_SOCKET" >&2
    exit 0
}
[ "${#cgroups[@]}" -gt 0 ] || not_run "no cgroup file system"
for cg in "${cgroups[@]}"; do
    mkdir "$cg" 2> /dev/null || not_run "cannot create the cgroup $cg"
    chown -R "$user:" "$cg"
done
remove_cgroups() {
    sleep 0.5   # the killed processes leave their cgroups
    for cg in "${cgroups[@]}"; do find "$cg" -depth -type d -exec rmdir {} \; 2> /dev/null || true; done
    for cg in "${cgroups[@]}"; do [ ! -d "$cg" ] || echo "check-kiosk-restart: could not remove the cgroup $cg" >&2; done
}
trap remove_cgroups EXIT

# The kiosk unit as installed, keeping its service settings; what systemd's user mode cannot do
# (User=, PAM, tty, sandboxing, StateDirectory=) stays out: the manager already runs as the user.
# So does EnvironmentFile= (root's to read; check-packages.sh runs the kiosk with it elsewhere).
notify=${KIOSK_CHECK_NOTIFY:-0}
awk -v display="$display" -v notify="$notify" '
    /^\[Unit\]/ { print; print "DefaultDependencies=no"; next }
    /^\[Service\]/ { print; print "Environment=DISPLAY=" display " STATE_DIRECTORY=/var/lib/showroom-kiosk"; next }
    /^\[Install\]/ { exit }
    /^Type=/ { print (notify == "1" ? $0 : "Type=exec"); next }
    /^WatchdogSec=/ { if (notify == "1") print; next }
    /^ExecStart=/ { sub(/^ExecStart=\/usr\/bin\/cage -- /, "ExecStart="); print; next }
    /^(Description|StartLimitIntervalSec|Environment|RuntimeDirectory|RuntimeDirectoryPreserve|WorkingDirectory|UMask|ExecStartPre|Restart|RestartSec|TimeoutStartSec|NotifyAccess)=/ { print }
' "$unit" > "$sd/units/kiosk-under-test.service"
grep -q '^ExecStart=/usr/lib/showroom-kiosk/kiosk-session' "$sd/units/kiosk-under-test.service" ||
    { cat "$sd/units/kiosk-under-test.service"; echo "check-kiosk-restart: the kiosk unit's ExecStart is not cage with the session" >&2; exit 1; }
cat > "$sd/units/watchdog-probe.service" << EOF
[Unit]
DefaultDependencies=no
StartLimitIntervalSec=0
[Service]
Type=notify
WatchdogSec=1
Restart=always
RestartSec=1
ExecStart=$sd/watchdog_probe 2
EOF
for t in basic shutdown; do printf '[Unit]\nDescription=%s\n' "$t" > "$sd/units/$t.target"; done
printf '[Unit]\nDescription=default\n' > "$sd/units/default.target"

# Runs inside the namespace: the manager, then the checks through systemctl --user.
cat > "$sd/inside.sh" << 'INSIDE'
#!/usr/bin/env bash
set -euo pipefail
sd=$1 user=$2 display_check=$3; shift 3
mount -t tmpfs tmpfs /run/systemd
mkdir /run/systemd/system
for cg in "$@"; do echo $$ > "$cg/cgroup.procs"; done
as_user() { setpriv --reuid="$user" --regid="$user" --init-groups -- env XDG_RUNTIME_DIR="$sd/xdg" HOME="$sd/home" "$@"; }
sctl() { as_user systemctl --user "$@"; }
prop() { sctl show -p "$2" --value "$1"; }
SYSTEMD_UNIT_PATH=$sd/units SYSTEMD_LOG_TARGET=console as_user /lib/systemd/systemd --user > "$sd/manager.log" 2>&1 &
manager=$!
# The units are stopped by then; a user manager turns SIGTERM into exit.target, which this
# bare unit folder lacks, so it is ended outright, then anything left in its cgroup.
stop_manager() {
    kill -KILL "$manager" 2> /dev/null || true
    wait "$manager" 2> /dev/null || true
    local cg p
    for cg in "$@"; do echo $$ > "$(dirname "$cg")/cgroup.procs"; done   # this shell leaves the test cgroup
    for cg in "$@"; do
        for p in $(find "$cg" -name cgroup.procs -exec cat {} + 2> /dev/null); do kill -KILL "$p" 2> /dev/null || true; done
    done
}
trap 'stop_manager "$@"' EXIT
for _ in $(seq 1 50); do
    state=$(sctl is-system-running 2> /dev/null || true)
    [ "$state" = running ] || [ "$state" = degraded ] && break
    sleep 0.2
done
[ "$state" = running ] || [ "$state" = degraded ] || { cat "$sd/manager.log"; echo "NOTRUN the user manager did not start ($state)"; exit 3; }
echo "systemd $(as_user systemctl --version | head -n 1 | cut -d' ' -f2) user manager running"

now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
plus() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }
# Waits until the unit is active with a main process other than $2 and $3 restarts; prints the pid.
wait_back() {
    local unitname=$1 old=$2 restarts=$3 pid
    for _ in $(seq 1 300); do
        pid=$(prop "$unitname" MainPID)
        if [ "$(prop "$unitname" ActiveState)" = active ] && [ "$pid" != 0 ] && [ "$pid" != "$old" ] &&
            [ "$(prop "$unitname" NRestarts)" -ge "$restarts" ]; then echo "$pid"; return 0; fi
        sleep 0.1
    done
    return 1
}
failures=0
check_between() {  # name value low high
    if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }'; then echo "ok: $1: $2 s (expected $3 to $4 s)"
    else echo "FAIL: $1: $2 s (expected $3 to $4 s)" >&2; failures=$((failures + 1)); fi
}

kiosk=kiosk-under-test.service
restart_s=$(sed -n 's/^RestartSec=//p' "$sd/units/$kiosk")
sctl start "$kiosk"
pid=$(wait_back "$kiosk" 0 0) || { sctl status "$kiosk" || true; exit 1; }
[ "$(ps -o user= -p "$pid" | tr -d ' ')" = "$user" ] || { echo "FAIL: the kiosk does not run as $user" >&2; exit 1; }
[ "$(ps -o comm= -p "$pid")" = kiosk ] || { echo "FAIL: the unit's main process is $(ps -o comm= -p "$pid"), not the kiosk" >&2; exit 1; }
sleep 3
t=$(now); kill -9 "$pid"
pid=$(wait_back "$kiosk" "$pid" 1) || { sctl status "$kiosk" || true; exit 1; }
check_between "back after the first kill -9 (RestartSec + 2 s backoff)" "$(elapsed "$t")" "$(plus "$restart_s" 1.5)" "$(plus "$restart_s" 5)"
t=$(now); kill -9 "$pid"
pid=$(wait_back "$kiosk" "$pid" 2) || { sctl status "$kiosk" || true; exit 1; }
check_between "back after a second kill -9 at once (RestartSec + 4 s backoff)" "$(elapsed "$t")" "$(plus "$restart_s" 3.5)" "$(plus "$restart_s" 7)"
if ! $display_check; then echo "FAIL: the restarted kiosk did not draw the attract screen" >&2; failures=$((failures + 1)); fi
sctl stop "$kiosk"

probe=watchdog-probe.service
t=$(now)
sctl start "$probe"
first=$(wait_back "$probe" 0 0) || { sctl status "$probe" || true; exit 1; }
# Between the kill and the restart, systemd says why the run ended: Result=watchdog.
result=
for _ in $(seq 1 100); do
    result=$(prop "$probe" Result)
    [ "$result" = watchdog ] && break
    sleep 0.1
done
if [ "$result" = watchdog ]; then echo "ok: systemd ended the hung probe for its watchdog (Result=watchdog)"
else echo "FAIL: the hung probe did not end by the watchdog (Result=$result)" >&2; failures=$((failures + 1)); fi
wait_back "$probe" "$first" 1 > /dev/null || { sctl status "$probe" || true; echo "FAIL: the hung probe was not restarted" >&2; exit 1; }
check_between "a hung frame loop restarted (2 s fed + WatchdogSec 1 s + RestartSec 1 s)" "$(elapsed "$t")" 3.5 8
sctl stop "$probe"
[ "$failures" -eq 0 ]
INSIDE
chmod 755 "$sd/inside.sh"

# The attract screen check after the restarts, run from inside (the same X server).
cat > "$sd/attract.sh" << EOF
#!/bin/sh
for i in \$(seq 1 15); do sleep 2; perl "$PWD/scripts/check-attract-screen.pl" "$work/Xvfb_screen0" > /dev/null 2>&1 && exit 0; done
exit 1
EOF
chmod 755 "$sd/attract.sh"
set +e
unshare --mount --propagation private "$sd/inside.sh" "$sd" "$user" "$sd/attract.sh" "${cgroups[@]}"
rc=$?
set -e
[ "$rc" -ne 3 ] || not_run "the user manager did not start"
exit "$rc"
