#!/bin/sh
# vendor.sh fetches, from npm, the third-party files the server embeds
# (graph/server/web/vendor), so that Cayley's web UI and geokg's explore
# page work with no network: run it with `go generate ./graph/server`
# (or sh graph/server/web/vendor.sh) after changing a version below, and
# commit the result. It needs npm and gzip.
#
# Only the files the pages load are kept, each gzipped (-9 -n, so the
# output is the same on every run); the server sends them compressed, or
# inflates them for a client that does not take gzip.
#
#   monaco-editor   Cayley's query editor: the editor, its loader and
#                   worker, and the languages the UI uses (Gizmo is
#                   JavaScript, with the TypeScript service for gizmo.d.ts;
#                   GraphQL; MQL and the results are JSON). 0.18.1 is the
#                   version the UI was built with. MIT.
#   material-icons  the icon font of the UI's buttons. Apache-2.0.
#   cytoscape       the graph drawing of the explore page. MIT.
set -eu

MONACO=0.18.1
ICONS=1.13.14
CYTOSCAPE=3.35.0

here=$(cd "$(dirname "$0")" && pwd)
out="$here/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm install --prefix "$tmp" --no-audit --no-fund --no-save --ignore-scripts \
	"monaco-editor@$MONACO" "material-icons@$ICONS" "cytoscape@$CYTOSCAPE" >&2

rm -rf "$out"
# put SRC DST copies SRC (under node_modules) to DST (under vendor), gzipped.
put() {
	mkdir -p "$(dirname "$out/$2")"
	gzip -9 -n -c "$tmp/node_modules/$1" >"$out/$2.gz"
}
# licence SRC DST copies a licence as it is.
licence() {
	mkdir -p "$(dirname "$out/$2")"
	cp "$tmp/node_modules/$1" "$out/$2"
}

vs=monaco-editor/min/vs
for f in loader.js editor/editor.main.js editor/editor.main.css editor/editor.main.nls.js \
	base/worker/workerMain.js \
	basic-languages/javascript/javascript.js basic-languages/typescript/typescript.js \
	basic-languages/graphql/graphql.js \
	language/typescript/tsMode.js language/typescript/tsWorker.js \
	language/json/jsonMode.js language/json/jsonWorker.js; do
	put "$vs/$f" "$vs/$f"
done
licence monaco-editor/LICENSE monaco-editor/LICENSE

# The font's stylesheet, naming the woff2 file only: every browser the UI
# runs in reads woff2.
mkdir -p "$out/material-icons"
sed 's|src: url("./material-icons.woff2") format("woff2"), url("./material-icons.woff") format("woff");|src: url("./material-icons.woff2") format("woff2");|' \
	"$tmp/node_modules/material-icons/iconfont/filled.css" >"$tmp/filled.css"
grep -q 'format("woff2");' "$tmp/filled.css" || { echo "vendor.sh: material-icons' filled.css changed; update the sed above" >&2; exit 1; }
gzip -9 -n -c "$tmp/filled.css" >"$out/material-icons/material-icons.css.gz"
cp "$tmp/node_modules/material-icons/iconfont/material-icons.woff2" "$out/material-icons/material-icons.woff2"
licence material-icons/LICENSE material-icons/LICENSE

put cytoscape/dist/cytoscape.min.js cytoscape/cytoscape.min.js
licence cytoscape/LICENSE cytoscape/LICENSE

for p in monaco-editor material-icons cytoscape; do
	v=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$tmp/node_modules/$p/package.json")
	echo "$p $v"
done >"$out/VERSIONS"
echo "vendor.sh: $(du -sk "$out" | cut -f1) KiB in $out" >&2
