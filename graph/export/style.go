package export

import (
	"fmt"

	"github.com/geokg/geokg/schema"
)

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// kindColour is the colour of a node of each kind, a light tint that dark
// text reads on; unknown kinds are light grey.
var kindColour = map[schema.Kind]rgb{
	schema.Country:        {0x9e, 0xc5, 0xe8}, // blue
	schema.Government:     {0xb9, 0xd7, 0xf0}, // lighter blue
	schema.Agency:         {0x9a, 0xdb, 0xe1}, // teal
	schema.IGO:            {0xc9, 0xb3, 0xe3}, // purple
	schema.ArmedGroup:     {0xd7, 0xb5, 0x9a}, // brown
	schema.PoliticalGroup: {0xf3, 0xb6, 0xd8}, // pink
	schema.Person:         {0xfd, 0xc9, 0x8f}, // orange
	schema.Place:          {0xd9, 0xd9, 0x8c}, // olive
	schema.Media:          {0xcf, 0xcf, 0xcf}, // grey
	schema.Organization:   {0xc8, 0xe6, 0xb0}, // pale green
}

var unknownColour = rgb{0xe8, 0xe8, 0xe8}

func nodeColour(k schema.Kind) rgb {
	if c, ok := kindColour[k]; ok {
		return c
	}
	return unknownColour
}

// familyColour is the colour of an edge of each family: conflict red,
// cooperation green, neutral grey.
var familyColour = map[schema.Family]rgb{
	schema.Conflict:    {0xd6, 0x27, 0x28},
	schema.Cooperation: {0x2c, 0xa0, 0x2c},
	schema.Neutral:     {0x88, 0x88, 0x88},
}

func edgeColour(f schema.Family) rgb {
	if c, ok := familyColour[f]; ok {
		return c
	}
	return familyColour[schema.Neutral]
}

// dotShape is the Graphviz shape of a node of each kind.
var dotShape = map[schema.Kind]string{
	schema.Country:        "box",
	schema.Government:     "box",
	schema.Agency:         "house",
	schema.IGO:            "hexagon",
	schema.ArmedGroup:     "octagon",
	schema.PoliticalGroup: "parallelogram",
	schema.Person:         "ellipse",
	schema.Place:          "circle",
	schema.Media:          "note",
	schema.Organization:   "component",
}

func nodeShape(k schema.Kind) string {
	if s, ok := dotShape[k]; ok {
		return s
	}
	return "ellipse"
}

// nodeSize is the size Gephi draws a node of the given degree at.
func nodeSize(degree int) float64 {
	return float64(min(10+2*degree, 40))
}
