# PostgreSQL 15 for the graph's postgres backend tests (graph, cmd/geokg).
# The tests start a throwaway cluster themselves (initdb + pg_ctl in a
# temporary directory, on a free port) as the unprivileged user geokgpg,
# because PostgreSQL refuses to run as root; they find the server programs
# in /usr/lib/postgresql/15/bin (or $GEOKG_PG_BIN).
if ! [ -x /usr/lib/postgresql/15/bin/initdb ]; then
	apt_install postgresql-15
fi
if ! id geokgpg >/dev/null 2>&1; then
	useradd --create-home --shell /usr/sbin/nologin geokgpg
fi
