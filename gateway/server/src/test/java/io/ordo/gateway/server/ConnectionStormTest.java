package io.ordo.gateway.server;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.ByteBufAllocator;
import io.ordo.client.ApiKeyFile;
import io.ordo.protocol.CommandWriter;
import io.ordo.protocol.codec.LoginAcceptedDecoder;
import io.ordo.protocol.codec.MessageHeaderDecoder;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of connections that come and go every way a client can leave: at once, after Hello, after a login,
 * halfway through a frame, with a reset, with a command in flight, during a failed login's delay, or closed by the
 * server for a bad frame. Afterwards the server holds nothing for them: the JVM's threads, the process's file
 * descriptors, Netty's allocator memory and the router's sessions are back to what they were before (waited for
 * with a deadline, no timing thresholds), and Netty's leak detector, at {@code PARANOID}, reports no buffer.
 * <p>
 * {@code -Dordo.storm.connections=N} sets the count (10,000); the {@code slow} variant ({@code -Psoak}) makes
 * {@code ordo.soak.storm.connections} (200,000).
 */
class ConnectionStormTest
{
    private static final long SEED = 77;
    private static final int CLIENT_THREADS = 4;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final long SETTLE_DEADLINE_MS = 20_000;
    /** File descriptors the JVM may open or close by itself meanwhile (a class file, a journal file). */
    private static final long FD_TOLERANCE = 8;
    /** An allocator may keep a chunk it took under load (the readings were equal when this was written). */
    private static final long MEMORY_TOLERANCE = 1L << 20;

    /** Every way the storm's connections end. */
    enum Kind
    {
        CONNECT_CLOSE, HELLO_CLOSE, LOGIN_CLOSE, MID_FRAME_CLOSE, RESET_AFTER_LOGIN, RESET_MID_FRAME,
        SERVER_CLOSES_LOGGED_IN, COMMAND_IN_FLIGHT_CLOSE, FAILED_LOGIN_CLOSE
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldHoldNoThreadDescriptorBufferOrSessionForConnectionsThatCameAndWent() throws Exception
    {
        storm(Integer.getInteger("ordo.storm.connections", 10_000));
    }

    @Test
    @Tag("slow")
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void shouldHoldNothingForALongStormOfConnections() throws Exception
    {
        storm(Integer.getInteger("ordo.soak.storm.connections", 200_000));
    }

    private void storm(final int connections) throws Exception
    {
        try (ResourceWatch watch = new ResourceWatch().watchLeaks();
            Venue venue = new Venue(dir, engine -> { }, gateway -> gateway.failedLoginDelayMs(50)))
        {
            assertThat(watch.seesADeliberateLeak(SETTLE_DEADLINE_MS)).as("the leak watch works").isTrue();
            final ApiKeyFile trader = venue.traderKey(1);
            // Warm up first, so that what starts once (event loop threads, allocator chunks, JIT) is in the baseline.
            run(venue.port(), trader, 200, SEED - 1);
            awaitRouterSessions(venue, 1);
            final ResourceWatch.Reading before = settled(ResourceWatch::read);
            final long acceptedBefore = venue.gateway.counters().connectionsAccepted.get();

            final long startNs = System.nanoTime();
            final Map<Kind, Integer> kinds = run(venue.port(), trader, connections, SEED);
            final long stormMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

            awaitRouterSessions(venue, 1);
            final ResourceWatch.Reading after = awaitBack(before);
            watch.provokeLeakReports();
            System.out.printf("storm: %d connections in %d ms %s; default allocator %s%n  before: %s%n  after:  %s%n",
                connections, stormMs, kinds, ByteBufAllocator.DEFAULT.getClass().getSimpleName(), before, after);

            assertThat(watch.leaks).as("buffers Netty's leak detector (PARANOID) reports").isEmpty();
            assertThat(after.threads()).as("live threads; new ones: %s", difference(after.threadNames(),
                before.threadNames())).isLessThanOrEqualTo(before.threads());
            assertThat(after.fileDescriptors()).as("open file descriptors")
                .isLessThanOrEqualTo(before.fileDescriptors() + FD_TOLERANCE);
            assertThat(after.defaultDirect() + after.defaultHeap()).as("the default allocator's memory")
                .isLessThanOrEqualTo(before.defaultDirect() + before.defaultHeap() + MEMORY_TOLERANCE);
            assertThat(after.pooledDirect() + after.pooledHeap()).as("the pooled allocator's memory")
                .isLessThanOrEqualTo(before.pooledDirect() + before.pooledHeap() + MEMORY_TOLERANCE);
            assertThat(after.nettyDirect()).as("Netty's direct memory")
                .isLessThanOrEqualTo(before.nettyDirect() + MEMORY_TOLERANCE);
            assertThat(venue.gateway.unexpectedErrors()).as("defects on the I/O threads").isZero();
            final GatewayCounters counters = venue.gateway.counters();
            assertThat(counters.connectionsAccepted.get() - acceptedBefore).as("connections counted")
                .isGreaterThanOrEqualTo(connections);
            assertThat(counters.connectionsOpen.get()).as("connections open: the operator's").isEqualTo(1);
            assertThat(counters.sessionsLoggedIn.get()).as("sessions logged in: the operator's").isEqualTo(1);
            assertThat(venue.connect(trader, null).placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000)
                .join().accepted()).as("the server still trades").isTrue();
        }
    }

