package io.ordo.workload;

import io.ordo.core.BlpConfig;
import io.ordo.core.BusinessLogicProcessor;
import io.ordo.protocol.CommandWriter;

import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feeds the same seeded command stream to a {@link BusinessLogicProcessor} (bytes, via {@link CommandWriter}) and to
 * the {@link ReferenceModel} (objects), and compares them after every command: the events as {@link EventText}
 * lines, the state hashes every {@code hashEvery} commands and at the end, and the {@link InvariantChecker}
 * invariants every {@code invariantEvery} commands (1 = after every single command).
 * <p>
 * On a divergence it keeps the prefix up to the failing command and shrinks it by delta debugging (removing
 * chunks of earlier commands while some divergence remains) within a time budget; the time budget only bounds how
 * short the printed repro gets, never whether the run passes.
 * <p>
 * Not thread safe; one instance per thread.
 */
public final class DifferentialHarness
{
    /** Request window capacity of both sides: small, so that eviction happens all the time. */
    public static final int WINDOW_CAPACITY = 1024;

    /**
     * The BLP settings a seed runs with: mostly {@link #WINDOW_CAPACITY}; every 8th seed a window of 2 (every
     * command evicts) and every 4th a window of 16; every 3rd seed an order pool of 1 (the pool grows all the time).
     */
    public static BlpConfig configFor(final long seed)
    {
        final int window = seed % 8 == 0 ? 2 : seed % 4 == 0 ? 16 : WINDOW_CAPACITY;
        final int pool = seed % 3 == 0 ? 1 : 1024;
        return new BlpConfig().requestWindowCapacity(window).orderPoolCapacity(pool);
    }

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final CommandWriter writer = new CommandWriter();
    private final EventText eventText = new EventText();
    private final List<String> actual = new ArrayList<>();
    private final InvariantChecker invariants = new InvariantChecker();
    private final Coverage coverage;
    private final long shrinkBudgetMs;

    /**
     * What the reference produced across runs: used to assert that the streams reach every outcome. Counts each
     * command's outcome ({@code "reject R"}, {@code "outcome E"}), the original outcomes duplicates were answered
     * with, what API key commands were refused or retried with, which commands were refused for want of
     * authority (a session's or the command's own rule), and the effects: expiries, cancels, balance causes,
     * revoked keys (by RevokeApiKey or by a rotation) and fills per command.
     */
    public static final class Coverage
    {
        final TreeMap<String, Long> counts = new TreeMap<>();

        void onEvents(final List<String> events)
        {
            if (events.isEmpty())
            {
                return;
            }
            final String first = events.get(0);
            if (first.startsWith("CommandRejected"))
            {
                final String reason = field(first, "reason=");
                final String type = field(first, "type=");
                count("reject " + reason);
                if (reason.equals("DUPLICATE_REQUEST"))
                {
                    count("duplicate of " + field(first, "orig="));
                }
                if (reason.equals("NOT_AUTHORIZED"))
                {
                    count("not authorized " + type);
                }
                if (type.endsWith("_API_KEY"))
                {
                    count((type.startsWith("CREATE") ? "CreateApiKey " : "RevokeApiKey ") + reason +
                        (reason.equals("DUPLICATE_REQUEST") ? " of " + field(first, "orig=") : ""));
                }
            }
            else
            {
                count("outcome " + first.substring(0, first.indexOf(' ')) +
                    (first.startsWith("CommandAccepted") ? " " + field(first, "type=") : ""));
            }
            if (first.startsWith("OrderReplaced"))
            {
                count("replace kept=" + field(first, "kept="));
            }
            int trades = 0;
            for (final String event : events)
            {
                if (event.startsWith("OrderExpired"))
                {
                    count("expire " + field(event, "reason="));
                }
                else if (event.startsWith("OrderCancelled"))
                {
                    count("cancel " + field(event, "reason="));
                }
                else if (event.startsWith("BalanceChanged"))
                {
                    count("balance " + field(event, "cause="));
                }
                else if (event.startsWith("Trade"))
                {
                    trades++;
                }
                else if (event.startsWith("ApiKeyRevoked"))
                {
                    count(first.startsWith("ApiKeyCreated") ? "key revoked by rotation" :
                        "key revoked by RevokeApiKey");
                }
            }
            if (trades > 0)
            {
                count(trades == 1 ? "fills 1" : trades < 4 ? "fills 2-3" : "fills 4+");
            }
        }

        private void count(final String key)
        {
            counts.merge(key, 1L, Long::sum);
        }

        private static String field(final String line, final String name)
        {
            final int start = line.indexOf(name) + name.length();
            final int end = line.indexOf(' ', start);
            return end < 0 ? line.substring(start) : line.substring(start, end);
        }

