// Command relais-ferretdb runs FerretDB (MongoDB wire protocol) on its PostgreSQL or SQLite backend.
// It exists because `go install` of FerretDB's own command panics without its build metadata.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// sqliteOptions tune FerretDB's SQLite URL beyond its own defaults (WAL, busy_timeout 10 s,
// auto_vacuum none, up to 100 pooled connections per database file):
//   - _txlock=immediate: a transaction takes the write lock at BEGIN, so a writer waits in the
//     busy handler; with the default deferred BEGIN, a transaction that read first and then
//     writes fails at once with SQLITE_BUSY when another writer holds the lock (the busy handler
//     cannot resolve that upgrade), which is the "database is locked" seen under load.
//   - synchronous(normal): in WAL mode a commit no longer waits for an fsync; the database stays
//     consistent after any crash, and only the last commits may be lost on a power cut.
const sqliteOptions = "?_txlock=immediate&_pragma=synchronous(normal)"

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "host:port to accept MongoDB clients on")
	handler := flag.String("handler", "sqlite", "storage backend: sqlite or postgresql")
	dataDir := flag.String("data", ".data/ferretdb", "sqlite: folder holding the database files")
	pgURL := flag.String("postgresql-url", "", "postgresql: the server's URL, e.g. postgres://relais@127.0.0.1:5433/postgres")
	verbose := flag.Bool("verbose", false, "log every connection, not only warnings")
	flag.Parse()

	config := ferretdb.Config{Handler: *handler}
	switch *handler {
	case "sqlite":
		dir, err := filepath.Abs(*dataDir)
		if err != nil {
			fail(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(err)
		}
		config.SQLiteURL = "file:" + dir + "/" + sqliteOptions
	case "postgresql":
		if *pgURL == "" {
			fail(fmt.Errorf("-postgresql-url is required with -handler postgresql"))
		}
		if err := installGinTwins(context.Background(), *pgURL); err != nil {
			fail(err)
		}
		config.PostgreSQLURL = *pgURL
	default:
		fail(fmt.Errorf("unknown -handler %q (sqlite or postgresql)", *handler))
	}

	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	config.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	config.Listener = ferretdb.ListenerConfig{TCP: *listen}

	f, err := ferretdb.New(&config)
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "relais-ferretdb:", err)
	os.Exit(1)
}
