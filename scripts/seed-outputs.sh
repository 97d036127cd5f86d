#!/usr/bin/env bash
# The reader's and the exporter's outputs for the seed notices in tests/seeds, written to a folder so that two commits can be
# compared byte for byte (issue 9: "the outputs of the seeds are byte-identical before and after a refactor"):
#   bash scripts/seed-outputs.sh /tmp/before            # on the old commit
#   bash scripts/seed-outputs.sh /tmp/after             # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
# Per seed: parse.json (luoshi parse), parse.txt (--format text), and the three lists of luoshi export, the .csv as written
# and each .xlsx as its unzipped parts less docProps/ and package/ (creation time and random part names change with every
# run), with the random relationship ids replaced by one name.
set -euo pipefail
out="${1:?usage: seed-outputs.sh OUTDIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/src/Luoshi.Cli/Luoshi.Cli.csproj" -c Release -nologo -v q >/dev/null
cli="$root/src/Luoshi.Cli/bin/Release/net10.0/luoshi.dll"
rm -rf "$out"; mkdir -p "$out"
for seed in "$root"/tests/seeds/*.txt; do
  name="$(basename "$seed" .txt)"; dir="$out/$name"; mkdir -p "$dir/export"
  dotnet "$cli" parse "$seed" > "$dir/parse.json"
  dotnet "$cli" parse "$seed" --format text > "$dir/parse.txt"
  dotnet "$cli" export "$seed" --out "$dir/export" | sed "s#$dir/##" > "$dir/export.log"
  for x in "$dir"/export/*.xlsx; do
    [ -e "$x" ] || continue
    mkdir -p "$x.parts" && (cd "$x.parts" && unzip -q "$x" && rm -rf docProps package) && rm "$x"
    # the packaging library names relationships and the core-properties part at random: give them one name
    find "$x.parts" -type f -exec sed -i -E 's/"R[0-9a-f]{16}"/"R"/g; s#core-properties/[0-9a-f]{32}\.psmdcp#core-properties/P.psmdcp#g' {} +
  done
done
echo "seed outputs in $out: $(find "$out" -type f | wc -l) files"
