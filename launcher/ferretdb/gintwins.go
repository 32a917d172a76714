package main

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

//go:embed gin_twins.sql
var ginTwinsSQL string

// installGinTwins makes every FerretDB index usable by FerretDB's own queries (see the SQL file).
// It retries while PostgreSQL is still starting.
func installGinTwins(ctx context.Context, url string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := execOnce(ctx, url)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func execOnce(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	// Simple protocol: the file holds several statements, run as one transaction.
	if _, err := conn.Exec(ctx, ginTwinsSQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return fmt.Errorf("installing the GIN twins of FerretDB's indexes: %w", err)
	}
	return nil
}
