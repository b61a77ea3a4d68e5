#!/usr/bin/env bash
# Regenerates docs/report-preview.png: the first pages of the demo gap report (the bundled OPSC
# catalog, the fictional Republic of Aldoria), as `npm run demo` writes it.
# pdftoppm pads page numbers to the page count (p-01 or p-1), hence the globs.
# Needs poppler-utils (pdftoppm), imagemagick (convert) and pngquant: apt-get install -y poppler-utils imagemagick pngquant
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
out=$(mktemp -d)
node bin/opsc.js report fixtures/assessments/xaa-aldoria.yaml --date 2026-03-02 -o "$out/report.pdf"
pdftoppm -r 60 -png -f 1 -l 5 "$out/report.pdf" "$out/p"
convert "$out"/p-*1.png "$out"/p-*2.png "$out"/p-*3.png "$out"/p-*5.png \
  -bordercolor '#9aa5b1' -border 1 -bordercolor white -border 8 +append -resize 1400x "$out/row.png"
pngquant --quality 60-85 --force --output docs/report-preview.png "$out/row.png"
rm -rf "$out"
ls -l docs/report-preview.png
