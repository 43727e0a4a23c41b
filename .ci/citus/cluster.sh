#!/usr/bin/env bash
# Throwaway Citus cluster for pgpart's Citus tests: one coordinator and two workers on the machine's
# PostgreSQL 15 binaries. Citus is AGPL-3.0: it is built here only to test against, never shipped.
#
#   cluster.sh build   builds Citus from the tarball once per machine (cached by the tarball's hash)
#   cluster.sh start   starts the three nodes (idempotent) and prints the coordinator port
#   cluster.sh stop    stops the nodes and removes their data directories (idempotent)
#   cluster.sh ports   prints "coordinator worker1 worker2" of the running cluster
#
# Environment: PGPART_CITUS_TARBALL (default ../shared/citus/citus-13.2.2.tar.gz beside the repository),
# PGPART_CITUS_DIR (data directories and state, default /tmp/pgpart-citus),
# PGPART_CITUS_PORT (coordinator port, workers use the next two; default: picked free in 54900-55899).
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
[ -x "$PG_CONFIG" ] || PG_CONFIG=$(command -v pg_config || true)
# the project's shared folder sits beside the repository root (../shared), wherever the checkout is
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
default_tarball() {
  local f
  for f in "$REPO_ROOT/../shared/citus/citus-13.2.2.tar.gz" /work/shared/citus/citus-13.2.2.tar.gz; do
    [ -f "$f" ] && { echo "$f"; return; }
  done
  echo "$REPO_ROOT/../shared/citus/citus-13.2.2.tar.gz"
}
TARBALL=${PGPART_CITUS_TARBALL:-$(default_tarball)}
DIR=${PGPART_CITUS_DIR:-/tmp/pgpart-citus}
CACHE_ROOT=/var/cache/pgpart-citus

say() { echo "cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

hash_of_tarball() { sha256sum "$TARBALL" | cut -c1-16; }

installed_matches_cache() {
  local cache=$1 lib
  lib=$("$PG_CONFIG" --pkglibdir)
  [ -f "$cache/done" ] && [ -f "$lib/citus.so" ] && cmp -s "$cache/stage$lib/citus.so" "$lib/citus.so"
}

install_build_deps() {
  command -v apt-get >/dev/null || die "no apt-get: cannot install Citus build dependencies"
  local server_version
  server_version=$(dpkg-query -W -f='${Version}' postgresql-15) || die "postgresql-15 is not installed"
  say "installing build dependencies (postgresql-server-dev-15=$server_version pinned)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "postgresql-server-dev-15=$server_version" autoconf flex libcurl4-openssl-dev libicu-dev \
    libkrb5-dev liblz4-dev libpam0g-dev libreadline-dev libselinux1-dev libssl-dev libxslt1-dev \
    libzstd-dev make uuid-dev gcc >/dev/null \
  || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "postgresql-server-dev-15=$server_version" autoconf flex libcurl4-openssl-dev libicu-dev \
    libkrb5-dev liblz4-dev libpam0g-dev libreadline-dev libselinux1-dev libssl-dev libxslt1-dev \
    libzstd-dev make uuid-dev gcc >/dev/null; } \
  || die "apt-get could not install the build dependencies"
}

build() {
  [ -f "$TARBALL" ] || die "Citus source not found: $TARBALL"
  [ -n "$PG_CONFIG" ] && [ -x "$PGBIN/postgres" ] || die "PostgreSQL 15 server binaries not found in $PGBIN"
  local cache="$CACHE_ROOT/$(hash_of_tarball)"
  if installed_matches_cache "$cache"; then say "Citus already installed (cache $cache)"; return; fi
  if [ ! -f "$cache/done" ]; then
    [ "$(id -u)" = 0 ] || die "building Citus needs root (apt-get and make install into PostgreSQL's directories)"
    install_build_deps
    local src; src=$(mktemp -d)
    tar -xzf "$TARBALL" -C "$src" --strip-components=1
    say "configuring and building Citus in $src (about 2 minutes on 2 cores)"
    (cd "$src" && ./configure PG_CONFIG="$PG_CONFIG" --without-libcurl >/dev/null \
      && make -s -j"$(nproc)" with_llvm=no >/dev/null \
      && rm -rf "$cache/stage" && mkdir -p "$cache/stage" \
      && make -s install with_llvm=no DESTDIR="$cache/stage" >/dev/null) || die "Citus build failed (sources left in $src)"
    rm -rf "$src"
    touch "$cache/done"
  fi
  [ "$(id -u)" = 0 ] || die "installing Citus into PostgreSQL's directories needs root"
  cp -a "$cache/stage/." /
  say "Citus installed from cache $cache"
}

free_port() {
  local p
  for p in $(shuf -i 54900-55897 -n 40); do
    if ! (ss -ltn 2>/dev/null | grep -Eq ":($p|$((p+1))|$((p+2)))\b"); then echo "$p"; return; fi
  done
  die "no free port range found in 54900-55899"
}

node_running() { [ -f "$DIR/node$1/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$DIR/node$1" status >/dev/null 2>&1; }

# Starts the three nodes on base, base+1, base+2; fails (leaving them to stop_nodes) if one does not start.
start_nodes() {
  local base=$1 i
  mkdir -p "$DIR"; chown postgres "$DIR" 2>/dev/null || true
  for i in 0 1 2; do
    as_postgres "$PGBIN/initdb" -D "$DIR/node$i" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    cat >> "$DIR/node$i/postgresql.conf" <<CONF
port = $((base + i))
listen_addresses = 'localhost'
unix_socket_directories = '$DIR'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 64MB
max_prepared_transactions = 100
citus.enable_statistics_collection = off
CONF
    as_postgres "$PGBIN/pg_ctl" -D "$DIR/node$i" -l "$DIR/node$i.log" -w -t 60 start >/dev/null \
      || { say "node $i did not start on port $((base + i)): see $DIR/node$i.log"; return 1; }
  done
}

start() {
  build
  if [ -f "$DIR/ports" ] && node_running 0 && node_running 1 && node_running 2; then
    cut -d' ' -f1 "$DIR/ports"; return
  fi
  stop_nodes
  # a free port can be taken between the check and the bind on a shared machine: try another range
  local base attempt
  for attempt in 1 2 3; do
    base=${PGPART_CITUS_PORT:-$(free_port)}
    start_nodes "$base" && break
    stop_nodes
    [ -z "${PGPART_CITUS_PORT:-}" ] && [ "$attempt" -lt 3 ] || die "the cluster did not start (attempt $attempt)"
    cp "$DIR/node0.log" "$DIR/attempt$attempt.log" 2>/dev/null || true
  done
  echo "$base $((base + 1)) $((base + 2))" > "$DIR/ports"
  say "coordinator on $base, workers on $((base + 1)) and $((base + 2)) (data in $DIR)"
  echo "$base"
}

stop_nodes() {
  local i
  for i in 0 1 2; do
    if [ -d "$DIR/node$i" ]; then
      as_postgres "$PGBIN/pg_ctl" -D "$DIR/node$i" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$DIR/node0" "$DIR/node1" "$DIR/node2" "$DIR/ports"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop_nodes ;;
  ports) cat "$DIR/ports" ;;
  *) die "usage: cluster.sh build|start|stop|ports" ;;
esac
