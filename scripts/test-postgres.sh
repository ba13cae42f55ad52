#!/usr/bin/env bash
# Throwaway PostgreSQL server for the Stockroom test suite (the *IT classes).
#
#   scripts/test-postgres.sh start    start a fresh server on 127.0.0.1:$STOCKROOM_TEST_PG_PORT (default 54329),
#                                     create role/database, print "export STOCKROOM_TEST_PG_URL='…'" on stdout
#   scripts/test-postgres.sh stop     stop that server and delete its data directory
#   scripts/test-postgres.sh status   say whether it is running
#
# Typical use:   eval "$(scripts/test-postgres.sh start)" && ./stockroom test; scripts/test-postgres.sh stop
#
# Every start initdb's a new data directory /tmp/stockroom-pg-XXXXXX (owned by the "postgres" OS user when run
# as root, since PostgreSQL refuses to run as root). Its path goes to a state file so "stop" can find it.
# "start" first stops whatever an earlier run left behind on the same port, so it can be run repeatedly.
# Only stdout carries the export line; all progress and errors go to stderr.
#
# Environment:
#   STOCKROOM_TEST_PG_PORT   TCP port (default 54329)
#   STOCKROOM_TEST_PG_STATE  state file (default /tmp/stockroom-test-pg-<port>.state)
#   STOCKROOM_PG_BIN         directory with initdb/pg_ctl/postgres/psql (default: newest /usr/lib/postgresql/*/bin)
set -euo pipefail

PORT="${STOCKROOM_TEST_PG_PORT:-54329}"
STATE="${STOCKROOM_TEST_PG_STATE:-/tmp/stockroom-test-pg-${PORT}.state}"
PG_USER=stockroom
PG_PASSWORD=stockroom
PG_DB=stockroom_test
SOCKET_DIR=/tmp
DIR_PREFIX=/tmp/stockroom-pg-

log() { printf 'test-postgres: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case "$PORT" in
  ''|*[!0-9]*) die "STOCKROOM_TEST_PG_PORT must be a port number, got '$PORT'" ;;
esac
if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then die "STOCKROOM_TEST_PG_PORT out of range: $PORT"; fi

is_root() { [ "$(id -u)" -eq 0 ]; }

# --- locating (or installing) the server binaries ------------------------------------------------

newest_pg_bin() {
  local d best=""
  # version directories sort naturally (9.6 < 13 < 15 < 16)
  while IFS= read -r d; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && [ -x "$d/psql" ]; then best="$d"; fi
  done < <(for d in /usr/lib/postgresql/*/bin; do [ -d "$d" ] && printf '%s\n' "$d"; done | sort -V)
  [ -n "$best" ] && printf '%s\n' "$best"
}

find_pg_bin() {
  if [ -n "${STOCKROOM_PG_BIN:-}" ]; then
    if [ ! -x "$STOCKROOM_PG_BIN/initdb" ] || [ ! -x "$STOCKROOM_PG_BIN/pg_ctl" ] || [ ! -x "$STOCKROOM_PG_BIN/psql" ]; then
      die "STOCKROOM_PG_BIN=$STOCKROOM_PG_BIN does not contain initdb, pg_ctl and psql"
    fi
    PG_BIN="$STOCKROOM_PG_BIN"; return
  fi
  if PG_BIN=$(newest_pg_bin); then return; fi
  if ! is_root; then
    die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin. Install them (Debian/Ubuntu: sudo apt-get install postgresql) or set STOCKROOM_PG_BIN to a directory containing initdb, pg_ctl and psql."
  fi
  command -v apt-get >/dev/null || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin and no apt-get to install them"
  log "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin; installing the Debian 'postgresql' package (apt-get update && apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || die "apt-get update failed"
  apt-get install -y -q -o Dpkg::Options::=--force-confold postgresql >&2 || die "apt-get install postgresql failed"
  PG_BIN=$(newest_pg_bin) || die "installed package 'postgresql' but still found no binaries under /usr/lib/postgresql/*/bin"
}

# --- running things as the server's OS user -------------------------------------------------------

ensure_postgres_user() {
  is_root || return 0
  if ! getent passwd postgres >/dev/null; then
    log "creating system user 'postgres' to own the throwaway server (PostgreSQL will not run as root)"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /bin/sh postgres \
      || die "could not create the 'postgres' OS user"
  fi
}

# run "$@" as OWNER (a user name) when we are root, else as ourselves; always from a directory everyone can read
run_as() {
  local owner="$1"; shift
  if is_root && [ "$owner" != root ]; then
    (cd /tmp && runuser -u "$owner" -- "$@")
  else
    (cd /tmp && "$@")
  fi
}

# --- finding and stopping earlier servers ---------------------------------------------------------

port_in_use() {
  # a successful TCP connect means something listens there
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null
}

# is PID a live (not zombie) postgres process?
pid_is_live_postgres() {
  local pid="$1" state
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed -n 's/^.*) \([A-Za-z]\).*$/\1/p' "/proc/$pid/stat" 2>/dev/null || true)
  case "$state" in Z|X|x|'') return 1 ;; esac
  [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = postgres ]
}