    /** Runs the connections on a few client threads at once; returns how many of each kind. */
    private static Map<Kind, Integer> run(final int port, final ApiKeyFile trader, final int connections,
        final long seed) throws Exception
    {
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try
        {
            final List<Future<int[]>> done = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++)
            {
                final int share = connections / CLIENT_THREADS + (t < connections % CLIENT_THREADS ? 1 : 0);
                final StormClient client = new StormClient(port, trader, new SplittableRandom(seed * 31 + t), t);
                done.add(clients.submit(() -> client.run(share)));
            }
            final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
            for (final Future<int[]> future : done)
            {
                final int[] counts = future.get(10, TimeUnit.MINUTES);
                for (final Kind kind : Kind.values())
                {
                    kinds.merge(kind, counts[kind.ordinal()], Integer::sum);
                }
            }
            return kinds;
        }
        finally
        {
            clients.shutdown();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /**
     * The router takes a closed session out before it routes the next command: so commands go through until it
     * holds only the sessions still open (the operator's), or the deadline passes.
     */
    private static void awaitRouterSessions(final Venue venue, final int expected) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_DEADLINE_MS);
        int held;
        do
        {
            assertThat(venue.operator.deposit(1, Venue.USD, 1).join().accepted()).isTrue();
            held = routerSessions(venue.gateway);
        }
        while (held != expected && System.nanoTime() < deadlineNs);
        assertThat(held).as("sessions the router holds: only those still open").isEqualTo(expected);
    }

    /** White box: the router's list of logged-in sessions (it has no accessor; this test is its only reader). */
    private static int routerSessions(final Gateway gateway) throws ReflectiveOperationException
    {
        final Field sessions = EventRouter.class.getDeclaredField("sessions");
        sessions.setAccessible(true);
        return ((List<?>)sessions.get(gateway.router())).size();
    }

    /** A reading taken once two in a row agree (the JVM's own threads come and go). */
    private static ResourceWatch.Reading settled(final Supplier<ResourceWatch.Reading> reading)
        throws InterruptedException
    {
        ResourceWatch.Reading previous = reading.get();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_DEADLINE_MS);
        while (System.nanoTime() < deadlineNs)
        {
            Thread.sleep(200);
            final ResourceWatch.Reading next = reading.get();
            if (next.threads() == previous.threads() && next.fileDescriptors() == previous.fileDescriptors())
            {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    /** Waits, up to the deadline, for every reading to be back within its tolerance of the baseline. */
    private static ResourceWatch.Reading awaitBack(final ResourceWatch.Reading before) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_DEADLINE_MS);
        ResourceWatch.Reading now = ResourceWatch.read();
        while (!isBack(before, now) && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(100);
            now = ResourceWatch.read();
        }
        return now;
    }

    private static Set<String> difference(final Set<String> names, final Set<String> without)
    {
        final Set<String> difference = new TreeSet<>(names);
        difference.removeAll(without);
        return difference;
    }

    private static boolean isBack(final ResourceWatch.Reading before, final ResourceWatch.Reading now)
    {
        return now.threads() <= before.threads() &&
            now.fileDescriptors() <= before.fileDescriptors() + FD_TOLERANCE &&
            now.defaultDirect() + now.defaultHeap() <= before.defaultDirect() + before.defaultHeap() +
            MEMORY_TOLERANCE &&
            now.pooledDirect() + now.pooledHeap() <= before.pooledDirect() + before.pooledHeap() + MEMORY_TOLERANCE &&
            now.nettyDirect() <= before.nettyDirect() + MEMORY_TOLERANCE;
    }

    /**
     * One client thread of the storm: connections one after another, each ended one of the {@link Kind} ways.
     * Failed logins come from an address of its own (127.0.1.x), whatever the login limit does to it; the others
     * from 250 addresses of its own (127.0.(2 + x).y), so that tens of thousands of closed connections in TIME_WAIT
     * do not use up the ephemeral ports of one address.
     */
    private static final class StormClient
    {
        private final int port;
        private final SplittableRandom random;
        private final InetAddress failingAddress;
        private final InetAddress[] addresses = new InetAddress[250];
        private final byte[] hello = FuzzFrames.hello().wire;
        private final byte[] login;
        private final byte[] wrongLogin;
        private final byte[] order;
        private final byte[] tiny = {3, 0, 0, 0, 1, 2, 3};

        StormClient(final int port, final ApiKeyFile trader, final SplittableRandom random, final int client)
            throws Exception
        {
            this.port = port;
            this.random = random;
            this.failingAddress = InetAddress.getByName("127.0.1." + (1 + client));
            for (int i = 0; i < addresses.length; i++)
            {
                addresses[i] = InetAddress.getByName("127.0." + (2 + client) + "." + (1 + i));
            }
            this.login = FuzzFrames.login(trader).wire;
            this.wrongLogin = login.clone();
            wrongLogin[wrongLogin.length - 1] ^= 1;
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final int length = new CommandWriter().placeOrder(buffer, 0, 1, 1, 0, Venue.BTC_USD, Side.SELL,
                OrderKind.IOC, 1_000_000, 1_000, 0);
            this.order = FuzzFrame.of(FuzzFrame.Kind.VALID_COMMAND, buffer, length).wire;
        }

        int[] run(final int connections) throws Exception
        {
            final int[] counts = new int[Kind.values().length];
            for (int i = 0; i < connections; i++)
            {
                final Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                counts[kind.ordinal()]++;
                one(kind, addresses[i % addresses.length]);
            }
            return counts;
        }

        private void one(final Kind kind, final InetAddress address) throws Exception
        {
            final FuzzConnection connection = new FuzzConnection(kind == Kind.FAILED_LOGIN_CLOSE ? failingAddress :
                address, port, READ_TIMEOUT_MS);
            try
            {
                switch (kind)
                {
                    case CONNECT_CLOSE:
                        break;
                    case HELLO_CLOSE:
                        write(connection, hello);
                        if (random.nextBoolean())
                        {
                            connection.read();
                        }
                        break;
                    case LOGIN_CLOSE:
                        logIn(connection);
                        break;
                    case MID_FRAME_CLOSE:
                        midFrame(connection);
                        break;
                    case RESET_AFTER_LOGIN:
                        logIn(connection);
                        connection.reset();
                        break;
                    case RESET_MID_FRAME:
                        midFrame(connection);
                        connection.reset();
                        break;
                    case SERVER_CLOSES_LOGGED_IN:
                        logIn(connection);
                        write(connection, tiny);
                        while (connection.read() != null)
                        {
                            continue;
                        }
                        assertThat(connection.end()).as("closed by the server")
                            .isNotEqualTo(FuzzConnection.End.TIMEOUT);
                        break;
                    case COMMAND_IN_FLIGHT_CLOSE:
                        logIn(connection);
                        write(connection, order);
                        break;
                    case FAILED_LOGIN_CLOSE:
                        write(connection, hello);
                        write(connection, wrongLogin);
                        break;
                    default:
                        throw new IllegalArgumentException(String.valueOf(kind));
                }
            }
            finally
            {
                connection.close();
            }
        }

        private void midFrame(final FuzzConnection connection)
        {
            if (random.nextBoolean())
            {
                logIn(connection);
            }
            final int cut = 1 + random.nextInt(order.length - 1);
            connection.write(order, cut);
        }

        private void logIn(final FuzzConnection connection)
        {
            write(connection, hello);
            write(connection, login);
            UnsafeBuffer answer;
            do
            {
                answer = connection.read();
            }
            while (answer != null && answer.getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
                MessageHeaderDecoder.BYTE_ORDER) != LoginAcceptedDecoder.TEMPLATE_ID);
            assertThat(answer).as("logged in (%s)", connection.end()).isNotNull();
        }

        private static void write(final FuzzConnection connection, final byte[] bytes)
        {
            assertThat(connection.write(bytes, bytes.length)).as("written").isTrue();
        }
    }
}
