#!/usr/bin/env bash
# Fuzz smoke run (issue 14): each libFuzzer target for a short while (FUZZ_SMOKE_SECONDS, default 20) on a debug
# build of Fuzz/: the regulation reader, `check`, the value syntax, the scenario parser and the log importers (CSV,
# JSON Lines, XES, XLSX, `--map`); each first replays its seeds and Fuzz/Regressions/. Any crash, hang or blow-up
# fails the check and leaves its input in Fuzz/crashes/.
# Longer campaigns: scripts/fuzz.sh TARGET SECONDS.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SMOKE_SECONDS:-20}
start=$(date +%s)
# Product by product: a plain `swift build` here also links the main package's `reglament` executable with
# -sanitize=fuzzer, which fails (libFuzzer's `main` wants LLVMFuzzerTestOneInput, which only the fuzz targets define).
products=(FuzzRegulation FuzzCheck FuzzValues FuzzScenario FuzzLogs)
build() {
  (cd Fuzz && for p in "${products[@]}"; do
    swift build -c debug --product "$p" -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld >/dev/null 2>&1 || exit 1
  done)
}
# Once, an incremental build here failed to link one target and succeeded when run again: retry once before failing.
build || build || {
  (cd Fuzz && for p in "${products[@]}"; do
    swift build -c debug --product "$p" -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld 2>&1 | tail -30
  done)
  echo "fuzz targets do not build" >&2
  exit 1
}
echo "fuzz targets built in $(( $(date +%s) - start )) s"
failed=0
# A corpus of its own, empty at each run: the smoke replays the seeds and regressions and mutates from there, so its
# time does not grow with the corpus long campaigns keep in Fuzz/.build/corpus (their logs are not overwritten either).
export FUZZ_CORPUS_DIR=Fuzz/.build/smoke/corpus FUZZ_LOG_DIR=Fuzz/.build/smoke/logs FUZZ_SEED_DIR=Fuzz/.build/smoke/seeds
rm -rf Fuzz/.build/smoke
# 9 targets × 20 s plus the build: about 4 minutes on a 2-core machine (6 targets took 164 s with the build).
for target in regulation check values scenario csv jsonl xes xlsx map; do
  if FUZZ_CONFIG=debug bash scripts/fuzz.sh "$target" "$seconds"; then
    echo "fuzz smoke $target: ok"
  else
    echo "fuzz smoke $target: FAILED (input in Fuzz/crashes/)"
    failed=1
  fi
done
echo "fuzz smoke: $(( $(date +%s) - start )) s in total"
exit "$failed"
