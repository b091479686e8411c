#!/bin/sh
# The verdict property (issue 16, docs/verdicts.md): over random
# --max-findings, --project, --only/--skip, --fail-on, gates and formats,
# counts and exit codes equal those of one uncapped, unfiltered run whose
# findings are filtered afterwards (tests/tools/verdict_property.py). The
# portfolio is generated (samples/gen_portfolio.py, fixed seed) with an
# empty lessons.csv, so a finding about every project (DAT-006) takes part;
# the trials come from fixed seeds, so a failure repeats exactly.
. "$(dirname "$0")/lib.sh"

python3 "$ROOT/samples/gen_portfolio.py" --tasks 10000 --out "$TMP/data" --seed 16 >/dev/null
head -1 "$TMP/data/lessons.csv" >"$TMP/lessons.csv" && mv "$TMP/lessons.csv" "$TMP/data/lessons.csv"

for seed in 16 61; do
    it "seed $seed: 40 random runs and gates count and exit as the filtered reference"
    mkdir -p "$TMP/work$seed"
    if timeout 300 python3 "$ROOT/tests/tools/verdict_property.py" "$PA" "$TMP/data" "$TMP/work$seed" \
        --seed $seed --trials 40 >"$TMP/prop$seed" 2>&1; then
        ok
    else
        bad "$(head -20 "$TMP/prop$seed")"
    fi
    true_that "grep -q '^40 trials, 0 mismatches (seed $seed)$' $TMP/prop$seed"
done

finish
