#!/bin/sh
# The CI recipes in docs/ci/ work as written: every `run:` block of the
# GitHub Actions workflow and every script line of the GitLab CI job runs
# here, in order, against a copy of the pmoaudit source (cloned and built
# as the recipes do) and a data repository made from samples/. Steps that
# need the CI service itself are skipped and named: `uses:` actions
# (checkout, artifact and SARIF upload) and steps marked `# ci-only:`
# (apt-get on the runner, the pull-request comment). The jobs build with
# CFLAGS=-O0 (the Makefile's default is -O2) only to keep this test fast.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null 2>&1; then
    it "git is installed (scripts/deps.sh installs it)"
    bad "git not found: the recipes and this test need it"
    finish
    exit 1
fi
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.org GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.org
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# The pmoaudit source as a git repository the recipes clone (branch main):
# the files of this checkout, without build output.
SRC="$TMP/pmoaudit.git"
mkdir -p "$SRC"
(cd "$ROOT" && tar cf - --exclude=./build --exclude=./.git --exclude='./tests/browser/node_modules' .) | (cd "$SRC" && tar xf -)
(cd "$SRC" && git init -q -b main && git add -A && git commit -qm "pmoaudit source") >/dev/null

# The PMO's data repository: samples/ as data/, a config with waivers, and
# a branch "mr" that moves two gate milestones and one plain milestone.
PMO="$TMP/pmo"
mkdir -p "$PMO/data"
cp "$ROOT"/samples/*.csv "$PMO/data/"
cat >"$PMO/pmoaudit.lua" <<'LUA'
waivers = "waivers.csv"
LUA
cat >"$PMO/waivers.csv" <<'CSV'
rule,key,fingerprint,reason,approved_by,expires
STD-002,PRJ-1009,,Interim manager named in the steering minutes,PMO Board,2026-12-31
CSV
(cd "$PMO" && git init -q -b main && git add -A && git commit -qm "portfolio data" &&
 git checkout -q -b mr &&
 sed -i -e 's/^\(M-0028,.*\),2026-11-07,/\1,2026-10-30,/' -e 's/^\(M-0054,.*\),2026-08-04,,/\1,2026-08-11,,/' \
     -e 's/^\(M-0031,.*\),2026-10-07,/\1,2026-10-09,/' data/milestones.csv &&
 git commit -qam "re-forecast G3 of PRJ-1005 and PRJ-1009" && git checkout -q main) >/dev/null

# run_github JOB BRANCH: the job's run: steps, each in its own bash -eo
# pipefail as on a runner; GITHUB_PATH carries PATH between steps.
run_github() {
    job=$1
    W="$TMP/gh-$job"
    rm -rf "$W"
    git clone -q "$PMO" "$W/repo" && (cd "$W/repo" && git checkout -q "$2")
    mkdir -p "$W/runner" "$W/home"
    : >"$W/path"
    : >"$W/summary"
    JOBCODE=0
    for step in "$STEPS/gh/$job"/*.sh; do
        p="$PATH"
        while read -r d; do p="$d:$p"; done <"$W/path"
        (cd "$W/repo" && env PATH="$p" HOME="$W/home" RUNNER_TEMP="$W/runner" GITHUB_PATH="$W/path" \
            GITHUB_STEP_SUMMARY="$W/summary" CFLAGS=-O0 PMOAUDIT_GIT="$SRC" PMOAUDIT_REF=main AS_OF=$ASOF BASE_REF=main \
            bash -eo pipefail "$step") >>"$W/log" 2>&1 || { JOBCODE=$?; break; }
    done
}

# run_gitlab JOB BRANCH: before_script + script in one bash -e, as a runner
# does, then after_script.
run_gitlab() {
    job=$1
    W="$TMP/gl-$job"
    rm -rf "$W"
    git clone -q "$PMO" "$W/repo" && (cd "$W/repo" && git checkout -q "$2")
    mkdir -p "$W/tmp" "$W/home"
    base=$(cd "$PMO" && git rev-parse main)
    JOBCODE=0
    (cd "$W/repo" && env HOME="$W/home" TMPDIR="$W/tmp" CFLAGS=-O0 PMOAUDIT_GIT="$SRC" PMOAUDIT_REF=main AS_OF=$ASOF \
        CI_MERGE_REQUEST_DIFF_BASE_SHA="$base" bash -e "$STEPS/gl/$job/main.sh") >"$W/log" 2>&1 || JOBCODE=$?
    (cd "$W/repo" && env HOME="$W/home" bash "$STEPS/gl/$job/after.sh") >>"$W/log" 2>&1
}

STEPS="$TMP/steps"
if python3 -c 'import yaml' 2>/dev/null; then
    it "both recipes are valid YAML"
    true_that "python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' $ROOT/docs/ci/github-actions.yml $ROOT/docs/ci/gitlab-ci.yml"
fi

it "the GitHub workflow's steps are found; only CI-service steps are skipped"
python3 "$ROOT/tests/tools/ci_steps.py" github "$ROOT/docs/ci/github-actions.yml" "$STEPS/gh" >"$OUT"
sed -n 's/^\(.*skip.*\)$/  skipped: \1/p' "$OUT"
out_has "nightly 03 run Build and install pmoaudit from source"
out_has "nightly 04 run Audit the portfolio"
out_has "gate 04 run Gate every project whose stage-gate milestones changed"
out_has "nightly 02 skip Install the build dependencies: installs packages on the runner with sudo apt-get"
true_that "[ \$(grep -c ' skip ' $OUT) = 8 ]"

it "GitHub nightly job: builds pmoaudit from source and writes JUnit, SARIF and HTML reports"
run_github nightly main
true_that "[ $JOBCODE = 1 ]" # the samples have findings at error
true_that "[ -x $TMP/gh-nightly/home/.local/bin/pmoaudit ]"
for f in report.xml report.sarif report.html report.json; do
    true_that "[ -s $TMP/gh-nightly/repo/reports/$f ]"
done
file_has "$TMP/gh-nightly/summary" "pmoaudit: FAIL"
file_has "$TMP/gh-nightly/log" "result: FAIL (fail on error: 90 findings at or above it; exit 1)"
# code scanning maps a result to the repository's file by its relative URI
file_has "$TMP/gh-nightly/repo/reports/report.sarif" '"artifactLocation": {"uri": "data/projects.csv", "uriBaseId": "%SRCROOT%"}'
true_that "python3 $ROOT/tests/tools/github_sarif_check.py $TMP/gh-nightly/repo/reports/report.sarif"

it "GitHub gate job: one verdict per changed stage-gate milestone, exit 1 when one is blocked"
run_github gate mr
true_that "[ $JOBCODE = 1 ]"
true_that "[ \"\$(cat $TMP/gh-gate/repo/gates.txt)\" = \"\$(printf 'PRJ-1005 G3\nPRJ-1009 G3')\" ]"
file_has "$TMP/gh-gate/log" "gate G3 for PRJ-1005: PASS"
file_has "$TMP/gh-gate/log" "gate G3 for PRJ-1009: BLOCKED"
file_has "$TMP/gh-gate/log" "waived: Interim manager named in the steering minutes (approved by PMO Board)"
file_has "$TMP/gh-gate/summary" "## ❌ Gate G3 for PRJ-1009: BLOCKED"
file_has "$TMP/gh-gate/summary" "## ✅ Gate G3 for PRJ-1005: PASS"
true_that "[ -s $TMP/gh-gate/repo/gates/PRJ-1009-G3/report.xml ]"

it "GitHub gate step on a branch without gate changes passes (pmoaudit as installed above)"
W="$TMP/gh-gate"
git clone -q "$PMO" "$W/main"
CODE=0
(cd "$W/main" && env PATH="$W/home/.local/bin:$PATH" RUNNER_TEMP="$W/runner" GITHUB_STEP_SUMMARY="$W/summary" \
    AS_OF=$ASOF BASE_REF=main bash -eo pipefail "$STEPS/gh/gate/04.sh") >"$OUT" 2>&1 || CODE=$?
exit_is 0
out_has "no stage-gate milestone changed"

it "the GitLab job's script lines are found; only apt-get is skipped"
python3 "$ROOT/tests/tools/ci_steps.py" gitlab "$ROOT/docs/ci/gitlab-ci.yml" "$STEPS/gl" >"$OUT"
sed -n 's/^\(.*skip.*\)$/  skipped: \1/p' "$OUT"
out_has "nightly-audit 07 run pmoaudit run data"
out_has "stage-gate 06 run git diff --unified=0"
true_that "[ \$(grep -c ' skip ' $OUT) = 2 ]"

it "GitLab nightly-audit job: builds from source, reports with JUnit, SARIF and HTML"
run_gitlab nightly-audit main
true_that "[ $JOBCODE = 1 ]"
for f in report.xml report.sarif report.html report.txt; do
    true_that "[ -s $TMP/gl-nightly-audit/repo/reports/$f ]"
done
file_has "$TMP/gl-nightly-audit/log" "result: FAIL (fail on error: 90 findings at or above it; exit 1)"

it "GitLab stage-gate job: verdicts for the merge request's gate milestones"
run_gitlab stage-gate mr
true_that "[ $JOBCODE = 1 ]"
file_has "$TMP/gl-stage-gate/log" "PRJ-1005 G3"
file_has "$TMP/gl-stage-gate/log" "gate G3 for PRJ-1009: BLOCKED"
true_that "[ -s $TMP/gl-stage-gate/repo/gates/PRJ-1005-G3/report.xml ]"

finish
