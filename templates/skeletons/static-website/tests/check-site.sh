#!/bin/sh
# Every page must be non-empty HTML with a title.
set -eu
for page in site/*.html; do
  grep -q '<title>' "$page" || { echo "$page has no <title>"; exit 1; }
done
echo "site ok"
