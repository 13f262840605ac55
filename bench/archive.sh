#!/usr/bin/env bash
# 两馆报送 benchmark: how long `gongkai archive export` takes for a year of
# generated items (with the demo data set, so attachments and 图解 are in
# it), how large the package is, and that it verifies (sha256sum -c on its
# BagIt manifest). SQLite, and PostgreSQL when PG_URL is set.
# Prints figures; asserts nothing.
#
#   cargo leptos build --release --precompress      # the binary to measure
#   bench/archive.sh                                # 20,000 items
#   ITEMS=100000 PG_URL=postgres://postgres@127.0.0.1:5432/postgres bench/archive.sh

set -euo pipefail
cd "$(dirname "$0")/.."

items="${ITEMS:-20000}"
binary="$PWD/target/release/gongkai"
[ -x "$binary" ] || { echo "missing the release build: run cargo leptos build --release --precompress" >&2; exit 2; }
for tool in unzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() {
  local name="$1" url="$2"
  export DATABASE_URL="$url" RUST_LOG=warn
  # The demo data is loaded on the first start; the generator adds the rest.
  GONGKAI_DEMO=1 LEPTOS_SITE_ADDR=127.0.0.1:3197 timeout 20 "$binary" serve >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null http://127.0.0.1:3197/healthz && break
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$binary" generate --count "$items" --registers 0 >/dev/null 2>&1
  local out="$work/$name.zip"
  local started ended
  started=$(date +%s.%N)
  "$binary" archive export --from 2000-01-01 --out "$out" 2>/dev/null >"$work/$name.txt"
  ended=$(date +%s.%N)
  local count bytes seconds
  count=$(sed -n 's/.*信息\([0-9]*\)条.*/\1/p' "$work/$name.txt" | head -1)
  bytes=$(stat -c %s "$out")
  seconds=$(echo "$ended - $started" | bc -l)
  mkdir -p "$work/$name"
  (cd "$work/$name" && unzip -q "$out" && cd ./*/ && sha256sum -c --quiet manifest-sha256.txt && sha256sum -c --quiet tagmanifest-sha256.txt) \
    && verified="verifies" || verified="DOES NOT VERIFY"
  printf '%-10s %8s items  %7.1f s  %7.0f items/s  %8.1f MB  manifest %s\n' \
    "$name" "$count" "$seconds" "$(echo "$count / $seconds" | bc -l)" "$(echo "$bytes / 1048576" | bc -l)" "$verified"
}

echo "gongkai archive export, ${items} generated items plus the demo data set:"
measure sqlite "sqlite://$work/bench.db"
if [ -n "${PG_URL:-}" ]; then
  db="gongkai_archive_bench_$$"
  psql "$PG_URL" -qc "CREATE DATABASE $db" >/dev/null
  measure postgres "${PG_URL%/*}/$db"
  psql "$PG_URL" -qc "DROP DATABASE $db" >/dev/null
fi
