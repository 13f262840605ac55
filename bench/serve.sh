#!/usr/bin/env bash
# Serving benchmark: requests/s and latency of public pages from the portal
# (page cache off = every request rendered, "cold"; on = "warm"), against
# nginx (one worker) serving the very same bytes, in the same run.
# Prints figures; asserts nothing.
#
#   .ci/setup --with-bench                          # wrk and nginx-light
#   cargo leptos build --release --precompress      # the portal to measure
#   bench/serve.sh                                  # 64 connections, 5 s a page
#   CONNECTIONS=16 SECONDS_EACH=10 bench/serve.sh

set -euo pipefail
cd "$(dirname "$0")/.."

connections="${CONNECTIONS:-64}"
seconds="${SECONDS_EACH:-5}"
port=3198
nginx_port=3199
binary=target/release/gongkai
for tool in wrk /usr/sbin/nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool: run .ci/setup --with-bench" >&2; exit 2; }
done
[ -x "$binary" ] && [ -d target/site/pkg ] || {
  echo "missing the release build: run cargo leptos build --release --precompress" >&2
  exit 2
}

work="$(mktemp -d)"
chmod 755 "$work"
portal_pid=""
nginx_pid=""
cleanup() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The pages: path on the portal, and the file nginx serves them from.
pages=(
  "/|home.html"
  "/articles/1|article.html"
  "/registers/licences|register.html"
  "/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80|search.html"
)

start_portal() { # $1: page cache MB
  GONGKAI_PAGE_CACHE_MB="$1" GONGKAI_DEMO=1 RUST_LOG=warn \
    DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ROOT=target/site \
    LEPTOS_SITE_ADDR="127.0.0.1:$port" "$binary" serve >"$work/portal.log" 2>&1 &
  portal_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the portal did not start:" >&2
  cat "$work/portal.log" >&2
  exit 1
}

stop_portal() {
  kill "$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true
  portal_pid=""
}

# wrk's figures for a URL: requests/s, p50 ms, p99 ms.
measure() {
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" >"$work/wrk.txt" 2>&1
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v
    }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.1f %.1f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }
  ' "$work/wrk.txt"
}

mkdir -p "$work/html"
start_portal 64
for entry in "${pages[@]}"; do
  path="${entry%%|*}"; file="${entry##*|}"
  curl -fsS "http://127.0.0.1:$port$path" -o "$work/html/$file"
done

cat >"$work/nginx.conf" <<EOF
worker_processes 1;
error_log $work/nginx-error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/html;
  }
}
EOF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_pid=$!
sleep 0.5

printf '\n%s connections, %s s a page, wrk -t2 (this machine: %s cores)\n\n' "$connections" "$seconds" "$(nproc)"
printf '%-28s %10s %8s %8s | %10s %8s | %6s\n' "page (bytes)" "req/s" "p50 ms" "p99 ms" "nginx r/s" "p99 ms" "ratio"

report() { # $1 label, $2 path, $3 file
  read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$port$2")
  read -r nrps _ np99 _ < <(measure "http://127.0.0.1:$nginx_port/$3")
  local size
  size=$(stat -c %s "$work/html/$3")
  printf '%-28s %10s %8s %8s | %10s %8s | %6.2f%s\n' "$1 ($size)" "$rps" "$p50" "$p99" "$nrps" "$np99" \
    "$(awk -v a="$rps" -v b="$nrps" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
    "$([ "$bad" != 0 ] && echo "  ($bad non-2xx)")"
}

echo "-- warm: page cache on"
for entry in "${pages[@]}"; do
  path="${entry%%|*}"; file="${entry##*|}"
  report "$path" "$path" "$file"
done
curl -fsS "http://127.0.0.1:$port/healthz"; echo
stop_portal

echo "-- cold: page cache off (every request rendered)"
start_portal 0
for entry in "${pages[@]}"; do
  path="${entry%%|*}"; file="${entry##*|}"
  report "$path" "$path" "$file"
done
