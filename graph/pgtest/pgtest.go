package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // the postgres driver
)

// User is the unprivileged account that runs the server when the tests run
// as root.
const User = "geokgpg"

// EnvBin names a directory holding initdb and pg_ctl, overriding the
// search of /usr/lib/postgresql/*/bin and $PATH.
const EnvBin = "GEOKG_PG_BIN"

// Cluster is a running throwaway PostgreSQL server, or the reason none
// could be started.
type Cluster struct {
	dir  string // data directory and socket directory
	port int
	bin  string
	as   string // user to run the tools as, "" for the current one
	err  error  // why no cluster runs

	mu  sync.Mutex
	dbs int
}

// Start starts a cluster. It never fails: a cluster that could not start
// carries the reason, which NewDB reports.
func Start() *Cluster {
	c := &Cluster{}
	c.err = c.start()
	if c.err != nil {
		c.Stop()
	}
	return c
}

// The cluster of a test binary, started by the first test that asks for
// it (initdb takes seconds, and most runs of a package need none).
var (
	shared     *Cluster
	sharedOnce sync.Once
)

// Shared returns the test binary's cluster, starting it on the first
// call. StopShared, in TestMain, stops it.
func Shared() *Cluster {
	sharedOnce.Do(func() { shared = Start() })
	return shared
}

// NewDB creates an empty database in the shared cluster for the test and
// returns its URL; see Cluster.NewDB.
func NewDB(t testing.TB) string {
	t.Helper()
	return Shared().NewDB(t)
}

// StopShared stops the shared cluster if a test started it.
func StopShared() {
	if shared != nil {
		shared.Stop()
	}
}

// Err reports why the cluster is not running, or nil.
func (c *Cluster) Err() error { return c.err }

func (c *Cluster) start() error {
	bin, err := findBin()
	if err != nil {
		return err
	}
	c.bin = bin
	if os.Geteuid() == 0 {
		if _, err := user.Lookup(User); err != nil {
			return fmt.Errorf("running as root and there is no user %s to run PostgreSQL as (create it: useradd -m %s; see .ci/install.d/50-postgres.sh)", User, User)
		}
		c.as = User
	}
	dir, err := os.MkdirTemp("", "geokg-pg-")
	if err != nil {
		return err
	}
	c.dir = dir
	if err := c.chown(dir); err != nil {
		return err
	}
	data := filepath.Join(dir, "data")
	if out, err := c.tool("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	return c.serve(data)
}

// StartStandby starts a hot standby of c: a second cluster on its own
// free loopback port, copied from c by pg_basebackup -R, which follows c
// by streaming replication and answers read-only queries. Like Start it
// never fails: a standby that could not start carries the reason (Err).
// Stop the standby before c.
func (c *Cluster) StartStandby() *Cluster {
	s := &Cluster{bin: c.bin, as: c.as}
	s.err = s.startStandby(c)
	if s.err != nil {
		s.Stop()
	}
	return s
}

func (s *Cluster) startStandby(primary *Cluster) error {
	if primary.err != nil {
		return fmt.Errorf("no primary: %w", primary.err)
	}
	dir, err := os.MkdirTemp("", "geokg-pg-standby-")
	if err != nil {
		return err
	}
	s.dir = dir
	if err := s.chown(dir); err != nil {
		return err
	}
	data := filepath.Join(dir, "data")
	// -R writes standby.signal and the primary's address into the copy.
	if out, err := s.tool("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.port), "-U", "postgres",
		"-D", data, "-R", "-X", "stream", "-c", "fast", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("pg_basebackup: %v\n%s", err, out)
	}
	return s.serve(data)
}

// WaitReplayed waits until standby has replayed everything c had written
// when WaitReplayed was called (c's WAL position then), or ctx is done.
func (c *Cluster) WaitReplayed(ctx context.Context, standby *Cluster) error {
	p, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return err
	}
	defer p.Close()
	var lsn string
	if err := p.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		return fmt.Errorf("primary's WAL position: %w", err)
	}
	sb, err := sql.Open("postgres", standby.URL("postgres"))
	if err != nil {
		return err
	}
	defer sb.Close()
	for {
		var done bool
		err := sb.QueryRowContext(ctx, `SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, lsn).Scan(&done)
		if err != nil {
			return fmt.Errorf("standby's replay position: %w", err)
		}
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("standby has not replayed the primary's WAL up to %s: %w", lsn, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// chown gives dir to the user the server runs as, if it is not this one.
func (c *Cluster) chown(dir string) error {
	if c.as == "" {
		return nil
	}
	u, err := user.Lookup(c.as)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return fmt.Errorf("chown %s to %s: %w", dir, c.as, err)
	}
	return nil
}

// serve starts the server of data directory data on a free port.
func (c *Cluster) serve(data string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	c.port = port
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off -c max_connections=200", port, c.dir)
	if out, err := c.tool("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	return nil
}

// tool runs a PostgreSQL program, as the unprivileged user when needed.
func (c *Cluster) tool(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.as != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.as, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	// The server's user may not be allowed into the test's directory.
	cmd.Dir = c.dir
	return cmd
}

// Stop stops the server and removes its directory.
func (c *Cluster) Stop() {
	if c.dir == "" {
		return
	}
	if c.port != 0 {
		c.tool("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop").Run()
	}
	os.RemoveAll(c.dir)
	c.dir = ""
}

// URL returns the URL of database db in the cluster.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// Require skips the test when the cluster is not running, or fails it
// under CI.
func (c *Cluster) Require(t testing.TB) {
	t.Helper()
	if c == nil || c.err != nil {
		msg := "PostgreSQL is not available"
		if c != nil {
			msg = fmt.Sprintf("PostgreSQL could not be started: %v", c.err)
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (CI is set, so this fails instead of skipping; see .ci/install.d/50-postgres.sh)", msg)
		}
		t.Skipf("%s; install postgresql-15 (and as root create user %s) to run this test", msg, User)
	}
}

// NewDB creates an empty database for the test and returns its URL. With no
// cluster running it skips the test, or fails it under CI.
func (c *Cluster) NewDB(t testing.TB) string {
	t.Helper()
	c.Require(t)
	c.mu.Lock()
	c.dbs++
	name := fmt.Sprintf("t%d_%s", c.dbs, strings.ToLower(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())))
	c.mu.Unlock()
	if len(name) > 60 {
		name = name[:60]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	return c.URL(name)
}

// findBin finds the directory of initdb and pg_ctl.
func findBin() (string, error) {
	if d := os.Getenv(EnvBin); d != "" {
		return d, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no initdb found (looked in $" + EnvBin + ", /usr/lib/postgresql/*/bin and $PATH)")
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
