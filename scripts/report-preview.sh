#!/usr/bin/env bash
# Regenerates docs/report-preview.png: the first pages of the gap report for the sample catalog's
# weak fictional country (fixtures/catalogs/sample has a few obligations in four chapters, so the
# chart and gap table show something even while the bundled catalog is a placeholder).
# pdftoppm pads page numbers to the page count (p-01 or p-1), hence the globs.
# Needs poppler-utils (pdftoppm), imagemagick (convert) and pngquant: apt-get install -y poppler-utils imagemagick pngquant
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
out=$(mktemp -d)
node bin/opsc.js report fixtures/sample-assessments/xab-verenia.yaml --catalog fixtures/catalogs/sample \
  --date 2026-03-01 -o "$out/report.pdf"
pdftoppm -r 60 -png -f 1 -l 5 "$out/report.pdf" "$out/p"
convert "$out"/p-*1.png "$out"/p-*2.png "$out"/p-*3.png "$out"/p-*5.png \
  -bordercolor '#9aa5b1' -border 1 -bordercolor white -border 8 +append -resize 1400x "$out/row.png"
pngquant --quality 60-85 --force --output docs/report-preview.png "$out/row.png"
rm -rf "$out"
ls -l docs/report-preview.png
