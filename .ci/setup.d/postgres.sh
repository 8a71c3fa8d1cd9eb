# PostgreSQL for the ledger's tests (tests/ledger, tests/conformance, docs/ledger.md "PostgreSQL"):
# installs the Debian package, runs a cluster of its own (`pointrules`, loopback only, port 54329)
# as the postgres user, makes a role and a database for the tests, and exports
# POINTRULES_TEST_POSTGRES. Sourced by .ci/run; safe to source again (each step checks first).
# A developer runs it too: `source .ci/setup.d/postgres.sh` (as root), then the tests find the server.

pg_port=54329
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters --no-header | awk -v v="${pg_version}" '$1 == v && $2 == "pointrules" {found = 1} END {exit !found}'; then
  pg_createcluster "${pg_version}" pointrules --port "${pg_port}" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
fi
pg_conftool -s "${pg_version}" pointrules set listen_addresses localhost  # loopback only
# `status` exits 3 when the cluster is down; `start` refuses a running one, hence the check.
if ! pg_ctlcluster "${pg_version}" pointrules status >/dev/null 2>&1; then
  pg_ctlcluster "${pg_version}" pointrules start
fi
pg_sql() { runuser -u postgres -- psql -X -q -t -A -p "${pg_port}" -v ON_ERROR_STOP=1 -c "$1"; }
if [ "$(pg_sql "SELECT 1 FROM pg_roles WHERE rolname = 'pointrules'")" != "1" ]; then
  pg_sql "CREATE ROLE pointrules LOGIN PASSWORD 'pointrules'"
fi
if [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = 'pointrules_test'")" != "1" ]; then
  pg_sql "CREATE DATABASE pointrules_test OWNER pointrules ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
fi
unset -f pg_sql
export POINTRULES_TEST_POSTGRES="postgresql://pointrules:pointrules@127.0.0.1:${pg_port}/pointrules_test"
echo "PostgreSQL ${pg_version} on 127.0.0.1:${pg_port}: POINTRULES_TEST_POSTGRES=${POINTRULES_TEST_POSTGRES}"