        public synchronized void merge(final Coverage other)
        {
            for (final Map.Entry<String, Long> entry : other.counts.entrySet())
            {
                counts.merge(entry.getKey(), entry.getValue(), Long::sum);
            }
        }

        public synchronized TreeMap<String, Long> counts()
        {
            return new TreeMap<>(counts);
        }

        public String toString()
        {
            final StringBuilder sb = new StringBuilder();
            counts.forEach((key, value) -> sb.append(String.format("  %-52s %,12d%n", key, value)));
            return sb.toString();
        }
    }

    /** A difference between the BLP and the reference, with everything needed to reproduce it. */
    public static final class Divergence
    {
        public final long seed;
        public final int index;
        public final String kind;
        public final TestCommand command;
        public final List<String> expected;
        public final List<String> actual;
        public final String detail;
        public final List<TestCommand> prefix;
        List<TestCommand> shrunk;
        Divergence shrunkDivergence;
        long shrinkMs;

        Divergence(
            final long seed, final int index, final String kind, final TestCommand command,
            final List<String> expected, final List<String> actual, final String detail,
            final List<TestCommand> prefix)
        {
            this.seed = seed;
            this.index = index;
            this.kind = kind;
            this.command = command;
            this.expected = expected;
            this.actual = actual;
            this.detail = detail;
            this.prefix = prefix;
        }

        public String describe()
        {
            final StringBuilder sb = new StringBuilder();
            sb.append("BLP diverges from the reference model (").append(kind).append(")\n")
                .append("seed=").append(seed).append(" command index=").append(index)
                .append("  (re-run: -Dordo.seed=").append(seed).append(" -Dordo.commands=").append(index + 1)
                .append(")\n")
                .append("command: ").append(command).append('\n');
            appendEvents(sb, expected, actual);
            if (detail != null)
            {
                sb.append("detail:\n").append(detail).append('\n');
            }
            if (shrunk != null)
            {
                sb.append("shortest reproducing sequence found: ").append(shrunk.size()).append(" of ")
                    .append(prefix.size()).append(" commands (").append(shrinkMs).append(" ms of delta debugging)")
                    .append(", as TestCommand factory calls:\n");
                for (final TestCommand c : shrunk)
                {
                    sb.append("    ").append(c.toJava()).append(",\n");
                }
                if (shrunkDivergence != null)
                {
                    sb.append("on which the last command (").append(shrunkDivergence.kind).append(") gives:\n");
                    appendEvents(sb, shrunkDivergence.expected, shrunkDivergence.actual);
                    if (shrunkDivergence.detail != null)
                    {
                        sb.append("detail:\n").append(shrunkDivergence.detail).append('\n');
                    }
                }
            }
            else if (prefix.size() <= 200)
            {
                sb.append("reproducing prefix:\n");
                for (final TestCommand c : prefix)
                {
                    sb.append("    ").append(c.toJava()).append(",\n");
                }
            }
            return sb.toString();
        }

        private static void appendEvents(final StringBuilder sb, final List<String> expected, final List<String> actual)
        {
            sb.append("expected (reference model, per spec):\n");
            final int lines = Math.max(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++)
            {
                final boolean same = i < actual.size() && expected.get(i).equals(actual.get(i));
                sb.append(same ? "    " : "  * ").append(expected.get(i)).append('\n');
            }
            sb.append("actual (BLP):\n");
            for (int i = 0; i < actual.size(); i++)
            {
                final boolean same = i < expected.size() && expected.get(i).equals(actual.get(i));
                sb.append(same ? "    " : "  * ").append(actual.get(i)).append('\n');
            }
            if (lines == 0)
            {
                sb.append("    (no events on either side)\n");
            }
        }
    }

    public DifferentialHarness(final Coverage coverage, final long shrinkBudgetMs)
    {
        this.coverage = coverage;
        this.shrinkBudgetMs = shrinkBudgetMs;
    }

    private BusinessLogicProcessor newBlp(final BlpConfig config)
    {
        return new BusinessLogicProcessor(config, (b, o, l) -> actual.add(eventText.decode(b, o, l)));
    }

