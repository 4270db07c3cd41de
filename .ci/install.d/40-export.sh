# Tools the export tests (graph/export, cmd/geokg) read the outputs back
# with: xmllint validates GEXF (libxml2-utils), Graphviz renders DOT and
# draws SVG/PNG (graphviz), networkx reads GraphML and GEXF (python3, with
# python3-networkx when the python3 on PATH lacks it), and the npm package
# cytoscape loads the Cytoscape.js JSON headless under node, installed into
# /opt/geokg-node, where the tests look for it (or $GEOKG_NODE_DIR).
apt_install libxml2-utils graphviz
if ! python3 -c 'import networkx' >/dev/null 2>&1; then
	apt_install python3-networkx
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	apt_install nodejs npm
fi
if ! [ -f /opt/geokg-node/node_modules/cytoscape/package.json ]; then
	mkdir -p /opt/geokg-node
	npm install --prefix /opt/geokg-node --no-audit --no-fund cytoscape@3.35.0
fi
