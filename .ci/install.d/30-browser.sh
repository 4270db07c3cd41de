# Headless Chromium for the browser tests of Cayley's web UI and the
# explore page served by geokg serve (graph/server TestBrowserUI,
# TestBrowserExplore): Debian's chromium and chromium-driver
# (/usr/bin/chromium, /usr/bin/chromedriver; the tests talk to
# ChromeDriver's WebDriver protocol from Go) and a font for the pages'
# text. What the pages load (Monaco, the icon font, cytoscape.js) is
# embedded in geokg (graph/server/web/vendor), so the tests need no npm.
apt_install chromium chromium-driver fonts-dejavu-core