    /**
     * Generates and runs one seeded stream.
     *
     * @return null if the BLP matched the reference throughout, else the (shrunk) divergence.
     */
    public Divergence run(final long seed, final int commands, final int invariantEvery, final int hashEvery)
    {
        final BlpConfig config = configFor(seed);
        final ReferenceModel model = new ReferenceModel(config.requestWindowCapacity());
        final RandomizedWorkload generator = new RandomizedWorkload(seed, model);
        final BusinessLogicProcessor blp = newBlp(config);
        final List<TestCommand> stream = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++)
        {
            final TestCommand command = generator.next();
            stream.add(command);
            final boolean last = i == commands - 1;
            final Divergence divergence = step(seed, i, command, model, blp, stream,
                invariantEvery > 0 && (i % invariantEvery == 0 || last),
                hashEvery > 0 && (i % hashEvery == 0 || last));
            if (divergence != null)
            {
                shrink(divergence);
                return divergence;
            }
        }
        return null;
    }

    /**
     * Replays a given list of commands without shrinking: events after every command, state hash and invariants
     * every {@code checkEvery} commands and after the last.
     */
    public Divergence replay(final long seed, final List<TestCommand> commands, final int checkEvery)
    {
        final BlpConfig config = configFor(seed);
        final ReferenceModel model = new ReferenceModel(config.requestWindowCapacity());
        final BusinessLogicProcessor blp = newBlp(config);
        for (int i = 0; i < commands.size(); i++)
        {
            final boolean check = i % checkEvery == 0 || i == commands.size() - 1;
            final Divergence divergence = step(seed, i, commands.get(i), model, blp, commands, check, check);
            if (divergence != null)
            {
                return divergence;
            }
        }
        return null;
    }

    private Divergence step(
        final long seed, final int index, final TestCommand command, final ReferenceModel model,
        final BusinessLogicProcessor blp, final List<TestCommand> stream, final boolean checkInvariants,
        final boolean checkHash)
    {
        actual.clear();
        final int length = command.encode(writer, buffer);
        try
        {
            blp.onCommand(buffer, 0, length);
        }
        catch (final Throwable t)
        {
            actual.add("EXCEPTION from onCommand: " + t);
        }
        final List<String> expected = model.apply(command);
        if (coverage != null)
        {
            coverage.onEvents(expected);
        }
        if (!expected.equals(actual))
        {
            return new Divergence(seed, index, "events", command, expected, new ArrayList<>(actual), null,
                new ArrayList<>(stream.subList(0, index + 1)));
        }
        if (checkHash)
        {
            final String modelDefect = model.selfCheck();
            if (modelDefect != null)
            {
                throw new IllegalStateException("reference model defect at seed " + seed + " command " + index +
                    " (" + command + "): " + modelDefect);
            }
            final long expectedHash = model.stateHash();
            long actualHash;
            String error = null;
            try
            {
                actualHash = blp.stateHash();
            }
            catch (final Throwable t)
            {
                actualHash = 0;
                error = "EXCEPTION from stateHash: " + t;
            }
            if (expectedHash != actualHash)
            {
                return new Divergence(seed, index, "state hash", command, expected, new ArrayList<>(actual),
                    "reference stateHash=" + Long.toHexString(expectedHash) + " BLP stateHash=" +
                    Long.toHexString(actualHash) + (error == null ? "" : " " + error),
                    new ArrayList<>(stream.subList(0, index + 1)));
            }
        }
        if (checkInvariants)
        {
            String violations;
            try
            {
                violations = invariants.check(blp, model);
            }
            catch (final Throwable t)
            {
                violations = "EXCEPTION while walking the BLP: " + t;
            }
            if (violations != null)
            {
                return new Divergence(seed, index, "invariant", command, expected, new ArrayList<>(actual),
                    violations, new ArrayList<>(stream.subList(0, index + 1)));
            }
        }
        return null;
    }

    /** ddmin over the prefix: drop chunks of commands while some divergence remains, cutting after it. */
    private void shrink(final Divergence divergence)
    {
        final long start = System.nanoTime();
        final long deadline = start + shrinkBudgetMs * 1_000_000L;
        List<TestCommand> current = divergence.prefix;
        Divergence currentDivergence = null;
        int parts = 2;
        while (current.size() > 1 && System.nanoTime() < deadline)
        {
            final int chunk = (current.size() + parts - 1) / parts;
            boolean reduced = false;
            for (int from = 0; from < current.size() && System.nanoTime() < deadline; from += chunk)
            {
                final List<TestCommand> candidate = new ArrayList<>(current.subList(0, from));
                candidate.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
                if (candidate.isEmpty())
                {
                    continue;
                }
                final Divergence found = replay(divergence.seed, candidate, candidate.size() > 2_000 ? 256 : 1);
                if (found != null)
                {
                    current = new ArrayList<>(candidate.subList(0, found.index + 1));
                    currentDivergence = found;
                    parts = Math.max(parts - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced)
            {
                if (parts >= current.size())
                {
                    break;
                }
                parts = Math.min(current.size(), parts * 2);
            }
        }
        // Cut the result at its first divergence, with checks after every command when it is small enough.
        final Divergence found = replay(divergence.seed, current, current.size() > 20_000 ? 256 : 1);
        if (found != null)
        {
            current = new ArrayList<>(current.subList(0, found.index + 1));
            currentDivergence = found;
        }
        divergence.shrunk = current;
        divergence.shrunkDivergence = currentDivergence;
        divergence.shrinkMs = (System.nanoTime() - start) / 1_000_000L;
    }
}
