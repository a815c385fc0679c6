#!/usr/bin/env bash
# benchmarks/compare.sh: Ordo and exchange-core 0.5.3 side by side, on this machine, in one run, on the same
# generated command stream (Ordo's standard workload, exported to a file that exchange-core's runner reads).
#
# Builds Ordo's benchmarks jar and the exchange-core peer (benchmarks/exchange-core, its own Maven project and JVM:
# its Disruptor 3 and old Chronicle never reach Ordo's classpath), then alternates the engines for several rounds:
# Ordo with journaling off and on (harness throughput iterations), exchange-core (journaling off, 1 matching and
# 1 risk engine, YIELDING, as its own small-machine settings), and exchange-core with its own disk journal on.
# Throughput per engine is the median of the rounds' medians. Then latency at 1,000,000 commands/s offered, once per
# engine. Prints one table; the last line is
#   ratio journal_on_vs_exchange_core=<x.xx> journal_off_vs_exchange_core=<x.xx> journal_on_vs_exchange_core_journaled=<x.xx>
#         journal_on_default_layout_vs_exchange_core=<x.xx> layout=<Ordo's layout of the first two>   (one line)
# COMPARE_QUICK=1 finishes in a few minutes (1M commands, fewer iterations and rounds).
# Ordo's throughput rows run its pipeline in THREE_THREADS, its layout for throughput on a small machine
# (ORDO_PIPELINE_THREADS=LAYOUT for another); one more row runs it journaled in the engine's default layout for the
# machine (TWO_THREADS on 2 cores: lower latency, about 10% fewer commands a second), and the latency runs use that
# default too. See docs/performance.md ("Gated handlers sleep, runs within a long batch, three threads").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${COMPARE_QUICK:-0}" == "1" ]]; then
    COMMANDS=1000000; ITERATIONS=3; WARMUP=1; ROUNDS=2; LATENCY_SECONDS=3; LATENCY_WARMUP_SECONDS=1
else
    COMMANDS=3000000; ITERATIONS=5; WARMUP=2; ROUNDS=3; LATENCY_SECONDS=5; LATENCY_WARMUP_SECONDS=2
fi
RATE=1000000
OUT=benchmarks/results/compare
mkdir -p "$OUT"

echo "compare.sh: building Ordo's benchmarks jar and the exchange-core peer ..." >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package
(cd benchmarks/exchange-core && mvn -B -q -Dmaven.test.skip=true package)

read -r -a FLAGS < benchmarks/target/jvm.flags
LAYOUT="${ORDO_PIPELINE_THREADS:-THREE_THREADS}"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
ORDO=(java "${FLAGS[@]}" -Xmx4g -Dordo.git.commit="$COMMIT" -cp benchmarks/target/benchmarks.jar
      io.ordo.benchmarks.harness.PipelineHarness --commands "$COMMANDS" --out "$OUT")
PEER=(java "${FLAGS[@]}" --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
      -Xmx4g -jar benchmarks/exchange-core/target/exchange-core-peer.jar)   # flags as in its pom's peer.jvm.flags

echo "compare.sh: $(java -version 2>&1 | head -1); $(nproc) cores; commit $COMMIT; $COMMANDS commands, $ROUNDS rounds" >&2
"${ORDO[@]}" --export "$OUT/workload.bin" | tee "$OUT/workload.txt" >&2

