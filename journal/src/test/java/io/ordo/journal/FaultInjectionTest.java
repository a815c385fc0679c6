package io.ordo.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.ordo.core.BlpConfig;
import io.ordo.workload.CommandKind;
import io.ordo.workload.DifferentialHarness;
import io.ordo.workload.RandomizedWorkload;
import io.ordo.workload.TestCommand;
import org.agrona.IoUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite: for each kind of file in a data directory (input and output {@code .cq4}, their
 * {@code metadata.cq4t}, the newest snapshot, {@code ordo-data.properties}) and each fault (a flipped byte at a
 * random offset, truncation at a random length, deletion, garbage appended), on a fresh copy of a good directory:
 * <ul>
 *   <li>neither verify nor start-up crashes: each either succeeds or refuses with a {@link JournalException};</li>
 *   <li>verify modifies no file; a refused start-up modifies no journal, snapshot or settings file;</li>
 *   <li>they give the same verdict: verify passes exactly when start-up succeeds without finding damage (a
 *       snapshot that does not load is damage: start-up recovers around it but says so);</li>
 *   <li>whenever start-up succeeds, no record was lost or changed and the engine goes on: after 20 more
 *       commands the directory verifies, and both journals hold exactly the good directory's records (an output
 *       journal it rebuilt included) followed by the new ones.</li>
 * </ul>
 * The {@code metadata.cq4t} files are Chronicle's lock and directory-listing cache, not journal data (no reader of
 * Ordo's reads them): a fault there must not cost a record, whatever verdict it gets.
 * <p>
 * Prints the table of faults and verdicts (docs/operations.md shows one).
 */
class FaultInjectionTest
{
    private static final int WINDOW = DifferentialHarness.WINDOW_CAPACITY;
    private static final int COMMANDS = 1_500;

    @TempDir
    static Path base;

    @TempDir
    Path work;

    private static Path good;
    private static List<String> goodInput;
    private static List<String> goodOutput;
    private static List<TestCommand> more;

    enum FileKind
    {
        INPUT_CQ4, OUTPUT_CQ4, INPUT_CQ4T, OUTPUT_CQ4T, SNAPSHOT, PROPERTIES
    }

    enum Fault
    {
        FLIP, TRUNCATE, DELETE, APPEND_GARBAGE
    }

    @BeforeAll
    static void writeGoodDirectory() throws Exception
    {
        good = base.resolve("good");
        final List<TestCommand> stream = RandomizedWorkload.generate(83, COMMANDS + 100, WINDOW).stream()
            .filter(c -> c.kind != CommandKind.TAKE_SNAPSHOT).limit(COMMANDS + 20).toList();
        more = stream.subList(COMMANDS, COMMANDS + 20);
        try (Engine engine = Engine.start(config(good)))
        {
            final Submitter submitter = new Submitter();
            submitter.submit(engine, stream.subList(0, COMMANDS));
            submitter.awaitAll();
        }
        goodInput = OutputRecords.of(good.resolve("input"));
        goodOutput = OutputRecords.of(good.resolve("output"));
        assertThat(goodInput).hasSize(COMMANDS);
        assertThat(Verifier.verify(new DataDirectory(good), null).ok()).isTrue();
    }

    private static EngineConfig config(final Path dir)
    {
        return new EngineConfig().dataDirectory(dir).createDataDirectory(true)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(500);
    }

    @Test
    void shouldGiveOneVerdictOnEveryFaultWithoutCrashingOrLosingARecord() throws Exception
    {
        run(2, 20261201L);
    }

    @Test
    @Tag("slow")
    void shouldGiveOneVerdictOnEveryFaultOverManySeeds() throws Exception
    {
        run(40, 7L);
    }

