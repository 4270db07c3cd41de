package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quote"
)

type backupOptions struct {
	streams
	Store storeOptions
	File  string // --out: the file written, or - for standard output
}

func newBackupCmd(g *rootOptions, runF func(context.Context, *backupOptions) error) *cobra.Command {
	opts := &backupOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "backup --out FILE.nq.gz",
		Short: "Write every quad of the store to a gzip'd N-Quads file",
		Long: `Backup writes every quad of the store, each with its label (the document it
comes from), to FILE as gzip-compressed N-Quads. The file opens with a
comment naming it a geokg backup and closes with one that counts the quads,
so that geokg restore can tell a whole file from a truncated one. Any tool
that reads N-Quads reads it once uncompressed (zcat FILE).

The backup is taken under the store's read lock, so it holds whole articles
only. It is written to a temporary file beside FILE and renamed at the end:
a backup that fails leaves no partial FILE behind. --out - writes to
standard output.`,
		Example: `  geokg backup --out geokg-2024-03-01.nq.gz
  geokg --db news.db backup --out - | zcat | grep -c rel:severed_ties_with`,
		Args: positional(0, 0, "no arguments; name the file with --out"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Store = g.store()
			if opts.File == "" {
				return usageErrorf("backup: missing --out FILE.nq.gz")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBackup(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.File, "out", "o", "", "write the backup to `FILE` (.nq.gz), or - for standard output")
	return cmd
}

func runBackup(ctx context.Context, opts *backupOptions) (err error) {
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	if opts.File == "-" {
		n, err := st.Backup(ctx, opts.Out)
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.Err, "backup: %d quads of store %s to standard output\n", n, where(opts.Store))
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(opts.File), "."+filepath.Base(opts.File)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	n, err := st.Backup(ctx, f)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	if err := os.Rename(tmp, opts.File); err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	info, err := os.Stat(opts.File)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", opts.File, err)
	}
	fmt.Fprintf(opts.Err, "backup: %d quads of store %s to %s (%d bytes)\n", n, where(opts.Store), opts.File, info.Size())
	return nil
}

// where names a store for people: its path, or the backend when it has
// none.
func where(o storeOptions) string {
	if o.Backend != graph.Bolt {
		return o.Backend
	}
	return quote.Name(o.DB)
}
