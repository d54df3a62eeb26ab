#!/usr/bin/env bash
# Start N app processes and nginx on loopback against PostgreSQL, the way docs/deploy.md runs an
# event, so the benchmarks can go through the proxy.
#
#   benchmarks/cluster.sh start [N]   # default 4 processes on 8081..8080+N, nginx on 8080
#   benchmarks/cluster.sh stop
#
# DATABASE_URL defaults to a database `stadtgespraech_cluster` on the local server (created and
# emptied on start). Needs Debian's nginx (installed when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${CLUSTER_DIR:-/tmp/stadtgespraech-cluster}
ADMIN_URL=${POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB_NAME=stadtgespraech_cluster
DATABASE_URL=${DATABASE_URL:-${ADMIN_URL%/*}/$DB_NAME}
PROXY_PORT=${PROXY_PORT:-8080}
PYTHON=${PYTHON:-python3}

stop() {
  if [ -f "$RUN/nginx.pid" ]; then nginx -c "$RUN/nginx.conf" -p "$RUN" -s quit 2>/dev/null || true; fi
  for pidfile in "$RUN"/app-*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo "cluster stopped"
}

start() {
  local n=${1:-4}
  command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
  mkdir -p "$RUN/logs"
  if [ -z "${KEEP_DATABASE:-}" ]; then
    psql "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"
  fi
  local secret; secret=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')
  local servers=""
  for i in $(seq 1 "$n"); do
    local port=$((8080 + i))
    DATABASE_URL=$DATABASE_URL PORT=$port HOST=127.0.0.1 STORAGE_SECRET=$secret \
      PUBLIC_URL=http://127.0.0.1:$PROXY_PORT DATA_DIR="$RUN/data" NICEGUI_STORAGE_PATH="$RUN/nicegui-$i" \
      "$PYTHON" main.py >"$RUN/logs/app-$i.log" 2>&1 &
    echo $! >"$RUN/app-$i.pid"
    servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  # the deployment's nginx.conf, with this run's ports and paths
  {
    echo "worker_processes 1; pid $RUN/nginx.pid; error_log $RUN/logs/nginx-error.log;"
    echo "events { worker_connections 16384; }"
    echo "http { access_log off;"
    sed -e '/^upstream stadtgespraech {/,/^}/c\upstream stadtgespraech {\n    hash $sg_route consistent;\n'"${servers//$'\n'/\\n}"'    keepalive 64;\n}' \
        -e "s/listen 80;/listen 127.0.0.1:$PROXY_PORT;/" -e '/listen \[::\]:80;/d' deploy/nginx.conf
    echo "}"
  } >"$RUN/nginx.conf"
  for i in $(seq 1 "$n"); do
    for _ in $(seq 1 300); do
      curl -fs "http://127.0.0.1:$((8080 + i))/healthz" >/dev/null && break
      sleep 0.1
    done
  done
  nginx -c "$RUN/nginx.conf" -p "$RUN"
  curl -fs "http://127.0.0.1:$PROXY_PORT/healthz" >/dev/null
  echo "cluster: $n processes behind nginx on http://127.0.0.1:$PROXY_PORT (database $DATABASE_URL)"
}

case "${1:-}" in
  start) start "${2:-4}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [N] | stop" >&2; exit 2 ;;
esac