    private void run(final int rounds, final long seed) throws Exception
    {
        final Random random = new Random(seed);
        final List<String> table = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        int cases = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (final FileKind kind : FileKind.values())
            {
                for (final Fault fault : Fault.values())
                {
                    final Path copy = work.resolve("case-" + cases++);
                    copyDirectory(good, copy);
                    final Path file = fileOf(copy, kind);
                    final String applied = apply(fault, kind, file, random);
                    table.add(check(kind, fault, applied, copy, violations));
                    deleteDirectory(copy);
                }
            }
        }
        System.out.println("fault injection, seed " + seed + ", " + cases + " cases:");
        System.out.println("| file | fault | verify | start-up | message |");
        System.out.println("|---|---|---|---|---|");
        table.forEach(System.out::println);
        assertThat(violations).as("violations").isEmpty();
    }

    private static String check(final FileKind kind, final Fault fault, final String applied, final Path copy,
        final List<String> violations) throws Exception
    {
        final String label = kind + " " + applied;
        final Map<String, String> before = digests(copy);

        String verifyVerdict;
        String message = "";
        try
        {
            final Verifier.Result result = Verifier.verify(new DataDirectory(copy), null);
            verifyVerdict = result.ok() ? "OK" : "FAILED";
            if (!result.ok())
            {
                message = result.problems().get(0);
            }
        }
        catch (final JournalException e)
        {
            verifyVerdict = "FAILED";
            message = e.getMessage();
        }
        catch (final Throwable e)
        {
            verifyVerdict = "CRASH";
            violations.add(label + ": verify crashed: " + e);
        }
        final Map<String, String> afterVerify = digests(copy);
        if (!afterVerify.equals(before))
        {
            violations.add(label + ": verify modified " + changed(before, afterVerify));
        }

        String startVerdict;
        String startMessage = "";
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(copy)
            .blpConfig(new BlpConfig().requestWindowCapacity(WINDOW)).snapshotIntervalCommands(500)))
        {
            startVerdict = engine.recovery().unusableSnapshots() > 0 ? "RECOVERED, DAMAGE REPORTED" : "OK";
            startMessage = engine.recovery().warnings().isEmpty() ? "" : engine.recovery().warnings().get(0);
            // and it goes on: more commands are appended where the journals end
            final Submitter submitter = new Submitter();
            submitter.submit(engine, more);
            submitter.awaitAll();
            if (engine.failure() != null)
            {
                violations.add(label + ": the engine failed after a successful start-up: " + engine.failure());
            }
        }
        catch (final JournalException e)
        {
            startVerdict = "REFUSED";
            startMessage = e.getMessage();
            final Map<String, String> afterStart = digests(copy);
            afterStart.keySet().removeIf(FaultInjectionTest::mayChangeOnStart);
            final Map<String, String> expected = new TreeMap<>(afterVerify);
            expected.keySet().removeIf(FaultInjectionTest::mayChangeOnStart);
            if (!afterStart.equals(expected))
            {
                violations.add(label + ": a refused start-up modified " + changed(expected, afterStart));
            }
        }
        catch (final Throwable e)
        {
            startVerdict = "CRASH";
            violations.add(label + ": start-up crashed: " + e);
        }

        final boolean verifyOk = "OK".equals(verifyVerdict);
        final boolean startOk = "OK".equals(startVerdict);
        final boolean cache = kind == FileKind.INPUT_CQ4T || kind == FileKind.OUTPUT_CQ4T;
        if (verifyOk != startOk && !(cache && verifyOk))
        {
            violations.add(label + ": verify " + verifyVerdict + " but start-up " + startVerdict + " (" +
                (verifyOk ? startMessage : message) + ")");
        }
        if (!"REFUSED".equals(startVerdict) && !"CRASH".equals(startVerdict))
        {
            final Verifier.Result after = Verifier.verify(new DataDirectory(copy), null);
            final boolean onlyTheDamagedSnapshot = !"OK".equals(startVerdict) &&
                after.problems().stream().allMatch(p -> p.startsWith("snapshot ") && p.contains(" damaged"));
            if (!(after.ok() || onlyTheDamagedSnapshot) || after.outputBehind() != 0)
            {
                violations.add(label + ": after a successful start-up verify says " + after.problems());
            }
            final List<String> input = OutputRecords.of(copy.resolve("input"));
            final List<String> output = OutputRecords.of(copy.resolve("output"));
            if (input.size() != COMMANDS + more.size() || output.size() != input.size() ||
                !input.subList(0, COMMANDS).equals(goodInput) || !output.subList(0, COMMANDS).equals(goodOutput))
            {
                violations.add(label + ": after a successful start-up and " + more.size() + " more commands the " +
                    "journals do not hold the good records followed by the new ones");
            }
        }
        final String shown = !message.isEmpty() ? message : startMessage;
        return "| " + kind + " | " + applied + " | " + verifyVerdict + " | " + startVerdict + " | " +
            shorten(shown.replace(copy.toString(), "DIR")) + " |";
    }

    /** Chronicle's own lock and cache files, and Ordo's lock: a start-up that opened the queues may write them. */
    private static boolean mayChangeOnStart(final String relative)
    {
        return relative.endsWith(".cq4t") || relative.equals(DataDirectoryLock.FILE);
    }

    private static String shorten(final String message)
    {
        final String oneLine = message.replace('\n', ' ').replace('|', '/');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }

    private static String changed(final Map<String, String> before, final Map<String, String> after)
    {
        final List<String> files = new ArrayList<>();
        for (final String name : before.keySet())
        {
            if (!before.get(name).equals(after.get(name)))
            {
                files.add(name);
            }
        }
        for (final String name : after.keySet())
        {
            if (!before.containsKey(name))
            {
                files.add(name + " (new)");
            }
        }
        return files.toString();
    }

    private static Path fileOf(final Path dir, final FileKind kind) throws IOException
    {
        return switch (kind)
        {
            case INPUT_CQ4 -> only(dir.resolve("input"), ".cq4");
            case OUTPUT_CQ4 -> only(dir.resolve("output"), ".cq4");
            case INPUT_CQ4T -> dir.resolve("input").resolve("metadata.cq4t");
            case OUTPUT_CQ4T -> dir.resolve("output").resolve("metadata.cq4t");
            case SNAPSHOT -> new SnapshotStore(dir.resolve("snapshots"), 3).list().get(0);
            case PROPERTIES -> dir.resolve(DataDirectory.METADATA_FILE);
        };
    }

    private static Path only(final Path dir, final String suffix) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    /** Applies the fault; for the journal files, offsets fall mostly in the part holding data. */
    private static String apply(final Fault fault, final FileKind kind, final Path file, final Random random)
        throws IOException
    {
        final long size = Files.size(file);
        final boolean journal = kind == FileKind.INPUT_CQ4 || kind == FileKind.OUTPUT_CQ4;
        final long used = journal ? Math.min(size, usedBytes(file) + 64) : size;
        switch (fault)
        {
            case FLIP:
            {
                final long offset = random.nextInt(10) == 0 ? (long)(random.nextDouble() * size) :
                    (long)(random.nextDouble() * used);
                final int mask = 1 << random.nextInt(8);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                {
                    raf.seek(offset);
                    final int value = raf.read();
                    raf.seek(offset);
                    raf.write(value ^ mask);
                }
                return String.format("flip 0x%02x at %d", mask, offset);
            }
            case TRUNCATE:
            {
                final long length = (long)(random.nextDouble() * used);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                {
                    raf.setLength(length);
                }
                return "truncate to " + length + " bytes";
            }
            case DELETE:
                Files.delete(file);
                return "delete";
            case APPEND_GARBAGE:
            {
                final byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                garbage[0] |= 1;
                Files.write(file, garbage, StandardOpenOption.APPEND);
                return "append " + garbage.length + " bytes";
            }
            default:
                throw new IllegalArgumentException(fault.toString());
        }
    }

    /** @return the end of a good journal file's last document (its free space starts there). */
    private static long usedBytes(final Path file)
    {
        try (JournalReader reader = new JournalReader(file.getParent(), "journal"))
        {
            reader.readToEnd();
            return (reader.recordPosition() + JournalRecord.HEADER_LENGTH + reader.length() + 3) & ~3L;
        }
    }

    private static Map<String, String> digests(final Path dir) throws Exception
    {
        final Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final CRC32C crc = new CRC32C();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
                {
                    if (channel.size() > 0)
                    {
                        final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                        crc.update(mapped);
                        IoUtil.unmap(mapped);
                    }
                }
                digests.put(dir.relativize(file).toString(), Files.size(file) + ":" + Long.toHexString(crc.getValue()));
            }
        }
        return digests;
    }

    /** Copies a directory, keeping the journals' files sparse (blocks of zeros are skipped, not written). */
    private static void copyDirectory(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path source : paths.toList())
            {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    copySparse(source, target);
                }
            }
        }
    }

    private static void copySparse(final Path source, final Path target) throws IOException
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(1 << 16);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
            FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            long position = 0;
            while (true)
            {
                block.clear();
                final int read = in.read(block, position);
                if (read <= 0)
                {
                    break;
                }
                block.flip();
                if (!allZero(block))
                {
                    out.write(block, position);
                }
                position += read;
            }
            if (out.size() < position)
            {
                out.truncate(position);
                out.write(ByteBuffer.allocate(1), position - 1);
            }
        }
    }

    private static boolean allZero(final ByteBuffer block)
    {
        int i = block.position();
        for (; i + Long.BYTES <= block.limit(); i += Long.BYTES)
        {
            if (block.getLong(i) != 0)
            {
                return false;
            }
        }
        for (; i < block.limit(); i++)
        {
            if (block.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void deleteDirectory(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
