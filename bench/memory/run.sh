#!/usr/bin/env bash
# A silo's memory under a stream of new visitors: the Api on its embedded default (SQLite) with the heap capped as a
# container's limit would cap it, wrk sending a new visitor on every hit (each one activates a device and a contact
# grain), and every interval the hits/s, the process's resident memory, and how many sheddings the log reported.
# Without shedding the process runs out of memory; with it (the default) it keeps serving.
# Usage: bench/memory/run.sh [--heap-limit-mib 1024] [--intervals 10] [--seconds 10] [--shedding true|false]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
heap_mib=1024 intervals=10 seconds=10 shedding=true port=${MEMORY_BENCH_PORT:-5410}
while [ $# -gt 0 ]; do
    case "$1" in
        --heap-limit-mib) heap_mib=$2; shift 2 ;;
        --intervals) intervals=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --shedding) shedding=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d /tmp/memory-bench.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work/data"
    echo "log in $work/api.log"
}
trap cleanup EXIT

dotnet build -c Release -v q -nologo "$root/src/Api" >/dev/null
cat > "$work/new.lua" <<'LUA'
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
request = function()
  return wrk.format("GET", "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fpricing&page_title=Pricing")
end
LUA
DOTNET_GCHeapHardLimit=$(printf '0x%x' $((heap_mib * 1024 * 1024))) \
GrainCollection__EnableActivationSheddingOnMemoryPressure=$shedding \
Logging__LogLevel__Default=Warning Api__AdminPassword=bench-password \
Storage__DataDirectory="$work/data" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$root/src/Api/bin/Release/net10.0/Actors.Api.dll" > "$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/mtracking.gif" && break; sleep 0.2; done

echo "heap limit $heap_mib MiB, shedding $shedding, $intervals intervals of $seconds s, new visitor on every hit"
for interval in $(seq 1 "$intervals"); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "interval $interval: the service has exited"; break; fi
    rate=$(wrk -t2 -c256 -d"${seconds}s" -s "$work/new.lua" "http://127.0.0.1:$port" 2>&1 | awk '/Requests\/sec/ {print $2}')
    errors=$(grep -c "could not be recorded" "$work/api.log" || true)
    sheddings=$(grep -c "Memory use is" "$work/api.log" || true)
    rss=$(awk '/VmRSS/ {printf "%d MiB", $2/1024}' "/proc/$pid/status" 2>/dev/null || echo "exited")
    echo "interval $interval: ${rate:-0} hits/s, resident $rss, failed hits so far $errors, sheddings so far $sheddings"
done
