#!/bin/sh
# Starts the release build for the browser tests on a fresh database.
#   start-server.sh sqlite PORT   a SQLite file in a new temp folder
#   start-server.sh postgres PORT a new database on the local PostgreSQL server
set -eu
engine=$1
port=$2
root=$(cd "$(dirname "$0")/.." && pwd)
case "$engine" in
  sqlite)
    dir=$(mktemp -d)
    url="sqlite://$dir/e2e.db"
    ;;
  postgres)
    name="gk_e2e_$(date +%s)_$$"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $name" >/dev/null
    url="postgres://postgres@127.0.0.1:5432/$name"
    ;;
  *) echo "unknown engine $engine" >&2; exit 2 ;;
esac
export DATABASE_URL="$url" GONGKAI_DEMO=1 LEPTOS_SITE_ROOT="$root/target/site" \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG="${RUST_LOG:-warn}"
exec "$root/target/release/gongkai"
