#!/bin/sh
# Starts the release build for the browser tests on a fresh database.
#   start-server.sh sqlite PORT         a SQLite file in a new temp folder
#   start-server.sh postgres PORT       a new database on the local PostgreSQL server
#   start-server.sh ENGINE PORT empty   no demo data: only a first administrator,
#                                       made with the CLI as the sign-in page tells a
#                                       new bureau to (first-run.spec.ts builds the rest)
set -eu
engine=$1
port=$2
mode=${3:-demo}
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
# The whole suite submits from one address (127.0.0.1), more than a citizen's
# hourly allowance (30); the limit itself is tested in tests/ (services, consult,
# requests, hardening).
export DATABASE_URL="$url" LEPTOS_SITE_ROOT="$root/target/site" \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG="${RUST_LOG:-warn}" \
  GONGKAI_SUBMISSIONS_PER_HOUR=300
case "$mode" in
  demo)
    # Notices by SMS go to end2end/sms-stub.mjs (started by Playwright).
    export GONGKAI_DEMO=1 GONGKAI_PUBLIC_URL="http://127.0.0.1:$port" \
      GONGKAI_SMS_URL='http://127.0.0.1:3995/send?mobile={mobile}&text={text}' GONGKAI_SMS_OK=OK
    ;;
  empty)
    printf 'Chuang-Jian-2026!\n' |
      "$root/target/release/gongkai" user add chuangjian --display-name 创建者 --role admin >/dev/null
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
exec "$root/target/release/gongkai"
