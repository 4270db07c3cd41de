package graph

import (
	"testing"
	"time"

	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
)

func TestInsertSQL(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"one node", insertNodesSQL(1, false),
			`INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time) VALUES ` +
				`($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (hash) DO NOTHING RETURNING hash`},
		{"one node upserted", insertNodesSQL(1, true),
			`INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time) VALUES ` +
				`($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`},
		{"two quads", insertQuadsSQL(2),
			`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ($1, $2, $3, $4, now()), ($5, $6, $7, $8, now())`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("SQL (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNodeRow checks that every kind of value lands in the columns Cayley's
// own writer puts it in, with NULL (nil) in the others.
func TestNodeRow(t *testing.T) {
	when := time.Date(2022, 9, 7, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		val  quad.Value
		want map[string]any // column → value, beyond refs and hash
	}{
		{"iri", quad.IRI("ent:iran"), map[string]any{"value_string": "ent:iran", "iri": true}},
		{"bnode", quad.BNode("b1"), map[string]any{"value_string": "b1", "bnode": true}},
		{"string", quad.String("a\x00b"), map[string]any{"value_string": `a\x00b`}},
		{"typed string", quad.TypedString{Value: "0.9", Type: "xsd:float"}, map[string]any{"value_string": "0.9", "datatype": "xsd:float"}},
		{"lang string", quad.LangString{Value: "Iran", Lang: "en"}, map[string]any{"value_string": "Iran", "language": "en"}},
		{"int", quad.Int(42), map[string]any{"value_int": int64(42)}},
		{"bool", quad.Bool(true), map[string]any{"value_bool": true}},
		{"float", quad.Float(0.5), map[string]any{"value_float": 0.5}},
		{"time", quad.Time(when), map[string]any{"value_time": when}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := refs.HashOf(tt.val)
			row, err := nodeRow(graphlog.NodeUpdate{Hash: h, Val: tt.val, RefInc: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(row) != len(nodeColumns) {
				t.Fatalf("%d values for %d columns", len(row), len(nodeColumns))
			}
			got := map[string]any{}
			for i, col := range nodeColumns[2:] {
				if v := row[2+i]; v != nil {
					got[col] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("columns (-want +got):\n%s", diff)
			}
			if row[0] != 3 || string(row[1].([]byte)) != string(h[:]) {
				t.Errorf("refs, hash = %v, %x; want 3, %x", row[0], row[1], h[:])
			}
		})
	}
}
