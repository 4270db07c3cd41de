package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/cayley/query"
)

// maxGraphQLNesting is the most brackets ({, ( and [) a GraphQL query
// may hold: its parser recurses in Go for each level a query nests, and
// a million levels overflow the Go stack, which is fatal. Brackets in
// strings and comments count too, so that the check needs no parser.
const maxGraphQLNesting = 10_000

// graphQLSession checks how deep a GraphQL query may nest before running
// it.
type graphQLSession struct{ query.Session }

func (g graphQLSession) Execute(ctx context.Context, text string, opt query.Options) (query.Iterator, error) {
	if n := strings.Count(text, "{") + strings.Count(text, "(") + strings.Count(text, "["); n > maxGraphQLNesting {
		return nil, fmt.Errorf("the query holds %d brackets, more than the %d the server reads (deeper nesting could crash it)", n, maxGraphQLNesting)
	}
	if d := graphQLDepth(text); d > maxGraphQLDepth {
		return nil, fmt.Errorf("the query nests %d levels deep, more than the %d the server runs: each level is a traversal, and deep ones take the server's memory", d, maxGraphQLDepth)
	}
	return g.Session.Execute(ctx, text, opt)
}

// maxGraphQLDepth is the deepest a GraphQL query's selections may nest:
// Cayley runs each level as a traversal of every node the level above
// found, so a query nested 2,000 deep took 2.6 GB.
const maxGraphQLDepth = 32

// graphQLDepth is how deep the braces of a GraphQL query nest, outside
// strings and comments.
func graphQLDepth(text string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '#': // a comment, to the end of the line
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case '{':
			depth++
			deepest = max(deepest, depth)
		case '}':
			depth--
		}
	}
	return deepest
}