# is PID a live postgres process whose data directory is DATA?
pid_is_our_postmaster() {
  local pid="$1" data="$2" cwd cmd
  pid_is_live_postgres "$pid" || return 1
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)          # the postmaster chdir()s into its data dir
  [ "$cwd" = "$data" ] && return 0
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  case "$cmd" in *postgres*"$data"*) return 0 ;; esac
  return 1
}

# stop the server (if any) of a /tmp/stockroom-pg-* directory and delete the directory
stop_dir() {
  local dir="$1" data pid owner
  case "$dir" in
    "$DIR_PREFIX"*) ;;
    *) log "ignoring unexpected directory '$dir' (not $DIR_PREFIX*)"; return 0 ;;
  esac
  [ -d "$dir" ] || return 0
  data="$dir/data"
  if [ -f "$data/postmaster.pid" ]; then
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    if pid_is_our_postmaster "$pid" "$data"; then
      owner=$(stat -c %U "$data")
      log "stopping PostgreSQL (pid $pid) in $dir"
      if ! run_as "$owner" "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2; then
        log "pg_ctl stop failed; sending SIGQUIT/SIGKILL to $pid"
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do pid_is_live_postgres "$pid" || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    else
      log "stale postmaster.pid in $dir (pid ${pid:-?} is not its server); discarding"
    fi
  fi
  rm -rf -- "$dir"
}

# stop everything an earlier run on this port may have left: the state file's directory, plus any
# /tmp/stockroom-pg-* directory marked with this port (e.g. when the state file was lost)
stop_existing() {
  local dir found=1
  if [ -f "$STATE" ]; then
    dir=$(head -n 1 "$STATE" || true)
    if [ -n "$dir" ] && [ -d "$dir" ]; then stop_dir "$dir"; found=0; fi
    rm -f -- "$STATE"
  fi
  for dir in "$DIR_PREFIX"*; do
    [ -d "$dir" ] || continue
    if [ "$(cat "$dir/port" 2>/dev/null || true)" = "$PORT" ] \
       || grep -qx "$PORT" <(sed -n 4p "$dir/data/postmaster.pid" 2>/dev/null || true); then
      stop_dir "$dir"; found=0
    fi
  done
  # a socket lock file whose owner is gone would make the next postmaster refuse to start
  local lock="$SOCKET_DIR/.s.PGSQL.$PORT.lock" lpid
  if [ -f "$lock" ]; then
    lpid=$(head -n 1 "$lock" 2>/dev/null || true)
    if ! pid_is_live_postgres "$lpid"; then
      log "removing stale socket lock $lock"
      rm -f -- "$lock" "$SOCKET_DIR/.s.PGSQL.$PORT" || true
    fi
  fi
  return $found
}