: > "$OUT/throughput.txt"
: > "$OUT/throughput-default-layout.txt"
for round in $(seq 1 "$ROUNDS"); do
    echo "compare.sh: round $round of $ROUNDS" >&2
    "${ORDO[@]}" --threads "$LAYOUT" --iterations "$ITERATIONS" --warmup "$WARMUP" --rates none \
        | tee -a "$OUT/throughput.txt" >&2
    "${ORDO[@]}" --journal on --iterations "$ITERATIONS" --warmup "$WARMUP" --rates none \
        | tee -a "$OUT/throughput-default-layout.txt" >&2
    "${PEER[@]}" "$OUT/workload.bin" "$ITERATIONS" "$WARMUP" "" "$LATENCY_SECONDS" "$OUT" \
        "$LATENCY_WARMUP_SECONDS" | tee -a "$OUT/throughput.txt" >&2
    "${PEER[@]}" "$OUT/workload.bin" "$ITERATIONS" "$WARMUP" "" "$LATENCY_SECONDS" "$OUT" \
        "$LATENCY_WARMUP_SECONDS" journal | tee -a "$OUT/throughput.txt" >&2
done

echo "compare.sh: latency at $RATE commands/s offered (Ordo in its default layout)" >&2
# Each side warms up at the rate itself for LATENCY_WARMUP_SECONDS (unreported) before its measured run.
"${ORDO[@]}" --iterations 0 --warmup 0 --rates "$RATE" --latency-seconds "$LATENCY_SECONDS" \
    --latency-warmup-seconds "$LATENCY_WARMUP_SECONDS" | tee "$OUT/latency.txt" >&2
"${PEER[@]}" "$OUT/workload.bin" 1 1 "$RATE" "$LATENCY_SECONDS" "$OUT" "$LATENCY_WARMUP_SECONDS" \
    | tee -a "$OUT/latency.txt" >&2
"${PEER[@]}" "$OUT/workload.bin" 1 1 "$RATE" "$LATENCY_SECONDS" "$OUT" "$LATENCY_WARMUP_SECONDS" journal \
    | tee -a "$OUT/latency.txt" >&2

python3 - "$OUT/throughput.txt" "$OUT/latency.txt" "$OUT/throughput-default-layout.txt" "$LAYOUT" <<'PY'
import re, statistics, sys
throughput = open(sys.argv[1]).read()
latency = open(sys.argv[2]).read()
default_layout = open(sys.argv[3]).read()
layout = sys.argv[4]
def medians(label, text=throughput):
    values = [float(v.replace(',', '')) for v in re.findall(r'THROUGHPUT ' + re.escape(label) + r': median ([\d,]+)', text)]
    return statistics.median(values) if values else float('nan'), values
def layout_of(text):
    found = re.search(r'pipeline threads: (\w+)', text)
    return found.group(1) if found else '?'
off, off_all = medians('journal off')
on, on_all = medians('journal on (mapped)')
ond, ond_all = medians('journal on (mapped)', default_layout)
ec, ec_all = medians('exchange-core')
ecj, ecj_all = medians('exchange-core (journal on)')
print()
print('%-44s %22s %14s   %s' % ('engine', 'throughput, commands/s', 'vs exch.-core', 'round medians'))
for name, value, values in (('Ordo, journaling off, ' + layout, off, off_all),
                            ('Ordo, journaling on (mapped), ' + layout, on, on_all),
                            ('Ordo, journaling on, ' + layout_of(default_layout), ond, ond_all),
                            ('exchange-core (journaling off)', ec, ec_all),
                            ('exchange-core (its journal, O_DSYNC)', ecj, ecj_all)):
    print('%-44s %22s %14s   %s' % (name, f'{value:,.0f}', f'{value / ec:.2f}x', ', '.join(f'{v:,.0f}' for v in values)))
print()
print('latency at 1,000,000 commands/s offered (microseconds, corrected for coordinated omission; Ordo in '
      + layout_of(latency) + '):')
for line in latency.splitlines():
    if line.startswith('LATENCY'):
        print('  ' + line[len('LATENCY '):])
print()
print('ratio journal_on_vs_exchange_core=%.2f journal_off_vs_exchange_core=%.2f '
      'journal_on_vs_exchange_core_journaled=%.2f journal_on_default_layout_vs_exchange_core=%.2f layout=%s'
      % (on / ec, off / ec, on / ecj, ond / ec, layout))
PY
