package io.ordo.workload;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link StandardWorkload}'s pre-fill and measured streams in an engine-neutral binary file, so that
 * another engine (exchange-core, in its own JVM and module) can run exactly the same orders. Big-endian
 * ({@link DataOutputStream}).
 * <pre>
 *   magic "ORDOWKLD" (8 bytes), version (int 1), accounts (int), pre-fill count (int), measured count (int),
 *   then per command: kind (byte, see below), side (byte, 1 buy / 2 sell / 0),
 *   account (long), order id (long), price (long), size (long)
 * </pre>
 * The kind byte is the file's own code, fixed by its version so that a reader in another JVM (which cannot see
 * {@link CommandKind}) keeps working: 1 GTC, 2 IOC, 3 cancel, 4 move, 5 reduce, 6 transfer, 7 deposit,
 * 8 withdraw ({@link #kindCode(CommandKind)}). Order ids are Ordo's (the generator learned them from Ordo's events);
 * any engine that takes client-assigned ids can use them as they are.
 * <p>
 * Stateless; safe from any thread, one file per call.
 */
public final class WorkloadFile
{
    public static final long MAGIC = 0x4F52444F574B4C44L; // "ORDOWKLD"
    public static final int VERSION = 1;

    private WorkloadFile()
    {
    }

    public static void write(final StandardWorkload workload, final Path file) throws IOException
    {
        try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)))
        {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(workload.accounts());
            out.writeInt(workload.prefill().count());
            out.writeInt(workload.measured().count());
            write(out, workload.prefill());
            write(out, workload.measured());
        }
    }

    private static void write(final DataOutputStream out, final CommandStream stream) throws IOException
    {
        for (int i = 0, n = stream.count(); i < n; i++)
        {
            out.writeByte(kindCode(stream.kind(i)));
            out.writeByte(stream.side(i));
            out.writeLong(stream.accountId(i));
            out.writeLong(stream.orderId(i));
            out.writeLong(stream.price(i));
            out.writeLong(stream.size(i));
        }
    }

    /**
     * @return the file's code of a kind the standard workload puts in its pre-fill and measured streams.
     * @throws IllegalArgumentException for any other kind: the file format has no code for it.
     */
    public static byte kindCode(final CommandKind kind)
    {
        return switch (kind)
        {
            case PLACE_GTC -> 1;
            case PLACE_IOC -> 2;
            case CANCEL_ORDER -> 3;
            case MOVE_ORDER -> 4;
            case REDUCE_ORDER -> 5;
            case TRANSFER -> 6;
            case DEPOSIT -> 7;
            case WITHDRAW -> 8;
            default -> throw new IllegalArgumentException("no workload file code for command kind " + kind);
        };
    }
}
