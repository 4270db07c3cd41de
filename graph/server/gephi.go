package server

import (
	"bufio"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"strconv"

	"github.com/geokg/geokg/schema"
)

// DefaultGephiLimit is the number of entities /gephi/gs streams unless
// ?limit= says otherwise; a negative limit streams all.
const DefaultGephiLimit = 10000

// GephiNode is the attributes of an "an" (add node) event: an entity.
// label, size, x, y, r, g and b are the attributes Gephi draws with.
type GephiNode struct {
	Label string      `json:"label"`
	Kind  schema.Kind `json:"kind"`
	ISO3  string      `json:"iso3"`
	CAMEO string      `json:"cameo"`
	Size  float64     `json:"size"`
	X     float64     `json:"x"`
	Y     float64     `json:"y"`
	R     float64     `json:"r"`
	G     float64     `json:"g"`
	B     float64     `json:"b"`
}

// GephiEdge is the attributes of an "ae" (add edge) event: a relation
// between two entities, stated by Weight statements.
type GephiEdge struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Directed  bool    `json:"directed"`
	Label     string  `json:"label"`
	Predicate string  `json:"predicate"`
	Date      string  `json:"date"`
	Since     string  `json:"since"`
	Until     string  `json:"until"`
	Family    string  `json:"family"`
	CAMEO     string  `json:"cameo"`
	Weight    float64 `json:"weight"`
	R         float64 `json:"r"`
	G         float64 `json:"g"`
	B         float64 `json:"b"`
}

// kindColors colours entities by kind, as r, g, b in [0, 1].
var kindColors = map[schema.Kind][3]float64{
	schema.Country:        {0.13, 0.47, 0.71},
	schema.Government:     {0.12, 0.62, 0.72},
	schema.Agency:         {0.55, 0.34, 0.29},
	schema.IGO:            {0.17, 0.63, 0.17},
	schema.ArmedGroup:     {0.84, 0.15, 0.16},
	schema.PoliticalGroup: {1.00, 0.50, 0.05},
	schema.Person:         {0.58, 0.40, 0.74},
	schema.Place:          {0.50, 0.50, 0.50},
	schema.Media:          {0.74, 0.74, 0.13},
	schema.Organization:   {0.89, 0.47, 0.76},
}

// familyColors colours relations: conflict red, cooperation green, the
// rest grey.
var familyColors = map[schema.Family][3]float64{
	schema.Conflict:    {0.84, 0.15, 0.16},
	schema.Cooperation: {0.17, 0.63, 0.17},
	schema.Neutral:     {0.50, 0.50, 0.50},
}

// place gives an entity a stable starting position from its IRI, so the
// graph does not open as one dot before a layout runs.
func place(iri string) (x, y float64) {
	h := fnv.New64a()
	h.Write([]byte(iri))
	v := h.Sum64()
	return float64(v%2001) - 1000, float64((v>>32)%2001) - 1000
}

// handleGephi is Gephi's graph-streaming endpoint: one JSON event a line,
// ended by \r\n as Gephi's plugin wants: an "an" event for each entity
// (label, kind, codes), then an "ae" event for each relation between two
// streamed entities (predicate, date, family, and as weight the number of
// statements that report it). Negated statements make no edge. ?limit=N
// streams the first N entities by IRI (DefaultGephiLimit; negative for
// all).
func (s *Server) handleGephi(w http.ResponseWriter, r *http.Request) {
	limit := DefaultGephiLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			s.fail(w, r, badRequestf("limit=%s: want a whole number (negative for no limit)", v))
			return
		}
		limit = n
	}
	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	ents, err := s.store.AllEntities(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if limit >= 0 && len(ents) > limit {
		ents = ents[:limit]
	}
	stmts, err := s.store.AllStatements(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}

	streamed := make(map[string]bool, len(ents))
	for _, e := range ents {
		streamed[e.IRI] = true
	}
	type edgeKey struct{ s, p, o, date, since, until string }
	var order []edgeKey
	edges := make(map[edgeKey]*GephiEdge)
	for _, st := range stmts {
		if !st.Asserted() || !streamed[st.Subject.IRI] || !streamed[st.Object.IRI] {
			continue
		}
		k := edgeKey{st.Subject.IRI, st.Predicate, st.Object.IRI, st.Date, st.Since, st.Until}
		if e, ok := edges[k]; ok {
			e.Weight++
			continue
		}
		p, _ := schema.LookupPredicate(st.Predicate)
		c := familyColors[p.Family]
		edges[k] = &GephiEdge{
			Source: st.Subject.IRI, Target: st.Object.IRI, Directed: !p.Symmetric,
			Label: p.Label, Predicate: st.Predicate, Date: st.Date, Since: st.Since, Until: st.Until,
			Family: string(p.Family), CAMEO: st.CAMEO, Weight: 1, R: c[0], G: c[1], B: c[2],
		}
		order = append(order, k)
	}

	w.Header().Set("Content-Type", "application/stream+json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriter(w)
	flush := func() error {
		if err := bw.Flush(); err != nil {
			return err
		}
		return http.NewResponseController(w).Flush()
	}
	emit := func(kind, id string, attrs any) error {
		b, err := json.Marshal(map[string]map[string]any{kind: {id: attrs}})
		if err != nil {
			return err
		}
		bw.Write(b)
		_, err = bw.WriteString("\r\n")
		return err
	}
	for i, e := range ents {
		x, y := place(e.IRI)
		c, ok := kindColors[e.Type]
		if !ok {
			c = [3]float64{0.5, 0.5, 0.5}
		}
		label := e.Name
		if label == "" {
			label = e.IRI
		}
		if emit("an", e.IRI, GephiNode{Label: label, Kind: e.Type, ISO3: e.ISO3, CAMEO: e.CAMEO, Size: 10, X: x, Y: y, R: c[0], G: c[1], B: c[2]}) != nil {
			return
		}
		if i%500 == 499 && flush() != nil {
			return // the client went away
		}
	}
	for i, k := range order {
		id := k.s + " " + k.p + " " + k.o
		for _, t := range [][2]string{{"", k.date}, {"since ", k.since}, {"until ", k.until}} {
			if t[1] != "" {
				id += " " + t[0] + t[1]
			}
		}
		if emit("ae", id, edges[k]) != nil {
			return
		}
		if i%500 == 499 && flush() != nil {
			return
		}
	}
	flush()
}
