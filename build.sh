#!/usr/bin/env bash
# Build entry point. `./build.sh test` provisions what the tests need (a local PostgreSQL server, a private Redis
# server for the run, Debian's Chromium), runs every test project of Actors.sln and ends with exactly one line:
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

readonly RESULTS_DIR="artifacts/test-results"
readonly PG_ROLE="actors" PG_PASSWORD="actors" PG_DATABASE="actors_test"
readonly REDIS_PORT=6390
export DEBIAN_FRONTEND=noninteractive DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo -n "$@"; fi; }
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

# The newest PostgreSQL major version whose server binaries are installed, or nothing.
installed_pg_version() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V -r); do
    basename "$(dirname "$(dirname "$dir")")"
    return
  done
}

# apt-get update runs at most once per build, and only when a package has to be installed.
apt_updated=false
apt_install() {
  if [[ "$apt_updated" == false ]]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_postgres() {
  if command -v pg_ctlcluster >/dev/null && [[ -n "$(installed_pg_version)" ]]; then
    return
  fi
  echo "Installing PostgreSQL from Debian packages..."
  apt_install postgresql
}

# Browser.Tests drive Debian's Chromium through Playwright, which cannot download a browser on these machines.
install_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  echo "Installing Chromium from Debian packages..."
  apt_install chromium fonts-liberation # a recommend, and screenshots need some font
}

# Creates the "main" cluster if the package did not, starts it if it is down; prints its port.
start_postgres() {
  local version="$1" status
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    as_root pg_createcluster "$version" main --start >&2
  fi
  status="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')"
  if [[ "$status" != online* ]]; then
    as_root pg_ctlcluster "$version" main start >&2
  fi
  local port
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  echo "$port"
}

# Test classes run in parallel, each with its own pools and some with a hundred fresh connections at once (the event
# log's visibility test); Debian's default of 100 connections is too few for the suite while a second one runs.
readonly PG_MAX_CONNECTIONS=300
raise_connection_limit() {
  local version="$1" port="$2"
  if (( $(as_postgres psql -p "$port" -tAc "SHOW max_connections" </dev/null) >= PG_MAX_CONNECTIONS )); then
    return
  fi
  as_postgres psql -q -p "$port" -c "ALTER SYSTEM SET max_connections = $PG_MAX_CONNECTIONS" </dev/null
  as_root pg_ctlcluster "$version" main restart >&2
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && return
    sleep 1
  done
}

create_test_database() {
  local port="$1"
  as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD';
      END IF;
    END \$\$;" </dev/null
  if [[ -z "$(as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" </dev/null)" ]]; then
    as_postgres createdb -p "$port" -O "$PG_ROLE" "$PG_DATABASE"
  fi
}

provision_postgres() {
  if [[ -n "${ACTORS_TEST_POSTGRES:-}" ]]; then
    echo "Using the PostgreSQL server named by ACTORS_TEST_POSTGRES."
    return
  fi
  install_postgres
  local port
  local version
  version="$(installed_pg_version)"
  port="$(start_postgres "$version")"
  raise_connection_limit "$version" "$port"
  create_test_database "$port"
  export ACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$PG_DATABASE"
}

install_redis() {
  if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
    return
  fi
  echo "Installing Redis from Debian packages..."
  apt_install redis-server
}

# A private Redis for this run: its own port and folder, nothing persisted, stopped when the script exits.
# The Debian package's own service (port 6379) is left alone; tests never share it with anything else.
redis_dir=""
redis_pid=""
stop_redis() {
  if [[ -n "$redis_pid" ]]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [[ -n "$redis_dir" ]]; then
    rm -rf "$redis_dir"
  fi
}

start_redis() {
  redis_dir="$(mktemp -d -t actors-redis.XXXXXX)"
  trap stop_redis EXIT
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$redis_dir" --save "" --appendonly no \
    --logfile "$redis_dir/redis.log" </dev/null &
  redis_pid=$!
  for _ in $(seq 1 30); do
    if ! kill -0 "$redis_pid" 2>/dev/null; then
      echo "redis-server did not start on port $REDIS_PORT:" >&2
      cat "$redis_dir/redis.log" >&2
      exit 1
    fi
    # Our process must be the one answering: another server already on the port would pass a plain PING.
    redis-cli -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' | grep -qx "process_id:$redis_pid" && return
    sleep 1
  done
  echo "redis-server on port $REDIS_PORT did not answer PING within 30 s." >&2
  exit 1
}

provision_redis() {
  if [[ -n "${ACTORS_TEST_REDIS:-}" ]]; then
    echo "Using the Redis server named by ACTORS_TEST_REDIS."
    return
  fi
  install_redis
  start_redis
  export ACTORS_TEST_REDIS="127.0.0.1:$REDIS_PORT"
}

# Sums the <Counters> of every TRX file; a failed run with no failed test (a build error) counts as one failure.
summarize() {
  local run_status="$1"
  python3 - "$RESULTS_DIR" "$run_status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
results_dir, run_status = sys.argv[1], int(sys.argv[2])
passed = failed = 0
for path in glob.glob(f"{results_dir}/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        failed += 1
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
if run_status != 0 and failed == 0:
    failed = 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
}

run_tests() {
  provision_postgres
  provision_redis
  install_chromium
  rm -rf "$RESULTS_DIR"
  local status=0
  # LogFilePrefix makes each test project write its own timestamped TRX (the logger picks the first free name);
  # a fixed LogFileName would be overwritten by every project of the solution.
  # A test that hangs is stopped after ten minutes and counted as failed, naming itself, instead of holding the run.
  dotnet test Actors.sln --logger "trx;LogFilePrefix=tests" --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout 10m --blame-hang-dump-type none </dev/null || status=$?
  summarize "$status"
}

case "${1:-}" in
  test) run_tests ;;
  *) echo "usage: $0 test" >&2; exit 2 ;;
esac
