#!/usr/bin/env bash
# Installs PostgreSQL when missing and starts a throwaway server for the tests on
# 127.0.0.1:${IM_PG_PORT:-55432}, trust auth, data under ${IM_PG_DIR:-/tmp/im-ci-pg}.
# Prints the connection string on its last line. Safe to run twice.
set -euo pipefail

port="${IM_PG_PORT:-55432}"
dir="${IM_PG_DIR:-/tmp/im-ci-pg}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "[postgres] installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/bash postgres
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_postgres "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  mkdir -p "$dir"
  chown postgres "$dir" 2>/dev/null || true
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-instructions >/dev/null
  fi
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >&2
fi

as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'im_test'" | grep -q 1 \
  || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres im_test

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=im_test;Pooling=true"
