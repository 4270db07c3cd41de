# Headless Chromium for the browser test of Cayley's web UI served by
# geokg serve (graph/server TestBrowserUI): Debian's chromium and
# chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver; the test talks
# to ChromeDriver's WebDriver protocol from Go), a font for the page's text,
# and the monaco-editor npm package that the UI's query editor loads. The
# UI's build fetches Monaco from a public CDN, which CI cannot reach, so the
# test has the server serve it from /opt/geokg-node (or $GEOKG_MONACO_DIR).
# 0.18.1 is the version the UI was built with.
apt_install chromium chromium-driver fonts-dejavu-core
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	apt_install nodejs npm
fi
if ! [ -f /opt/geokg-node/node_modules/monaco-editor/min/vs/loader.js ]; then
	mkdir -p /opt/geokg-node
	npm install --prefix /opt/geokg-node --no-audit --no-fund monaco-editor@0.18.1
fi
