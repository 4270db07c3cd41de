package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
)

type restoreOptions struct {
	streams
	Store storeOptions
	File  string
	Force bool
}

func newRestoreCmd(g *rootOptions, runF func(context.Context, *restoreOptions) error) *cobra.Command {
	opts := &restoreOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "restore [flags] FILE.nq.gz",
		Short: "Load a backup into an empty store",
		Long: `Restore reads a backup written by geokg backup (gzip'd N-Quads, or the
same uncompressed) and writes its quads, with their labels, into the store
named by --db, creating it when it is missing.

The whole file is read and checked before the store is opened: an empty
file, a file that does not open with geokg backup's first line, a backup
of no quads, a line that is not a quad, a corrupt or truncated gzip
stream, or a backup that lacks its closing line or holds another number of
quads than it says is reported as "FILE:LINE: problem", and the store is
not touched, --force or not.

The store must be empty: restore refuses one that holds quads unless
--force is given, so that it ends up holding exactly the backup. On a bolt
store --force writes the backup into a new file beside the store and only
once that is whole puts it in the store's place, in one rename: until
then the store holds what it held, even if the restore is interrupted.
Quads are written in transactions of 10,000; a restore into an empty
store that is interrupted leaves part of the backup, so run it again with
--force, or into a new store.`,
		Example: `  geokg --db restored.db restore geokg-2024-03-01.nq.gz
  geokg --db geokg.db restore --force geokg-2024-03-01.nq.gz`,
		Args: positional(1, 1, "one backup file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Store = g.store()
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRestore(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "restore into a store that holds quads, replacing them all")
	return cmd
}

func runRestore(ctx context.Context, opts *restoreOptions) (err error) {
	f, err := os.Open(opts.File)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	quads, err := graph.ReadGeokgBackup(f, opts.File)
	f.Close()
	if err != nil {
		return fmt.Errorf("restore: %w; the store was not touched", err)
	}
	st, err := openStore(ctx, opts.Store, false)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	res, err := st.Restore(ctx, quads, graph.RestoreOptions{Force: opts.Force})
	if errors.Is(err, graph.ErrNotEmpty) {
		return fmt.Errorf("restore %s into %s: the store is not empty; restore into a new store (--db), or add --force to replace what it holds", opts.File, where(opts.Store))
	}
	if err != nil {
		return fmt.Errorf("restore %s into %s: %w", opts.File, where(opts.Store), err)
	}
	msg := fmt.Sprintf("restore: %d quads from %s into store %s in %d %s", res.Quads, opts.File, where(opts.Store), res.Batches, plural(res.Batches, "transaction", "transactions"))
	if res.Removed > 0 {
		msg += fmt.Sprintf(", after removing the %d quads it held", res.Removed)
	}
	fmt.Fprintln(opts.Err, msg)
	return nil
}
