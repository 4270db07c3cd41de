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
	if c.as != "" {
		u, _ := user.Lookup(c.as)
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return fmt.Errorf("chown %s to %s: %w", dir, c.as, err)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.tool("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	c.port = port
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off -c max_connections=200", port, dir)
	if out, err := c.tool("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
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

// NewDB creates an empty database for the test and returns its URL. With no
// cluster running it skips the test, or fails it under CI.
func (c *Cluster) NewDB(t testing.TB) string {
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
