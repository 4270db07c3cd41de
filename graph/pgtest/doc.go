// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb
// and pg_ctl in a temporary directory, listening on a free loopback port,
// run as an unprivileged user when the tests run as root (PostgreSQL
// refuses to run as root). .ci/install.d/50-postgres.sh installs the
// server and creates that user.
//
// A test package starts one cluster in TestMain with Start and stops it
// after the tests; each test asks it for a fresh database with NewDB, which
// skips the test when no cluster could be started, or fails it when the
// environment variable CI is set, so CI never skips silently.
package pgtest
