#!/usr/bin/env bash
# Starts (or stops) the reference PostgreSQL 15 on 127.0.0.1:55432 that tests and benchmarks
# compare Tenantgres against: Debian's postgresql-15 in a cluster named "ref" with trust
# authentication on loopback. Uses the team's shared script when it is present.
# Usage: scripts/reference-postgres.sh start|stop|status [PORT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared="$here/../../shared/scripts/reference-postgres"
if [ -x "$shared" ]; then exec "$shared" "$@"; fi

cmd=${1:-start}; port=${2:-55432}; ver=15; cluster=ref
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
case "$cmd" in
  start)
    if [ ! -x /usr/lib/postgresql/$ver/bin/postgres ]; then
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-$ver >/dev/null
    fi
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$cluster"; then
      $sudo pg_createcluster $ver $cluster -p "$port" -- --auth-local=trust --auth-host=trust >/dev/null
    fi
    $sudo pg_ctlcluster --skip-systemctl-redirect $ver $cluster start >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done
    pg_isready -q -h 127.0.0.1 -p "$port"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)   $sudo pg_ctlcluster --skip-systemctl-redirect $ver $cluster stop 2>/dev/null || true ;;
  status) pg_isready -h 127.0.0.1 -p "$port" ;;
  *) echo "usage: $0 start|stop|status [PORT]" >&2; exit 2 ;;
esac
