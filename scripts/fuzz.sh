#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) in build/fuzz and runs each for a
# bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60). The corpora grow in
# build/fuzz/corpus/<target>; fuzz/seeds/<target> holds the seeds kept in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build/fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DTD_FUZZ=ON -DTD_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" -j "${JOBS:-2}" --target rules_fuzz search_fuzz
for target in rules_fuzz search_fuzz; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s"
  # -timeout: one input may take at most 2 s (a linear-time engine needs far less);
  # -rss_limit_mb: memory stays bounded; -max_len: up to 64 KiB of pattern and text.
  log="$build/$target.log"
  dict=()
  [[ -f fuzz/${target%_fuzz}.dict ]] && dict=(-dict="../../fuzz/${target%_fuzz}.dict")
  if ! (cd "$build" && ./fuzz/$target -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 "${dict[@]}" "corpus/$target" "../../fuzz/seeds/$target") > "$log" 2>&1; then
    cat "$log"
    echo "fuzz: $target failed; the input is the crash-*/timeout-*/oom-* file in $build" >&2
    exit 1
  fi
  grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb))' "$log"
done
