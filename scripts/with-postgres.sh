#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL 15 server on loopback, its URL in DYAD_TEST_DB.
#   scripts/with-postgres.sh .venv/bin/pytest -q
# The server lives in a temporary folder owned by the postgres user (it refuses root), listens
# on 127.0.0.1 only, and is stopped and removed when the command ends, however it ends.
set -euo pipefail

find_bin() {
  local name=$1
  command -v "$name" 2>/dev/null && return 0
  ls /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

INITDB=$(find_bin initdb || true)
if [ -z "$INITDB" ]; then
  echo "with-postgres: initdb not found; installing PostgreSQL from Debian" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    INITDB=$(find_bin initdb)
  else
    echo "with-postgres: PostgreSQL is not installed and we are not root" >&2
    exit 1
  fi
fi
PG_CTL=$(dirname "$INITDB")/pg_ctl
[ -x "$PG_CTL" ] || PG_CTL=$(find_bin pg_ctl)

RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi

DIR=$(mktemp -d /tmp/dyad-pg.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PORT=${DYAD_PG_PORT:-$(( 55000 + RANDOM % 1000 ))}

stop() {
  "${RUN_AS[@]}" "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN_AS[@]}" "$INITDB" -D "$DIR/data" -A trust -U postgres -E UTF8 >/dev/null
"${RUN_AS[@]}" "$PG_CTL" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null
"${RUN_AS[@]}" "$(dirname "$PG_CTL")/createdb" -h 127.0.0.1 -p "$PORT" -U postgres dyad_test \
  2>/dev/null || "${RUN_AS[@]}" createdb -h 127.0.0.1 -p "$PORT" -U postgres dyad_test

export DYAD_TEST_DB="postgresql://postgres@127.0.0.1:$PORT/dyad_test"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PORT" >&2
"$@"
