#!/usr/bin/env bash
# Coverage-guided fuzzing of Reglament with libFuzzer (issue 14).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET: regulation (YAML reader, validator, model builder, reference checker), check (the whole `check` pipeline
# with analysis, embedded tests and every reporter; an input over FUZZ_CHECK_SECONDS of CPU time, default 5 in a
# release build and 60 in a debug one, counts as a crash) or values (amounts, clock times and ranges, dates,
# date-times, weekdays). `all` runs each for SECONDS.
#
# Builds Fuzz/ (its own package) with -sanitize=fuzzer: FUZZ_CONFIG=debug (default: quick to build) or release
# (slow to build, several times more executions per second: use it for long campaigns). Seeds: regulations/, the
# invalid-file corpus and Fuzz/Corpus/; the growing corpus is kept in Fuzz/.build/corpus/TARGET. Limits per input:
# FUZZ_TIMEOUT (default 60) s of wall time (libFuzzer -timeout), 256 MB resident (-rss_limit_mb), 200 MB in one
# allocation (-malloc_limit_mb). A crash, hang or blow-up is saved in Fuzz/crashes/ and the script exits 1; the last
# libFuzzer lines (executions, cov, ft) are printed either way. Replay one input:
#   Fuzz/.build/debug/FuzzCheck Fuzz/crashes/check-crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh regulation|check|values|all SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
config=${FUZZ_CONFIG:-debug}

if [ "$target" = all ]; then
  status=0
  for t in regulation check values; do bash scripts/fuzz.sh "$t" "$seconds" "$@" || status=1; done
  exit "$status"
fi

case "$target" in
  regulation) product=FuzzRegulation max_len=65536 ;;
  check) product=FuzzCheck max_len=65536 ;;
  values) product=FuzzValues max_len=64 ;;
  *)
    echo "unknown target '$target': use regulation, check, values or all" >&2
    exit 2
    ;;
esac

bash scripts/setup.d/60-fuzz.sh
flags=(-c "$config" --product "$product" -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld)
(cd Fuzz && swift build "${flags[@]}" >&2)
binary="Fuzz/.build/$config/$product"

corpus="Fuzz/.build/corpus/$target"
mkdir -p "$corpus" Fuzz/crashes
seeds=()
if [ "$target" = values ]; then
  seeds=(Fuzz/Corpus/values)
else
  # (Not Tests/RegulationAnalysisTests/Fixtures/slow/: those are known to exceed the time limit until the analysis
  # has its budgets; replay them with FUZZ_CHECK_SECONDS=60 Fuzz/.build/debug/FuzzCheck FILE.)
  seeds=(regulations Tests/RegulationParserTests/Fixtures/invalid)
fi
seed_dir="Fuzz/.build/seeds/$target"
rm -rf "$seed_dir"
mkdir -p "$seed_dir"
find "${seeds[@]}" -type f \( -name '*.yaml' -o -name '*.txt' -o -name '*.yml' \) ! -name '*.expected.*' \
  -exec cp {} "$seed_dir/" \;

log="Fuzz/.build/logs/$target.log"
mkdir -p "$(dirname "$log")"
echo "fuzzing $target ($config build) for $seconds s; log: $log" >&2
set +e
# SWIFT_BACKTRACE=enable=no: the Swift runtime's own crash handler would exit before libFuzzer saves the input.
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "$seed_dir" \
  -dict=Fuzz/reglament.dict -max_len="$max_len" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-60}" \
  -rss_limit_mb=256 -malloc_limit_mb=200 -print_final_stats=1 \
  -artifact_prefix="Fuzz/crashes/$target-" "$@" >"$log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+.*(INITED|DONE|pulse)|^stat::|Done [0-9]+ runs' "$log" | tail -8 >&2 || true
if [ "$status" -ne 0 ]; then
  echo "FAILED: libFuzzer exited with $status; the input is saved:" >&2
  grep -E 'ERROR|invariant|took|Test unit written|SUMMARY|Swift runtime failure|Fatal error' "$log" | head -20 >&2 || true
  ls -t Fuzz/crashes/"$target"-* 2>/dev/null | head -3 >&2 || true
  exit 1
fi
