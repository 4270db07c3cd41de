package parse_test

import (
	"fmt"
	"log"

	"github.com/geokg/geokg/extract/parse"
)

func ExampleModel_Parse() {
	m, err := parse.Default()
	if err != nil {
		log.Fatal(err)
	}
	forms := []string{"Two", "diplomats", "were", "expelled", "by", "the", "government", "."}
	for i, w := range m.Parse(forms) {
		head := "ROOT"
		if w.Head > 0 {
			head = forms[w.Head-1]
		}
		fmt.Println(i+1, w.Form, w.Lemma, w.XPOS, w.Rel, head)
	}
	// Output:
	// 1 Two two CD nummod diplomats
	// 2 diplomats diplomat NNS nsubj:pass expelled
	// 3 were be VBD aux:pass expelled
	// 4 expelled expel VBN root ROOT
	// 5 by by IN case government
	// 6 the the DT det government
	// 7 government government NN obl:agent expelled
	// 8 . . . punct expelled
}
