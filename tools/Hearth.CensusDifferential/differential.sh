#!/usr/bin/env bash
# Differential run of Hearth against Data to Insight's CIN validator (docs/census.md, "Agreement with Data to Insight").
# Usage: tools/Hearth.CensusDifferential/differential.sh D2I_WORKTREE [OUT_DIR] [YEAR ...]
#   D2I_WORKTREE  a clone of data-to-insight/csc-validator-be-cin outside this repository (never committed here)
#   OUT_DIR       where the generated files and both reports go (default /tmp/census-differential)
#   YEAR          2022-23 2023-24 2024-25 2025-26 (default all)
# Needs Debian's python3 with pandas, numpy and click (/usr/bin/python3). Exit 1 when an undocumented difference is left.
# EMIT=FILE appends every undocumented difference to FILE in divergences.csv form (reason to fill in).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
d2i="$(cd "${1:?give the path of a Data to Insight validator clone}" && pwd)"
out="${2:-/tmp/census-differential}"
shift $(( $# >= 2 ? 2 : 1 ))
years=("$@")
[ ${#years[@]} -gt 0 ] || years=(2022-23 2023-24 2024-25 2025-26)
python="${PYTHON:-/usr/bin/python3}"
divergences="$repo/tests/data/cin/differential/divergences.csv"

dotnet build "$here" -c Release --nologo -v quiet
dotnet build "$repo/src/Hearth.Cli" -c Release --nologo -v quiet
tool="$here/bin/Release/net10.0/Hearth.CensusDifferential.dll"
cli="$repo/src/Hearth.Cli/bin/Release/net10.0/hearth.dll"

status=0
for year in "${years[@]}"; do
  dir="$out/$year"
  rm -rf "$dir"
  dotnet "$tool" generate "$year" "$dir" ${SEED:+--seed "$SEED"} ${CLEAN:+--clean "$CLEAN"}
  for file in "$dir"/*.xml; do
    name="$(basename "$file")"
    dotnet "$cli" census validate "$file" --year "$year" --format csv --out "$file.hearth.csv" 2>/dev/null || [ $? -eq 1 ]
    "$python" "$here/d2i_findings.py" "$d2i" "$file" "cin${year/-/_}" "$file.d2i.csv"
    echo "== $year $name"
    dotnet "$tool" compare "$file.hearth.csv" "$file.d2i.csv" --divergences "$divergences" --year "$year" --file "$name" ${EMIT:+--emit "$EMIT"} || status=1
  done
done
exit $status
