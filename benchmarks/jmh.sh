#!/usr/bin/env bash
# benchmarks/jmh.sh [JMH options]: builds benchmarks/target/benchmarks.jar and runs the JMH suite with defaults that
# suit a small (2-core) machine: 1 fork, 3 warm-up and 5 measured iterations of 2 s (JMH_ITERATIONS overrides
# these), the GC profiler (allocation per operation), results also as JSON in benchmarks/results/jmh.json.
# Further JMH options narrow the run, e.g.
#   benchmarks/jmh.sh BlpWorkloadBenchmark
#   JMH_ITERATIONS="-f 1 -wi 1 -w 1s -i 2 -r 1s" benchmarks/jmh.sh -p commands=1000000
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "jmh.sh: building benchmarks/target/benchmarks.jar (mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package) ..." >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package

mkdir -p benchmarks/results
read -r -a FLAGS < benchmarks/target/jvm.flags
echo "jmh.sh: $(java -version 2>&1 | head -1); $(nproc) cores; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" >&2
exec java "${FLAGS[@]}" -jar benchmarks/target/benchmarks.jar \
    ${JMH_ITERATIONS:--f 1 -wi 3 -w 2s -i 5 -r 2s} -prof gc \
    -jvmArgsAppend "${FLAGS[*]}" \
    -rf json -rff benchmarks/results/jmh.json \
    "$@"
