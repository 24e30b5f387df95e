#!/usr/bin/env bash
# Failover of a real cluster: 3 silo processes (PostgreSQL storage, Redis membership) and 1 Api process in client
# mode on loopback, pixel load through the Api, one silo killed with SIGKILL mid-load (bench/Cluster.Failover).
# Needs ACTORS_TEST_POSTGRES (a database the script may create a schema in) and redis-server on the PATH.
# Usage: bench/cluster/run.sh [--visitors N] [--emails N] [--before-kill S] [--after-kill S]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
postgres=${ACTORS_TEST_POSTGRES:?set ACTORS_TEST_POSTGRES to an Npgsql connection string}
redis_port=${FAILOVER_REDIS_PORT:-6394}
api_port=${FAILOVER_API_PORT:-5390}
http_ports=(5391 5392 5393)
silo_ports=(11391 11392 11393)
# Membership times of a production cluster scaled down (probe 1 s instead of 5 s), so a run takes seconds.
probe_timeout=${FAILOVER_PROBE_TIMEOUT:-00:00:01}
work=$(mktemp -d /tmp/cluster-failover.XXXXXX)
schema="failover_$(date +%s)"
pids=()

psql_url() { # the Npgsql string as libpq keywords, for psql
    echo "$postgres" | tr ';' '\n' | sed -E 's/^Host=/host=/I;s/^Port=/port=/I;s/^Username=/user=/I;s/^Password=/password=/I;s/^Database=/dbname=/I' | tr '\n' ' '
}

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    psql "$(psql_url)" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    echo "logs in $work"
}
trap cleanup EXIT

echo "building Release"
dotnet build -c Release -v q -nologo "$root/src/Silo" >/dev/null
dotnet build -c Release -v q -nologo "$root/src/Api" >/dev/null
dotnet build -c Release -v q -nologo "$root/bench/Cluster.Failover" >/dev/null

mkdir -p "$work/redis"
redis-server --port "$redis_port" --save '' --appendonly no --daemonize yes --dir "$work/redis" >/dev/null
psql "$(psql_url)" -q -c "CREATE SCHEMA $schema"
# Four processes share the server's 100 connections (with other users): each gets a pool of 20.
storage="$postgres;Search Path=$schema;Maximum Pool Size=20"
redis="127.0.0.1:$redis_port"

common=(
    --Storage:Provider=PostgreSql "--Storage:ConnectionString=$storage"
    --Cluster:ClusterId=failover --Cluster:AdvertisedHost=127.0.0.1
    --Cluster:Membership:Provider=Redis "--Cluster:Membership:ConnectionString=$redis"
    "--ClusterMembership:ProbeTimeout=$probe_timeout"
    --ClusterMembership:IAmAliveTablePublishTimeout=00:00:05
    --ClusterMembership:TableRefreshTimeout=00:00:05
    --Logging:LogLevel:Default=Warning
)

wait_ready() { # url, name
    for _ in $(seq 1 300); do
        curl -fs "$1/readyz" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "$2 did not become ready; see $work" >&2
    exit 1
}

for i in 0 1 2; do
    dotnet "$root/src/Silo/bin/Release/net10.0/Actors.Silo.dll" "${common[@]}" \
        --urls "http://127.0.0.1:${http_ports[$i]}" --Cluster:SiloPort="${silo_ports[$i]}" \
        >"$work/silo$i.log" 2>&1 &
    pids+=($!)
    # One at a time: the first creates the schema, the others join an existing cluster.
    wait_ready "http://127.0.0.1:${http_ports[$i]}" "silo $i"
done

(cd "$root/src/Api" && exec dotnet "bin/Release/net10.0/Actors.Api.dll" "${common[@]}" \
    --Cluster:Mode=Client --urls "http://127.0.0.1:$api_port" --Api:AdminPassword=failover-bench) \
    >"$work/api.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$api_port" "api"

echo "3 silos and the api are ready; driving load, then killing silo 1 (pid ${pids[1]})"
dotnet "$root/bench/Cluster.Failover/bin/Release/net10.0/Actors.Cluster.Failover.dll" \
    --api "http://127.0.0.1:$api_port" --victim-pid "${pids[1]}" --victim-silo-port "${silo_ports[1]}" \
    --storage "$storage" --redis "$redis" --cluster-id failover --admin-password failover-bench "$@"
