#!/usr/bin/env bash
# Coverage-guided fuzzing of Reglament with libFuzzer (issue 14).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET: regulation (YAML reader, validator, model builder, reference checker), check (the whole `check` pipeline
# with analysis, embedded tests and every reporter; an input over FUZZ_CHECK_SECONDS of CPU time, default 5 in a
# release build and 60 in a debug one, counts as a crash) or values (amounts, clock times and ranges, dates,
# date-times, weekdays), scenario (the simulation scenario parser with its checks against the regulation and every
# variant applied), csv, jsonl, xes, xlsx (the log importers, each through a whole audit session, asserting that every
# row is handed over or rejected with its position) or map (a `--map` file, then an export read through it).
# `all` runs each for SECONDS.
#
# Builds Fuzz/ (its own package) with -sanitize=fuzzer: FUZZ_CONFIG=debug (default: quick to build) or release
# (slow to build, several times more executions per second: use it for long campaigns). Seeds: regulations/, the
# invalid-file corpus and Fuzz/Corpus/ (the log seeds are written by Fuzz/Corpus/make-log-seeds.py), scenarios/ for
# scenario; a dictionary per target in Fuzz/dicts/ (Fuzz/reglament.dict for the regulation targets); the growing
# corpus is kept in Fuzz/.build/corpus/TARGET, the log in Fuzz/.build/logs/TARGET.log, the seeds are copied to
# Fuzz/.build/seeds/TARGET (FUZZ_CORPUS_DIR, FUZZ_LOG_DIR, FUZZ_SEED_DIR replace those folders: two runs of one target
# at once need their own). Limits per input:
# FUZZ_TIMEOUT (default 60) s of wall time (libFuzzer -timeout), 256 MB resident (-rss_limit_mb), 200 MB in one
# allocation (-malloc_limit_mb). A crash, hang or blow-up is saved in Fuzz/crashes/ and the script exits 1; when the
# target itself gave up on an input (a broken invariant, too much CPU time) the reason is beside it as
# Fuzz/crashes/TARGET-crash-SHA1.txt. The last libFuzzer lines (executions, cov, ft) are printed either way.
# FUZZ_JOBS=N runs N in-process fuzzers side by side (libFuzzer's -jobs=N -workers=N; -runs applies to each), each with
# its whole log kept as Fuzz/.build/logs/TARGET-job-J.log: unlike -fork, whose seed merge discards its processes'
# output, every input that fails keeps its stack. Replay one input:
#   Fuzz/.build/debug/FuzzCheck Fuzz/crashes/check-crash-...
#   FUZZ_LOG_FORMAT=xes Fuzz/.build/debug/FuzzLogs Fuzz/crashes/xes-crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh regulation|check|values|scenario|csv|jsonl|xes|xlsx|map|all SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
config=${FUZZ_CONFIG:-debug}

if [ "$target" = all ]; then
  status=0
  for t in regulation check values scenario csv jsonl xes xlsx map; do bash scripts/fuzz.sh "$t" "$seconds" "$@" || status=1; done
  exit "$status"
fi

case "$target" in
  regulation) product=FuzzRegulation max_len=65536 ;;
  check) product=FuzzCheck max_len=65536 ;;
  values) product=FuzzValues max_len=64 ;;
  scenario) product=FuzzScenario max_len=16384 ;;
  csv | jsonl | xes | map) product=FuzzLogs max_len=16384 ;;
  xlsx) product=FuzzLogs max_len=32768 ;;
  *)
    echo "unknown target '$target': use regulation, check, values, scenario, csv, jsonl, xes, xlsx, map or all" >&2
    exit 2
    ;;
esac

bash scripts/setup.d/60-fuzz.sh
flags=(-c "$config" --product "$product" -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld)
(cd Fuzz && swift build "${flags[@]}" >&2)
binary="Fuzz/.build/$config/$product"

corpus="${FUZZ_CORPUS_DIR:-Fuzz/.build/corpus}/$target"
mkdir -p "$corpus" Fuzz/crashes
seeds=()
dict=Fuzz/reglament.dict
names=(-name '*.yaml' -o -name '*.txt' -o -name '*.yml')
case "$target" in
  values) seeds=(Fuzz/Corpus/values) ;;
  scenario) seeds=(scenarios) dict=Fuzz/dicts/scenario.dict ;;
  csv | jsonl | xes | xlsx | map) seeds=("Fuzz/Corpus/$target") dict="Fuzz/dicts/$target.dict" names=(-name '*') ;;
esac
if [ ${#seeds[@]} -eq 0 ]; then
  # (Not Tests/RegulationAnalysisTests/Fixtures/slow/: those are known to exceed the time limit until the analysis
  # has its budgets; replay them with FUZZ_CHECK_SECONDS=60 Fuzz/.build/debug/FuzzCheck FILE.)
  seeds=(regulations Tests/RegulationParserTests/Fixtures/invalid)
fi
# Inputs that once crashed a target are replayed first (the XES and XLSX ones are also unit tests).
[ -d "Fuzz/Regressions/$target" ] && seeds+=("Fuzz/Regressions/$target")
seed_dir="${FUZZ_SEED_DIR:-Fuzz/.build/seeds}/$target"
rm -rf "$seed_dir"
mkdir -p "$seed_dir"
find "${seeds[@]}" -type f \( "${names[@]}" \) ! -name '*.expected.*' \
  -exec cp {} "$seed_dir/" \;

log="${FUZZ_LOG_DIR:-Fuzz/.build/logs}/$target.log"
mkdir -p "$(dirname "$log")"
echo "fuzzing $target ($config build) for $seconds s; log: $log" >&2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/reglament-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
jobs=()
if [ -n "${FUZZ_JOBS:-}" ]; then
  jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  rm -f fuzz-[0-9]*.log
fi
set +e
# SWIFT_BACKTRACE=enable=no: the Swift runtime's own crash handler would exit before libFuzzer saves the input.
SWIFT_BACKTRACE=enable=no FUZZ_LOG_FORMAT="$target" FUZZ_SCRATCH="$scratch" "$binary" "$corpus" "$seed_dir" \
  -dict="$dict" -max_len="$max_len" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-60}" \
  -rss_limit_mb=256 -malloc_limit_mb=200 -print_final_stats=1 \
  -artifact_prefix="Fuzz/crashes/$target-" "${jobs[@]}" "$@" >"$log" 2>&1
status=$?
set -e
# libFuzzer writes each job's log to fuzz-J.log in the working directory (and copies it into $log when the job ends).
for job in fuzz-[0-9]*.log; do
  [ -f "$job" ] && mv "$job" "$(dirname "$log")/$target-job-${job#fuzz-}"
done
grep -E '^#[0-9]+(.*(INITED|DONE|pulse)|: cov:)|^stat::|Done [0-9]+ runs|INFO: (fuzzed|exiting)' "$log" | tail -8 >&2 || true
if [ "$status" -ne 0 ]; then
  echo "FAILED: libFuzzer exited with $status; the input is saved:" >&2
  grep -E 'ERROR|invariant|took|Test unit written|SUMMARY|Swift runtime failure|Fatal error' "$log" | head -20 >&2 || true
  ls -t Fuzz/crashes/"$target"-* 2>/dev/null | head -3 >&2 || true
  for note in $(ls -t Fuzz/crashes/"$target"-*.txt 2>/dev/null | head -3); do head -3 "$note" >&2; done
  exit 1
fi
