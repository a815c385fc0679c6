#!/usr/bin/env bash
# benchmarks/harness.sh [options]: builds benchmarks/target/benchmarks.jar and runs the end-to-end harness
# (io.ordo.benchmarks.harness.PipelineHarness): throughput and latency of the whole pipeline on the standard workload,
# journaling off and on. --help lists the options; results (.hgrm files, pipeline-latency.png) go to
# benchmarks/results. Extra JVM options in ORDO_JAVA_OPTS (the default heap is 4 GB).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "harness.sh: building benchmarks/target/benchmarks.jar (mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package) ..." >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package

read -r -a FLAGS < benchmarks/target/jvm.flags
read -r -a EXTRA <<< "${ORDO_JAVA_OPTS:--Xmx4g}"
exec java "${FLAGS[@]}" "${EXTRA[@]}" -Dordo.git.commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    -cp benchmarks/target/benchmarks.jar io.ordo.benchmarks.harness.PipelineHarness "$@"
