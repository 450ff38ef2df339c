# Sourced by .ci/run: exports GUICHET_TEST_POSTGRES, the PostgreSQL server the tests use.
#
# The server on 127.0.0.1:5432 when there is one (trust authentication, database `test`, user
# `postgres`); otherwise a throwaway cluster: initdb in a temporary folder, as an unprivileged
# user, on a free loopback port, removed when .ci/run exits. Installs PostgreSQL from Debian's
# packages if it is missing. CI_POSTGRES=throwaway skips the first choice (to try the second).

_ci_python="${1:?the python of the CI venv}"

_ci_postgres_answers() {  # URL -> exit 0 if a PostgreSQL server accepts it
    "$_ci_python" - "$1" <<'PY'
import asyncio, sys
import asyncpg

async def main() -> None:
    conn = await asyncpg.connect(sys.argv[1], timeout=5)
    await conn.close()

try:
    asyncio.run(main())
except Exception as exc:
    print(f"PostgreSQL at {sys.argv[1]}: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

_ci_pg_bin() {
    local found
    found="$(command -v initdb || true)"
    if [ -z "$found" ]; then
        found="$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    [ -n "$found" ] && dirname "$(readlink -f "$found")"
}

_ci_as_owner() {  # run as the cluster's owner (see _ci_throwaway_postgres)
    if [ "$_CI_PG_OWNER" = "$(id -un)" ]; then "$@"; else runuser -u "$_CI_PG_OWNER" -- "$@"; fi
}

_ci_throwaway_postgres() {
    local bin dir port owner
    bin="$(_ci_pg_bin || true)"
    if [ -z "$bin" ]; then
        echo "ci: installing PostgreSQL (Debian packages)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin="$(_ci_pg_bin)"
    fi
    dir="$(mktemp -d /tmp/guichet-ci-pg.XXXXXX)"
    owner="$(id -un)"
    if [ "$(id -u)" = 0 ]; then  # initdb refuses to run as root
        owner=nobody
        chown -R "$owner" "$dir"
    fi
    port="$("$_ci_python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    _CI_PG_OWNER="$owner"
    _ci_as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log"
    # Durability is pointless for a cluster deleted at exit.
    _ci_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
    _CI_PG_CTL="$bin/pg_ctl"
    _CI_PG_DIR="$dir"
    trap '_ci_as_owner "$_CI_PG_CTL" -D "$_CI_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$_CI_PG_DIR"' EXIT
    export GUICHET_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "ci: throwaway PostgreSQL cluster in $dir on port $port" >&2
}

if [ -z "${GUICHET_TEST_POSTGRES:-}" ]; then
    local_server="postgresql://postgres@127.0.0.1:5432/test"
    if [ "${CI_POSTGRES:-}" != throwaway ] && _ci_postgres_answers "$local_server" 2>/dev/null; then
        export GUICHET_TEST_POSTGRES="$local_server"
        echo "ci: PostgreSQL on 127.0.0.1:5432" >&2
    else
        _ci_throwaway_postgres
    fi
fi
_ci_postgres_answers "$GUICHET_TEST_POSTGRES"