# --- commands -------------------------------------------------------------------------------------

# EXIT trap while "start" runs: on failure show the server log and remove the half-made server
START_DIR=""
cleanup_failed_start() {
  local rc=$?
  [ "$rc" -ne 0 ] && [ -n "$START_DIR" ] || return 0
  if [ -s "$START_DIR/postgres.log" ]; then
    log "server log ($START_DIR/postgres.log):"; tail -n 30 "$START_DIR/postgres.log" >&2
  fi
  stop_dir "$START_DIR" || true
  rm -f -- "$STATE"
  return "$rc"
}

url() { printf 'jdbc:postgresql://127.0.0.1:%s/%s?user=%s&password=%s' "$PORT" "$PG_DB" "$PG_USER" "$PG_PASSWORD"; }

cmd_start() {
  find_pg_bin
  ensure_postgres_user
  local version owner tmp data
  version=$("$PG_BIN/postgres" --version 2>/dev/null || echo "PostgreSQL in $PG_BIN")
  if stop_existing; then log "cleaned up what a previous run left on port $PORT"; fi
  if port_in_use; then
    die "port $PORT on 127.0.0.1 is in use by something this script did not start; stop it or set STOCKROOM_TEST_PG_PORT"
  fi

  owner=$(id -un); is_root && owner=postgres
  tmp=$(mktemp -d "${DIR_PREFIX}XXXXXX")
  data="$tmp/data"
  printf '%s\n' "$PORT" >"$tmp/port"
  printf '%s\n' "$tmp" >"$STATE"
  is_root && chown -R postgres: "$tmp"
  # from here on, a failure leaves nothing behind
  START_DIR="$tmp"
  trap cleanup_failed_start EXIT

  log "initdb ($version) into $data as OS user $owner"
  run_as "$owner" "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }

  log "starting PostgreSQL on 127.0.0.1:$PORT"
  run_as "$owner" "$PG_BIN/pg_ctl" -D "$data" -l "$tmp/postgres.log" \
    -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=on" -w -t 60 start >&2 \
    || die "pg_ctl start failed"

  run_as "$owner" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres \
    -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'" \
    -c "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8'" >&2 \
    || die "could not create role $PG_USER / database $PG_DB"

  # prove the URL's credentials work over TCP, exactly as the tests will connect
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PORT" -U "$PG_USER" \
    -d "$PG_DB" -c 'select 1' >/dev/null || die "cannot log in as $PG_USER over TCP on 127.0.0.1:$PORT"

  trap - EXIT
  log "ready: database $PG_DB, user $PG_USER on 127.0.0.1:$PORT (data dir $tmp; stop with: $0 stop)"
  printf "export STOCKROOM_TEST_PG_URL='%s'\n" "$(url)"
}

cmd_stop() {
  PG_BIN=$(newest_pg_bin || true)
  [ -n "${STOCKROOM_PG_BIN:-}" ] && PG_BIN="$STOCKROOM_PG_BIN"
  if [ -z "$PG_BIN" ]; then
    # without pg_ctl we can still clean up; stop_dir falls back to signals
    PG_BIN=/nonexistent
  fi
  if stop_existing; then log "stopped and removed the test server on port $PORT"
  else log "no test server recorded for port $PORT; nothing to stop"; fi
}

cmd_status() {
  local dir
  dir=$(head -n 1 "$STATE" 2>/dev/null || true)
  if [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ] \
     && pid_is_our_postmaster "$(head -n 1 "$dir/data/postmaster.pid")" "$dir/data"; then
    log "running on 127.0.0.1:$PORT (data dir $dir)"
    printf "export STOCKROOM_TEST_PG_URL='%s'\n" "$(url)"
  else
    log "not running (port $PORT)"; return 1
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status   (port: STOCKROOM_TEST_PG_PORT, default 54329)" >&2; exit 2 ;;
esac
